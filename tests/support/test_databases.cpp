#include "support/test_databases.hpp"

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "runway/db/connect.hpp"

namespace runway::test {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::unique_ptr<db::Connection> admin_connection() {
  db::ConnectOptions options;
  options.url = env("RUNWAY_TEST_PG_CONNINFO");
  return db::connect(options);
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(getpid()) + "_" + std::to_string(++counter) + "_" +
         std::to_string(rd() % 100000);
}

}  // namespace

TempPostgresDatabase::TempPostgresDatabase() {
  host_ = env("RUNWAY_TEST_PG_HOST");
  if (host_.empty()) {
    FAIL(
        "RUNWAY_TEST_PG_HOST is not set: run via scripts/test.sh (or "
        "source scripts/lib/postgres.sh and pg_start DIR)");
  }
  user_ = env("RUNWAY_TEST_PG_USER");
  if (user_.empty()) user_ = "postgres";
  port_ = std::atoi(env("RUNWAY_TEST_PG_PORT").c_str());
  name_ = "runway_test_" + unique_suffix();
  admin_connection()->execute("CREATE DATABASE \"" + name_ + "\"");
}

TempPostgresDatabase::~TempPostgresDatabase() {
  try {
    admin_connection()->execute("DROP DATABASE IF EXISTS \"" + name_ +
                                "\" WITH (FORCE)");
  } catch (...) {  // never throw from a destructor; the cluster is temporary
  }
}

std::string TempPostgresDatabase::jdbc_url() const {
  return "jdbc:postgresql://127.0.0.1:" + std::to_string(port_) + "/" + name_;
}

std::string TempPostgresDatabase::conninfo() const {
  return "host=" + host_ + " port=" + std::to_string(port_) + " user=" + user_ +
         " dbname=" + name_;
}

TempMySQLDatabase::TempMySQLDatabase() {
  port_ = std::atoi(env("RUNWAY_TEST_MYSQL_PORT").c_str());
  if (port_ == 0) {
    FAIL(
        "RUNWAY_TEST_MYSQL_PORT is not set: run via scripts/test.sh (or "
        "source scripts/lib/mariadb.sh and mariadb_start DIR)");
  }
  user_ = env("RUNWAY_TEST_MYSQL_USER");
  password_ = env("RUNWAY_TEST_MYSQL_PASSWORD");
  socket_ = env("RUNWAY_TEST_MYSQL_SOCKET");
  name_ = "runway_test_" + unique_suffix();
  db::ConnectOptions options;
  options.url = "jdbc:mariadb://127.0.0.1:" + std::to_string(port_) + "/";
  options.user = user_;
  options.password = password_;
  db::connect(options)->execute("CREATE DATABASE `" + name_ + "`");
}

TempMySQLDatabase::~TempMySQLDatabase() {
  try {
    db::ConnectOptions options;
    options.url = jdbc_url();
    options.user = user_;
    options.password = password_;
    db::connect(options)->execute("DROP DATABASE IF EXISTS `" + name_ + "`");
  } catch (...) {  // never throw from a destructor; the server is temporary
  }
}

std::string TempMySQLDatabase::jdbc_url() const {
  return "jdbc:mariadb://127.0.0.1:" + std::to_string(port_) + "/" + name_;
}

TempSqliteFile::TempSqliteFile() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "runway-sqlite-XXXXXX")
          .string();
  if (mkdtemp(pattern.data()) == nullptr) {
    FAIL("cannot create a temporary directory");
  }
  dir_ = pattern;
  path_ = dir_ + "/test.db";
}

TempSqliteFile::~TempSqliteFile() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

}  // namespace runway::test
