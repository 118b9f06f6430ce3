#include "runway/config/describe.hpp"

#include <catch2/catch.hpp>

#include "runway/config/redact.hpp"

using namespace runway;

namespace {

bool has(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

TEST_CASE("secrets include the password and passwords inside the URL",
          "[config][secrets]") {
  Settings s;
  s.password = "pw1";
  s.url =
      "jdbc:postgresql://app:p%40ss@db:5432/app?sslmode=require&password=pw2";
  s.jdbc_properties = {
      {"ApplicationName", "x"}, {"sslpassword", "pw3"}, {"accessToken", "t"}};
  const auto secrets = secrets_of(s);
  CHECK(has(secrets, "pw1"));
  CHECK(has(secrets, "p%40ss"));
  CHECK(has(secrets, "p@ss"));
  CHECK(has(secrets, "pw2"));
  CHECK(has(secrets, "pw3"));
  CHECK(has(secrets, "t"));
  CHECK_FALSE(has(secrets, "x"));
  CHECK_FALSE(has(secrets, ""));
}

TEST_CASE("secrets include a libpq password, quoted or not",
          "[config][secrets]") {
  Settings s;
  s.url = R"(host=db dbname=app password='it\'s secret' user=app)";
  CHECK(secrets_of(s) == std::vector<std::string>{"it's secret"});
  s.url = "host=db password = plain user=app";
  CHECK(secrets_of(s) == std::vector<std::string>{"plain"});
  s.url = "host=db password='two words' user=app";
  CHECK(secrets_of(s) == std::vector<std::string>{"two words"});
}

TEST_CASE("describe_settings shows values and origins without secrets",
          "[config][describe]") {
  Settings s;
  s.url = "postgresql://app:hunter2@db/app";
  s.password = "hunter2";
  s.placeholders = {{"tenant", "acme"}};
  s.config_files = {"/x/flyway.toml"};
  s.origin = {{"url", "file /x/flyway.toml"},
              {"password", "env FLYWAY_PASSWORD"},
              {"placeholders.tenant", "command line"}};
  const std::string text = describe_settings(s);
  CHECK_THAT(text, Catch::StartsWith("Configuration files:\n  /x/flyway.toml\n"
                                     "Environment: default\nSettings:\n"));
  CHECK_THAT(text, Catch::Contains("\n  url = postgresql://app:********@db/app "
                                   "(file /x/flyway.toml)\n"));
  CHECK_THAT(
      text, Catch::Contains("\n  password = ******** (env FLYWAY_PASSWORD)\n"));
  CHECK_THAT(
      text, Catch::Contains("\n  placeholders.tenant = acme (command line)\n"));
  CHECK_THAT(text,
             Catch::Contains("\n  table = flyway_schema_history (default)\n"));
  CHECK_THAT(text, !Catch::Contains("hunter2"));
}

TEST_CASE("describe_settings ends with the notes", "[config][describe]") {
  Settings s;
  s.notes = {"Ignoring 'flyway.jarDirs' (file /x): Ignored: Java drivers"};
  CHECK_THAT(describe_settings(s),
             Catch::EndsWith(
                 "\n  outputType = text (default)\n"
                 "  outputFile =  (default)\n"
                 "  color = auto (default)\n"
                 "  infoSinceDate =  (default)\n"
                 "  infoUntilDate =  (default)\n"
                 "  infoSinceVersion =  (default)\n"
                 "  infoUntilVersion =  (default)\n"
                 "  infoOfState =  (default)\n"
                 "  migrationIds = false (default)\n"
                 "Note: Ignoring 'flyway.jarDirs' (file /x): Ignored: Java "
                 "drivers\n"));
}

TEST_CASE("redact() masks a secret where it stands alone, not inside words",
          "[config][secrets]") {
  const std::vector<std::string> pg = {"postgres"};
  CHECK(redact("jdbc:postgresql://u:postgres@h/postgres", pg) ==
        "jdbc:postgresql://u:********@h/********");
  CHECK(redact("postgres password=postgres;", pg) ==
        "******** password=********;");
  CHECK(redact("postgresql.transactional.lock mypostgres postgres_x", pg) ==
        "postgresql.transactional.lock mypostgres postgres_x");
  // A secret that begins or ends with punctuation has no word to be part
  // of on that side: it is masked against letters there.
  CHECK(redact("x*cthulhu1988 and pw:*cthulhu1988y", {"*cthulhu1988"}) ==
        "x******** and pw:*cthulhu1988y");
  // Non-ASCII punctuation around it (translated server messages) is no word.
  CHECK(redact("contraseña «postgres» inválida", pg) ==
        "contraseña «********» inválida");
  // Each occurrence is judged by itself.
  CHECK(redact("truest true untrue", {"true"}) == "truest ******** untrue");
}

TEST_CASE("redact() with secrets_of() masks a URL password everywhere",
          "[config][secrets]") {
  Settings s;
  s.url = "jdbc:mysql://db/app?user=u&password=top";
  CHECK(redact("connecting to " + s.url, secrets_of(s)) ==
        "connecting to jdbc:mysql://db/app?user=u&password=********");
}
