#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "db_test_helpers.hpp"

using namespace runway;
using runway::test::scalar;
using runway::test::TempPostgresDatabase;

namespace {

// A TCP port on 127.0.0.1 where nothing listens.
int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

TEST_CASE("a wrong password fails without showing the password",
          "[integration][postgres]") {
  TempPostgresDatabase db;
  db::ConnectOptions options;
  options.url = db.jdbc_url();
  options.user = "runway";
  options.password = "wrong-pw-Z9";
  try {
    db::connect(options);
    FAIL("expected ConnectionError");
  } catch (const db::ConnectionError& e) {
    const std::string message = e.what();
    CHECK_THAT(message,
               Catch::StartsWith("Unable to obtain connection from "
                                 "database (" +
                                 db.jdbc_url() + ") for user 'runway': "));
    CHECK_THAT(message, Catch::Contains("password authentication failed"));
    CHECK(message.find("wrong-pw-Z9") == std::string::npos);
    CHECK(e.kind() == ErrorKind::kConnection);
    CHECK(e.code() == "DB_CONNECTION");
  }
  // The same with the password in the URL: the URL is printed masked.
  options.url = db.jdbc_url() + "?user=runway&password=wrong-pw-Z9";
  options.user = "ignored";
  try {
    db::connect(options);
    FAIL("expected ConnectionError");
  } catch (const db::ConnectionError& e) {
    const std::string message = e.what();
    CHECK_THAT(message,
               Catch::StartsWith("Unable to obtain connection from database (" +
                                 db.jdbc_url() +
                                 "?user=runway&password=********) for user "
                                 "'runway': "));
    CHECK(message.find("wrong-pw-Z9") == std::string::npos);
  }
}

TEST_CASE("connectRetries waits 1 s and doubles, one warning per retry",
          "[integration][postgres]") {
  db::ConnectOptions options;
  options.url = "jdbc:postgresql://127.0.0.1:" + std::to_string(closed_port()) +
                "/x?password=secret-in-url";
  options.user = "u";
  options.connect_retries = 2;
  std::vector<std::string> warnings;
  options.warn = [&](const std::string& w) { warnings.push_back(w); };
  const auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(db::connect(options), db::ConnectionError);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  REQUIRE(warnings.size() == 2);
  CHECK_THAT(warnings[0], Catch::StartsWith("Connection error: "));
  CHECK_THAT(warnings[0], Catch::EndsWith("\nRetrying in 1 sec..."));
  CHECK_THAT(warnings[1], Catch::EndsWith("\nRetrying in 2 sec..."));
  CHECK(warnings[0].find("secret-in-url") == std::string::npos);
  CHECK(elapsed >= std::chrono::milliseconds(2900));
  CHECK(elapsed < std::chrono::seconds(10));
}

TEST_CASE("the retry interval caps the back-off", "[integration][postgres]") {
  db::ConnectOptions options;
  options.url =
      "postgresql://127.0.0.1:" + std::to_string(closed_port()) + "/x";
  options.connect_retries = 3;
  options.connect_retries_interval = 1;
  std::vector<std::string> warnings;
  options.warn = [&](const std::string& w) { warnings.push_back(w); };
  CHECK_THROWS_AS(db::connect(options), db::ConnectionError);
  REQUIRE(warnings.size() == 3);
  for (const std::string& w : warnings) {
    CHECK_THAT(w, Catch::EndsWith("Retrying in 1 sec..."));
  }
}

TEST_CASE("no retries by default", "[integration][postgres]") {
  db::ConnectOptions options;
  options.url =
      "postgresql://127.0.0.1:" + std::to_string(closed_port()) + "/x";
  int warnings = 0;
  options.warn = [&](const std::string&) { ++warnings; };
  CHECK_THROWS_AS(db::connect(options), db::ConnectionError);
  CHECK(warnings == 0);
}

TEST_CASE("initSql runs after connecting", "[integration][postgres]") {
  TempPostgresDatabase db;
  db::ConnectOptions options;
  options.url = db.conninfo();
  options.init_sql = "SET application_name = 'from_init'; SET TIME ZONE 'UTC'";
  auto conn = db::connect(options);
  CHECK(scalar(*conn, "SHOW application_name") == "from_init");
  CHECK(scalar(*conn, "SHOW TimeZone") == "UTC");

  options.init_sql = "SELECT no_such_function()";
  CHECK_THROWS_AS(db::connect(options), db::SqlError);
}

TEST_CASE("a bad URL is a configuration error before any attempt",
          "[integration]") {
  db::ConnectOptions options;
  options.url = "jdbc:h2:mem:x";
  CHECK_THROWS_AS(db::connect(options), ConfigError);
}
