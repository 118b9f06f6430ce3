#include <catch2/catch.hpp>

#include "split_helpers.hpp"

using runway::sql::Dialect;
using runway::sql::test::non_tx;
using runway::sql::test::split;
using runway::sql::test::split_pg;
using Splits = std::vector<runway::sql::test::Split>;

namespace {

bool non_transactional(Dialect dialect, const std::string& sql) {
  auto statements = split(dialect, sql + ";");
  REQUIRE(statements.size() == 1);
  return statements[0].non_transactional;
}

}  // namespace

TEST_CASE("PostgreSQL statements that cannot run in a transaction",
          "[splitter][postgres][non-transactional]") {
  for (const char* sql : {
           // Flyway's list
           "CREATE DATABASE shop",
           "drop database if exists shop",
           "CREATE TABLESPACE fast LOCATION '/ssd'",
           "DROP TABLESPACE fast",
           "CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p",
           "DROP SUBSCRIPTION s",
           "ALTER SYSTEM SET work_mem = '64MB'",
           "CREATE INDEX CONCURRENTLY idx1 ON t (a)",
           "create unique index concurrently on t(a)",
           "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx ON t (a)",
           "DROP INDEX CONCURRENTLY IF EXISTS idx",
           "REINDEX SCHEMA public",
           "REINDEX (VERBOSE) DATABASE shop",
           "REINDEX VERBOSE SYSTEM shop",
           "VACUUM",
           "VACUUM (ANALYZE, VERBOSE) t",
           "DISCARD ALL",
           "/* comment */ VACUUM",
           "-- comment\nVACUUM t",
           // ours
           "REINDEX INDEX CONCURRENTLY idx",
           "REINDEX TABLE CONCURRENTLY public.t",
           "REINDEX (VERBOSE, CONCURRENTLY) TABLE t",
           "ALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY",
           "ALTER TABLE IF EXISTS ONLY public.measurement DETACH PARTITION "
           "public.measurement_old CONCURRENTLY",
           "ALTER DATABASE shop SET TABLESPACE fast",
           "ALTER SUBSCRIPTION s REFRESH PUBLICATION",
           "COMMIT PREPARED 'tx1'",
           "ROLLBACK PREPARED 'tx1'",
       }) {
    INFO(sql);
    CHECK(non_transactional(Dialect::kPostgreSQL, sql));
  }
}

TEST_CASE("PostgreSQL statements that run in a transaction",
          "[splitter][postgres][non-transactional]") {
  for (const char* sql : {
           "CREATE INDEX idx ON t (a)",
           "CREATE INDEX concurrently_idx ON t (a)",
           "REINDEX TABLE t",
           "REINDEX INDEX idx",
           "ALTER TYPE mood ADD VALUE 'meh'",
           "ALTER TABLE m DETACH PARTITION m_2020",
           "ALTER TABLE t ADD COLUMN database int",
           "ALTER DATABASE shop SET work_mem = '1MB'",
           "ALTER SUBSCRIPTION s DISABLE",
           "REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
           "DISCARD PLANS",
           "CLUSTER",
           "ANALYZE",
           "COMMIT",
           "SELECT 'VACUUM'",
           "SELECT 1 -- VACUUM",
           "COMMENT ON TABLE t IS 'CREATE DATABASE'",
           "CREATE TABLE t (a int, CHECK (a > 0)) -- VACUUM",
           "CREATE FUNCTION f() RETURNS void AS $$ VACUUM $$ LANGUAGE sql",
           "SELECT * FROM (VACUUM) x",
       }) {
    INFO(sql);
    CHECK_FALSE(non_transactional(Dialect::kPostgreSQL, sql));
  }
}

TEST_CASE("a script mixing both kinds marks each statement",
          "[splitter][postgres][non-transactional]") {
  CHECK(split_pg("CREATE TABLE t (\n  id int -- key\n);\n"
                 "CREATE INDEX CONCURRENTLY t_id ON t (id);\n") ==
        Splits{{"CREATE TABLE t (\n  id int -- key\n)", 1},
               non_tx("CREATE INDEX CONCURRENTLY t_id ON t (id)", 4)});
}

TEST_CASE("SQLite statements that cannot run in a transaction",
          "[splitter][sqlite][non-transactional]") {
  CHECK(non_transactional(Dialect::kSQLite, "PRAGMA foreign_keys = OFF"));
  CHECK(non_transactional(Dialect::kSQLite, "pragma FOREIGN_KEYS=on"));
  CHECK(non_transactional(Dialect::kSQLite, "VACUUM"));
  CHECK_FALSE(non_transactional(Dialect::kSQLite, "PRAGMA journal_mode = WAL"));
  CHECK_FALSE(non_transactional(Dialect::kSQLite, "CREATE TABLE t (id)"));
  CHECK_FALSE(non_transactional(Dialect::kSQLite, "SELECT 'VACUUM'"));
}

TEST_CASE("MySQL statements are never marked non-transactional",
          "[splitter][mysql][non-transactional]") {
  CHECK_FALSE(non_transactional(Dialect::kMySQL, "VACUUM"));
  CHECK_FALSE(non_transactional(Dialect::kMySQL, "CREATE DATABASE shop"));
  CHECK_FALSE(non_transactional(Dialect::kMySQL, "PRAGMA foreign_keys = OFF"));
}

TEST_CASE("PostgreSQL statements that change the session's role are marked",
          "[splitter][postgres]") {
  const auto changes_role = [](const std::string& sql) {
    runway::StringSource source(sql + ";", 1 << 16);
    auto splitter = runway::sql::make_splitter(Dialect::kPostgreSQL, source);
    runway::sql::Statement statement;
    REQUIRE(splitter->next(statement));
    return statement.changes_session_state;
  };
  for (const char* sql : {"SET ROLE app_owner", "set local role app_owner",
                          "-- as the owner\nSET SESSION ROLE app_owner",
                          "SET SESSION AUTHORIZATION admin",
                          "SET LOCAL SESSION AUTHORIZATION admin",
                          "SET SESSION SESSION AUTHORIZATION DEFAULT"}) {
    INFO(sql);
    CHECK(changes_role(sql));
  }
  for (const char* sql :
       {"SET search_path TO app", "SET SESSION search_path = app",
        "ALTER ROLE app SET search_path = app", "RESET ROLE",
        "SELECT 'SET ROLE x'", "CREATE ROLE reader"}) {
    INFO(sql);
    CHECK_FALSE(changes_role(sql));
  }
}

TEST_CASE("MySQL statements naming the session state Flyway resets are marked",
          "[splitter][mysql]") {
  runway::StringSource source(
      "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, "
      "FOREIGN_KEY_CHECKS=0 */;\nSET sql_safe_updates = 1;\nSET @x = 1;\n"
      "CREATE TABLE t (id INT);\nSELECT @@version, 'a@b.example';\n"
      "SELECT @`odd-name`;\n"
      "CREATE DEFINER=`root`@`localhost` VIEW v AS SELECT 1;\n"
      "CREATE DEFINER='root'@'%' VIEW w AS SELECT @'x';\n",
      1 << 16);
  auto splitter = runway::sql::make_splitter(Dialect::kMySQL, source);
  std::vector<bool> marked;
  runway::sql::Statement statement;
  while (splitter->next(statement))
    marked.push_back(statement.changes_session_state);
  // A user variable (Flyway sets them back to NULL) marks it too; `@@x`,
  // an address in a string and a definer's user@host do not.
  CHECK(marked ==
        std::vector<bool>{true, true, true, false, false, true, false, true});
}
