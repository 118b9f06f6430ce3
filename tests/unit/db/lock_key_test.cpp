#include "runway/history/lock_key.hpp"

#include <catch2/catch.hpp>

#include "runway/history/migration_lock.hpp"

using namespace runway::history;

TEST_CASE("advisory lock key matches Flyway's for the default table",
          "[lock][postgres]") {
  CHECK(java_string_hash("\"public\".\"flyway_schema_history\"") == 2125624436);
  CHECK(postgres_advisory_lock_key("\"public\".\"flyway_schema_history\"") ==
        77433833903597);
  CHECK(postgres_advisory_lock_key("\"myschema\".\"flyway_schema_history\"") ==
        77431447924489);
}

TEST_CASE("MySQL lock names keep the sign of the hash", "[lock][mysql]") {
  CHECK(mysql_lock_name("`mydb`.`flyway_schema_history`") ==
        "Flyway-278632207");
  CHECK(mysql_lock_name("`test`.`flyway_schema_history`") ==
        "Flyway--562162009");
}

TEST_CASE("java hash counts UTF-16 units, surrogate pairs included", "[lock]") {
  CHECK(java_string_hash("") == 0);
  CHECK(java_string_hash("a") == 97);
  // "é" is U+00E9 (one unit): 233.
  CHECK(java_string_hash("\xC3\xA9") == 233);
  // U+1F600 is the pair D83D DE00: 31 * 0xD83D + 0xDE00.
  CHECK(java_string_hash("\xF0\x9F\x98\x80") == 31 * 0xD83D + 0xDE00);
}

TEST_CASE("MySQL waits for the lock forever unless lockRetryCount was set",
          "[lock][mysql]") {
  using runway::db::DatabaseType;
  // Flyway ignores lockRetryCount for the MySQL named lock.
  CHECK(effective_lock_retry_count(DatabaseType::kMySQL, 50, false) == -1);
  CHECK(effective_lock_retry_count(DatabaseType::kMariaDB, 50, false) == -1);
  CHECK(effective_lock_retry_count(DatabaseType::kMariaDB, 3, true) == 3);
  CHECK(effective_lock_retry_count(DatabaseType::kMySQL, 0, true) == 0);
  // Elsewhere the count always holds, configured or not.
  CHECK(effective_lock_retry_count(DatabaseType::kPostgreSQL, 50, false) == 50);
  CHECK(effective_lock_retry_count(DatabaseType::kSQLite, 50, false) == 50);
}
