// migrate and info end to end: the runway binary against real PostgreSQL
// and SQLite databases, checked through a separate connection.
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "process.hpp"
#include "runway/db/connect.hpp"
#include "support/test_databases.hpp"

namespace fs = std::filesystem;
using runway::test::ProcessResult;
using ScriptDir = runway::test::ScratchDir;
using runway::test::run_process;
using runway::test::runway_binary;
using runway::test::TempPostgresDatabase;
using runway::test::TempSqliteFile;
using Json = nlohmann::json;

namespace {

const std::string kExamples = std::string(RUNWAY_SOURCE_DIR) + "/sql-examples";

std::unique_ptr<runway::db::Connection> open(const TempPostgresDatabase& db) {
  runway::db::ConnectOptions o;
  o.url = db.conninfo();
  return runway::db::connect(o);
}

std::string scalar(runway::db::Connection& c, const std::string& sql) {
  auto r = c.execute(sql);
  REQUIRE(r.rows.size() == 1);
  return r.rows[0][0].value_or("NULL");
}

ProcessResult run_runway(const std::vector<std::string>& args) {
  std::vector<std::string> argv{runway_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

std::string pg_url(const TempPostgresDatabase& db) {
  return "-url=" + db.conninfo();
}

const std::string kPgExamples = "-locations=filesystem:" + kExamples +
                                "/common,filesystem:" + kExamples + "/postgres";

ProcessResult migrate_pg(const TempPostgresDatabase& db, const ScriptDir& sql) {
  return run_runway({pg_url(db), "-locations=" + sql.location(), "migrate"});
}

// A database with V1__First.sql (first_table) applied from `sql`.
void apply_first(const TempPostgresDatabase& db, ScriptDir& sql) {
  sql.write("V1__First.sql", "CREATE TABLE first_table (id INT);\n");
  REQUIRE(migrate_pg(db, sql).exit_code == 0);
}

// Whether a script's `SELECT pg_sleep(...)` began running in the database
// of `conn` within ten seconds (another session's).
bool wait_for_pg_sleep(runway::db::Connection& conn) {
  for (int i = 0; i < 200; ++i) {
    if (scalar(conn,
               "SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
               "'SELECT pg_sleep%' AND datname = current_database() AND pid "
               "<> pg_backend_pid()") != "0")
      return true;
    ::usleep(50 * 1000);
  }
  return false;
}

}  // namespace

TEST_CASE("sql-examples migrate on PostgreSQL, then nothing is pending",
          "[e2e][postgres]") {
  TempPostgresDatabase db;
  ProcessResult r = run_runway(
      {pg_url(db), kPgExamples, "-placeholders.region=eu", "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("to version \"5 - Index orders by customer\" "
                   "[non-transactional]") != std::string::npos);

  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "6");
  CHECK(scalar(*conn, "SELECT value FROM app_settings WHERE name='region'") ==
        "eu");
  CHECK(scalar(*conn, "SELECT customer_lifetime_value(1)") == "0");
  // The concurrently built index exists and is valid.
  CHECK(scalar(*conn,
               "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON "
               "c.oid = i.indexrelid WHERE c.relname = "
               "'orders_customer_id_idx'") == "t");
  // Rows as Flyway writes them.
  auto rows = conn->execute(
      "SELECT installed_rank, version, description, type, script, checksum, "
      "installed_by, success FROM flyway_schema_history ORDER BY 1");
  REQUIRE(rows.rows.size() == 6);
  CHECK(rows.rows[0][1] == "1");
  CHECK(rows.rows[0][2] == "Create customers");
  CHECK(rows.rows[0][3] == "SQL");
  CHECK(rows.rows[0][4] == "V1__Create_customers.sql");
  CHECK(rows.rows[0][6] == db.user());
  CHECK(rows.rows[0][7] == "t");
  CHECK_FALSE(rows.rows[5][1].has_value());  // the repeatable has no version

  r = run_runway({pg_url(db), kPgExamples, "-placeholders.region=eu",
                  "-outputType=json", "migrate"});
  REQUIRE(r.exit_code == 0);
  CHECK(Json::parse(r.out)["migrationsExecuted"] == 0);
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "6");

  // A new placeholder value changes the repeatable's checksum: it re-runs.
  r = run_runway({pg_url(db), kPgExamples, "-placeholders.region=us",
                  "-outputType=json", "migrate"});
  REQUIRE(r.exit_code == 0);
  CHECK(Json::parse(r.out)["migrationsExecuted"] == 1);
  r = run_runway({pg_url(db), kPgExamples, "-placeholders.region=us",
                  "-outputType=json", "info"});
  Json info = Json::parse(r.out);
  REQUIRE(info["migrations"].size() == 7);
  CHECK(info["migrations"][5]["state"] == "Superseded");
  CHECK(info["migrations"][6]["state"] == "Success");
}

TEST_CASE("a failing migration on PostgreSQL leaves no trace",
          "[e2e][postgres]") {
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__Ok.sql", "CREATE TABLE ok_table (id INT);\n");
  sql.write("V2__Half.sql",
            "CREATE TABLE half_table (id INT);\n"
            "INSERT INTO half_table VALUES (1);\n"
            "-- a comment line\n"
            "INSERT INTO missing_table VALUES (1);\n");
  ProcessResult r = migrate_pg(db, sql);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Changes successfully rolled back") != std::string::npos);
  CHECK(r.err.find("SQL State  : 42P01") != std::string::npos);
  CHECK(r.err.find("Line       : 4") != std::string::npos);
  CHECK(r.err.find("relation \"missing_table\" does not exist") !=
        std::string::npos);

  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "1");
  CHECK(scalar(*conn, "SELECT to_regclass('half_table') IS NULL") == "t");
  CHECK(scalar(*conn, "SELECT to_regclass('ok_table') IS NOT NULL") == "t");
}

TEST_CASE("a PostgreSQL error names its line and column in the script",
          "[e2e][postgres]") {
  TempPostgresDatabase db;
  ScriptDir sql;
  // The failing statement's text starts at line 3 (comments are kept in
  // it), its first token is on line 6, and the server stops at "AND" on
  // line 7, column 16.
  sql.write("V1__Query.sql",
            "CREATE TABLE a (id int);\n"
            "\n"
            "-- leading comment\n"
            "/* a block\n"
            "   comment */\n"
            "SELECT id\n"
            "  FROM a WHERE AND id = 1;\n");
  // pg_dump's \restrict line, sent as SQL, is a syntax error at its
  // backslash: the report says what the line is.
  ScriptDir dump;
  dump.write("V1__Dump.sql",
             "--\n-- PostgreSQL database dump\n--\n\n"
             "\\restrict AbC123\n\n"
             "SET statement_timeout = 0;\n");
  ProcessResult r = migrate_pg(db, sql);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Line       : 6") != std::string::npos);
  CHECK(r.err.find("Error at   : line 7, column 16") != std::string::npos);
  CHECK(r.err.find("psql meta-command") == std::string::npos);

  // Past the 2000 characters of the statement the report shows.
  std::string long_query = "SELECT 1\n";
  for (int i = 0; i < 400; ++i) long_query += "     , 1\n";
  long_query += "  FROM WHERE;\n";
  ScriptDir long_sql;
  long_sql.write("V1__Long.sql", long_query);
  TempPostgresDatabase db3;
  r = migrate_pg(db3, long_sql);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Error at   : line 402, column 8") != std::string::npos);

  TempPostgresDatabase db2;
  r = migrate_pg(db2, dump);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Error at   : line 5, column 1") != std::string::npos);
  CHECK(r.err.find("\\restrict at line 5 is a psql meta-command") !=
        std::string::npos);
}

TEST_CASE("a PostgreSQL error's message reads as pgjdbc's, Where included",
          "[e2e][postgres]") {
  // Flyway's Message line is the driver's text: "ERROR: ...", then Hint,
  // Position and Where (the PL/pgSQL line) on lines of their own; without
  // Where a failure inside a DO block or function did not say where.
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__Do.sql",
            "DO $$\nBEGIN\n  PERFORM 1;\n  PERFORM nosuch_function();\n"
            "END $$;\n");
  ProcessResult r = migrate_pg(db, sql);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Message    : ERROR: function nosuch_function() does not "
                   "exist\n  Hint: No function matches") != std::string::npos);
  CHECK(r.err.find("\n  Where: PL/pgSQL function inline_code_block line 4 at "
                   "PERFORM\nLocation   : V1__Do.sql") != std::string::npos);

  ScriptDir plain;
  plain.write("V1__Plain.sql", "SELECT * FROM nosuch_table;\n");
  TempPostgresDatabase db2;
  r = migrate_pg(db2, plain);
  CHECK(r.err.find("Message    : ERROR: relation \"nosuch_table\" does not "
                   "exist\n  Position: 15\n") != std::string::npos);
}

TEST_CASE("after a script's own COMMIT the rest still runs in a transaction",
          "[e2e][postgres]") {
  // As under Flyway, whose JDBC connection (autocommit off) begins again
  // after the script's COMMIT: a later failure rolls back what followed it.
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__Commit_inside.sql",
            "CREATE TABLE before_commit (id INT);\n"
            "BEGIN;\n"
            "CREATE TABLE inside_block (id INT);\n"
            "COMMIT;\n"
            "CREATE TABLE after_commit (id INT);\n"
            "INSERT INTO missing_table VALUES (1);\n");
  ProcessResult r = migrate_pg(db, sql);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("failed! Changes after the statement at line 4 rolled back; "
                   "the script had "
                   "ended its transaction there itself.") != std::string::npos);
  CHECK(r.err.find("The script ended its own transaction (COMMIT or "
                   "ROLLBACK) in the statement at line 4") !=
        std::string::npos);
  CHECK(r.err.find("nothing of it remains") == std::string::npos);
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT to_regclass('before_commit') IS NOT NULL") ==
        "t");
  CHECK(scalar(*conn, "SELECT to_regclass('inside_block') IS NOT NULL") == "t");
  CHECK(scalar(*conn, "SELECT to_regclass('after_commit') IS NULL") == "t");
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "0");

  // A script that ends with COMMIT succeeds, its row written in a
  // transaction of its own (no "no transaction in progress" warning).
  ScriptDir ok;
  ok.write("V1__Ends_with_commit.sql",
           "CREATE TABLE c1 (id INT);\nCOMMIT;\nCREATE TABLE c2 (id INT);\n"
           "COMMIT;\n");
  TempPostgresDatabase db2;
  r = migrate_pg(db2, ok);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("no transaction in progress") == std::string::npos);
  auto conn2 = open(db2);
  CHECK(scalar(*conn2,
               "SELECT success FROM flyway_schema_history WHERE version = "
               "'1'") == "t");
  CHECK(scalar(*conn2, "SELECT to_regclass('c2') IS NOT NULL") == "t");
}

TEST_CASE(
    "a script's SET ROLE does not carry over to the history or the "
    "next script",
    "[e2e][postgres]") {
  // Flyway restores the role before each migration and writes the history
  // row on another connection: a role without rights on the history table
  // (or on the schema) must not fail the run.
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__Limited_role.sql",
            "DO $$ BEGIN CREATE ROLE runway_test_limited; EXCEPTION WHEN "
            "duplicate_object THEN NULL; END $$;\n"
            "SET ROLE runway_test_limited;\n"
            "SELECT current_user;\n");
  sql.write("V2__As_the_owner.sql", "CREATE TABLE owned (id INT);\n");
  ProcessResult r = migrate_pg(db, sql);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto conn = open(db);
  CHECK(scalar(*conn,
               "SELECT count(*) FROM flyway_schema_history WHERE "
               "success") == "2");
  CHECK(scalar(*conn,
               "SELECT tableowner FROM pg_tables WHERE tablename = "
               "'owned'") == db.user());
}

TEST_CASE("createSchemas=false with the schema missing warns as Flyway does",
          "[e2e][postgres]") {
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__One.sql", "CREATE TABLE one (id INT);\n");
  ProcessResult r =
      run_runway({pg_url(db), "-locations=" + sql.location(),
                  "-schemas=not_there", "-createSchemas=false", "migrate"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("WARNING: The configuration option 'createSchemas' is "
                   "false.\nHowever, the schema history table still needs a "
                   "schema to reside in.") != std::string::npos);
  CHECK(r.err.find("schema \"not_there\" does not exist") != std::string::npos);
}

TEST_CASE("a failing migration too large to keep is read again and reported",
          "[e2e][postgres]") {
  // Statements of scripts up to 64 KiB are kept from the check before the
  // run; a larger script is read and split again as it runs.
  TempPostgresDatabase db;
  ScriptDir sql;
  std::string big = "CREATE TABLE big_table (id INT, note TEXT);\n";
  for (int i = 0; i < 2000; ++i)
    big += "INSERT INTO big_table VALUES (" + std::to_string(i) +
           ", 'a row long enough to count');\n";
  big += "INSERT INTO missing_table VALUES (1);\n";
  REQUIRE(big.size() > 64 * 1024);
  sql.write("V1__Big.sql", big);
  ProcessResult r = migrate_pg(db, sql);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Changes successfully rolled back") != std::string::npos);
  CHECK(r.err.find("Line       : 2002") != std::string::npos);
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "0");
  CHECK(scalar(*conn, "SELECT to_regclass('big_table') IS NULL") == "t");
  // Mended, it runs whole.
  big.erase(big.rfind("INSERT INTO missing_table"));
  sql.write("V1__Big.sql", big);
  r = migrate_pg(db, sql);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(scalar(*conn, "SELECT count(*) FROM big_table") == "2000");
}

TEST_CASE("a small migration with COPY FROM STDIN streams its data",
          "[e2e][postgres]") {
  // A script with COPY data is never kept from the check: the data is read
  // from the script while the COPY runs.
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__Copy.sql",
            "CREATE TABLE copied (id INT, name TEXT);\n"
            "COPY copied (id, name) FROM STDIN;\n"
            "1\tone\n"
            "2\ttwo\n"
            "\\.\n"
            "INSERT INTO copied VALUES (3, 'three');\n");
  ProcessResult r = migrate_pg(db, sql);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto conn = open(db);
  CHECK(scalar(*conn,
               "SELECT string_agg(name, ',' ORDER BY id) FROM "
               "copied") == "one,two,three");
}

TEST_CASE("an edited applied migration stops migrate on PostgreSQL",
          "[e2e][postgres]") {
  TempPostgresDatabase db;
  ScriptDir sql;
  apply_first(db, sql);
  sql.write("V1__First.sql", "CREATE TABLE first_table (id BIGINT);\n");
  sql.write("V2__Second.sql", "CREATE TABLE second_table (id INT);\n");
  ProcessResult r = migrate_pg(db, sql);
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("Migration checksum mismatch for migration version 1\n"
                   "-> Applied to database : ") != std::string::npos);
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "1");
  CHECK(scalar(*conn, "SELECT to_regclass('second_table') IS NULL") == "t");
}

TEST_CASE("migrate with nothing to do opens one connection on PostgreSQL",
          "[e2e][postgres]") {
  // The lock is taken on the main connection while the scripts are read;
  // only a run with work takes it on a connection of its own.
  TempPostgresDatabase db;
  ScriptDir sql;
  apply_first(db, sql);
  auto conn = open(db);
  const std::string sessions =
      "SELECT sessions FROM pg_stat_database WHERE datname = "
      "current_database()";
  const long before = std::stol(scalar(*conn, sessions));
  ProcessResult r = migrate_pg(db, sql);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("No migration necessary") != std::string::npos);
  // A backend counts its session when it ends: wait for the runner's.
  long after = before;
  for (int i = 0; i < 50 && after == before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    after = std::stol(scalar(*conn, sessions));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  after = std::stol(scalar(*conn, sessions));
  CHECK(after - before == 1);
}

TEST_CASE(
    "a beforeValidate callback's change to the history is what migrate sees",
    "[e2e][postgres]") {
  // migrate reads the history while it reads the scripts, unless SQL
  // callbacks could change it first.
  TempPostgresDatabase db;
  ScriptDir sql;
  apply_first(db, sql);
  auto conn = open(db);
  conn->execute(
      "INSERT INTO flyway_schema_history (installed_rank, version, "
      "description, type, script, checksum, installed_by, execution_time, "
      "success) VALUES (2, '2', 'Second', 'SQL', 'V2__Second.sql', 0, "
      "'test', 0, false)");
  sql.write("V2__Second.sql", "CREATE TABLE second_table (id INT);\n");
  sql.write("beforeValidate.sql",
            "DELETE FROM flyway_schema_history WHERE NOT success;\n");
  ProcessResult r = migrate_pg(db, sql);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(scalar(*conn, "SELECT to_regclass('second_table') IS NOT NULL") == "t");
  CHECK(scalar(*conn,
               "SELECT string_agg(version || ':' || success::text, ',' ORDER "
               "BY installed_rank) FROM flyway_schema_history") ==
        "1:true,2:true");
}

TEST_CASE("an unknown placeholder names file and line and changes nothing",
          "[e2e][sqlite]") {
  TempSqliteFile db;
  ScriptDir sql;
  sql.write("V1__Ok.sql", "CREATE TABLE a (id INT);\n");
  sql.write("V2__Uses_placeholder.sql",
            "CREATE TABLE b (id INT);\n\nINSERT INTO b VALUES (${nope});\n");
  ProcessResult r = run_runway(
      {"-url=" + db.jdbc_url(), "-locations=" + sql.location(), "migrate"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("No value provided for placeholder: ${nope}.  Check your "
                   "configuration!") != std::string::npos);
  CHECK(r.err.find("V2__Uses_placeholder.sql") != std::string::npos);
  CHECK(r.err.find(":3") != std::string::npos);
  // Refused before anything ran: not even V1, and no history table.
  r = run_runway({"-url=" + db.jdbc_url(), "-locations=" + sql.location(),
                  "-outputType=json", "info"});
  Json j = Json::parse(r.out);
  CHECK(j["migrations"][0]["state"] == "Pending");
}

TEST_CASE("sql-examples migrate on SQLite, as the demo runs them",
          "[e2e][sqlite]") {
  TempSqliteFile db;
  const std::string locations = "-locations=filesystem:" + kExamples +
                                "/common,filesystem:" + kExamples + "/sqlite";
  ProcessResult r =
      run_runway({"-url=" + db.jdbc_url(), locations, "-placeholders.region=eu",
                  "-outputType=json", "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(Json::parse(r.out)["migrationsExecuted"] == 6);
  r = run_runway({"-url=" + db.jdbc_url(), locations, "-placeholders.region=eu",
                  "-outputType=json", "migrate"});
  CHECK(Json::parse(r.out)["migrationsExecuted"] == 0);
}

TEST_CASE("after a script's own COMMIT on SQLite the rest is rolled back",
          "[e2e][sqlite]") {
  TempSqliteFile db;
  ScriptDir sql;
  sql.write("V1__Commit_inside.sql",
            "CREATE TABLE before_commit (id INT);\nCOMMIT;\n"
            "CREATE TABLE after_commit (id INT);\n"
            "INSERT INTO missing_table VALUES (1);\n");
  ProcessResult r = run_runway(
      {"-url=" + db.jdbc_url(), "-locations=" + sql.location(), "migrate"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("in the statement at line 2") != std::string::npos);
  runway::db::ConnectOptions o;
  o.url = db.jdbc_url();
  auto conn = runway::db::connect(o);
  CHECK(scalar(*conn,
               "SELECT count(*) FROM sqlite_master WHERE name = "
               "'before_commit'") == "1");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM sqlite_master WHERE name = "
               "'after_commit'") == "0");
}

TEST_CASE(
    "baselineOnMigrate runs the baseline callbacks; a failing "
    "beforeMigrate is not a failed migration",
    "[e2e][sqlite][callbacks]") {
  TempSqliteFile db;
  runway::db::ConnectOptions o;
  o.url = db.jdbc_url();
  runway::db::connect(o)->execute("CREATE TABLE existing (id INT)");
  ScriptDir sql;
  sql.write("beforeBaseline.sql", "SELECT 1;\n");
  sql.write("afterBaseline.sql", "SELECT 1;\n");
  sql.write("V2__Two.sql", "CREATE TABLE two (id INT);\n");
  ProcessResult r =
      run_runway({"-url=" + db.jdbc_url(), "-locations=" + sql.location(),
                  "-baselineOnMigrate=true", "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::size_t before =
      r.err.find("Executing SQL callback: beforeBaseline");
  const std::size_t table = r.err.find("Creating Schema History table");
  const std::size_t after = r.err.find("Executing SQL callback: afterBaseline");
  CHECK(before < table);
  CHECK(table < after);
  CHECK(after != std::string::npos);

  // Flyway's DbMigrate fires afterMigrateError only for the migrations.
  sql.write("beforeMigrate.sql", "SELECT * FROM missing_table;\n");
  sql.write("afterMigrateError.sql", "SELECT 1;\n");
  sql.write("V3__Three.sql", "CREATE TABLE three (id INT);\n");
  r = run_runway(
      {"-url=" + db.jdbc_url(), "-locations=" + sql.location(), "migrate"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Error while executing beforeMigrate callback") !=
        std::string::npos);
  CHECK(r.err.find("Executing SQL callback: afterMigrateError") ==
        std::string::npos);
}

TEST_CASE(
    "an extension's objects do not make a schema non-empty for "
    "baselineOnMigrate",
    "[e2e][postgres]") {
  // tablefunc's composite types, as PostGIS's in the postgis images: Flyway
  // takes the schema for empty and applies V1; baselining would skip it.
  TempPostgresDatabase db;
  open(db)->execute("CREATE EXTENSION tablefunc");
  ScriptDir sql;
  sql.write("V1__First.sql", "CREATE TABLE first_table (id INT);\n");
  ProcessResult r = run_runway({pg_url(db), "-locations=" + sql.location(),
                                "-baselineOnMigrate=true", "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT to_regclass('first_table') IS NOT NULL") == "t");
  CHECK(scalar(*conn,
               "SELECT string_agg(type || ':' || coalesce(version, ''), ',') "
               "FROM flyway_schema_history") == "SQL:1");
}

TEST_CASE("ten runners started at once apply every migration exactly once",
          "[e2e][postgres][race]") {
  // Also with the lock held in a transaction (postgresql.transactional.lock
  // =true, for a pooler in transaction mode): it excludes the same way.
  const std::string lock_option =
      GENERATE(std::string("-postgresql.transactional.lock=false"),
               std::string("-postgresql.transactional.lock=true"));
  INFO(lock_option);
  TempPostgresDatabase db;
  ScriptDir sql;
  for (int i = 1; i <= 8; ++i)
    sql.write("V" + std::to_string(i) + "__Step_" + std::to_string(i) + ".sql",
              "CREATE TABLE step_" + std::to_string(i) +
                  " (id INT);\nSELECT pg_sleep(0.05);\n");
  sql.write("R__Steps_view.sql",
            "CREATE OR REPLACE VIEW steps AS SELECT 1 AS one;\n");
  for (const ProcessResult& r : runway::test::run_concurrently(
           {runway_binary(), pg_url(db), "-locations=" + sql.location(),
            lock_option, "migrate"},
           10)) {
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "9");
  CHECK(scalar(*conn,
               "SELECT count(DISTINCT installed_rank) FROM "
               "flyway_schema_history") == "9");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM flyway_schema_history WHERE NOT "
               "success") == "0");
}

TEST_CASE("postgresql.transactional.lock=true holds the lock in a transaction",
          "[e2e][postgres]") {
  // For PgBouncer's transaction pooling: the lock is pg_advisory_xact_lock
  // in a transaction left open on the lock's own connection (a pooler keeps
  // a server session for a client only while a transaction is open), and
  // the migrations, CREATE INDEX CONCURRENTLY included, run beside it.
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__Table.sql", "CREATE TABLE t (id INT);\n");
  sql.write("V2__Index.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\n");
  sql.write("V3__Slow.sql", "SELECT pg_sleep(2);\n");
  ScriptDir logs;
  // A server that ends idle transactions after 0.5 s must not end the
  // lock's, which stays idle while the migrations run.
  open(db)->execute("ALTER DATABASE " + db.name() +
                    " SET idle_in_transaction_session_timeout = '500ms'");
  // Nor may a repeatable-read default keep a snapshot in it that the
  // CREATE INDEX CONCURRENTLY beside it would wait for forever.
  open(db)->execute("ALTER DATABASE " + db.name() +
                    " SET default_transaction_isolation = 'repeatable read'");
  const int pid = runway::test::spawn_process(
      {runway_binary(), pg_url(db), "-locations=" + sql.location(),
       "-postgresql.transactional.lock=true", "migrate"},
      {}, (logs.dir / "out").string(), (logs.dir / "err").string());
  auto conn = open(db);
  REQUIRE(wait_for_pg_sleep(*conn));
  ::usleep(1000 * 1000);  // twice the idle timeout, within the sleep
  CHECK(scalar(*conn,
               "SELECT count(*) FROM pg_stat_activity a JOIN pg_locks l USING "
               "(pid) WHERE l.locktype = 'advisory' AND l.granted AND "
               "a.datname = current_database() AND "
               "l.objid::bigint = " +
                   std::to_string(77433833903597LL & 0xFFFFFFFFLL) +
                   " AND a.state = 'idle in transaction' AND a.query LIKE "
                   "'%pg_try_advisory_xact_lock(%'") == "1");
  CHECK(runway::test::wait_process(pid) == 0);
  INFO(runway::test::read_text_file((logs.dir / "err").string()));
  CHECK(scalar(*conn,
               "SELECT count(*) FROM flyway_schema_history WHERE "
               "success") == "3");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM pg_indexes WHERE indexname = "
               "'t_id'") == "1");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
               "AND database = (SELECT oid FROM pg_database WHERE datname = "
               "current_database())") == "0");
}

TEST_CASE("behind PgBouncer's transaction pooling runners exclude each other",
          "[e2e][postgres][race][pgbouncer]") {
  // scripts/test.sh puts a PgBouncer (pool_mode=transaction, three server
  // sessions) in front of the test cluster. There a session lock stays on
  // whichever pooled session took it: runners ran the same migration at
  // once, and the lock was left behind for the next deploy.
  const char* port = std::getenv("RUNWAY_TEST_PGBOUNCER_PORT");
  if (port == nullptr || *port == '\0') {
    WARN("RUNWAY_TEST_PGBOUNCER_PORT is not set: no PgBouncer to test with");
    return;
  }
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__Tenants.sql", "CREATE TABLE tenants (id INT PRIMARY KEY);\n");
  sql.write("V2__Users.sql",
            "CREATE TABLE users (id INT, tenant INT REFERENCES tenants);\n");
  sql.write("V3__Slow.sql",
            "SELECT pg_sleep(0.5);\nCREATE TABLE slow (i INT);\n");
  const std::string url =
      "-url=jdbc:postgresql://127.0.0.1:" + std::string(port) + "/" +
      db.name() + "?user=postgres";
  for (const ProcessResult& r : runway::test::run_concurrently(
           {runway_binary(), url, "-locations=" + sql.location(),
            "-postgresql.transactional.lock=true", "migrate"},
           12)) {
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
  auto conn = open(db);
  CHECK(scalar(*conn,
               "SELECT count(*) FROM flyway_schema_history WHERE "
               "success") == "3");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
               "AND database = (SELECT oid FROM pg_database WHERE datname = "
               "current_database())") == "0");
}

namespace {

const std::string kLockKey =
    "77433833903597";  // "public"."flyway_schema_history"

// A migrate that gives up on a held lock after one attempt, run once on
// V1__First.sql so that there is nothing left to do.
std::vector<std::string> migrated_once(const TempPostgresDatabase& db,
                                       const ScriptDir& sql) {
  sql.write("V1__First.sql", "CREATE TABLE first (id INT);\n");
  std::vector<std::string> migrate{runway_binary(), pg_url(db),
                                   "-locations=" + sql.location(),
                                   "-lockRetryCount=0", "migrate"};
  REQUIRE(run_process(migrate).exit_code == 0);
  return migrate;
}

}  // namespace

TEST_CASE("runners with nothing to do check beside each other; work waits",
          "[e2e][postgres][race]") {
  TempPostgresDatabase db;
  ScriptDir sql;
  const std::vector<std::string> migrate = migrated_once(db, sql);

  // Another runner checking: it holds the migration lock shared.
  auto checker = open(db);
  REQUIRE(scalar(*checker, "SELECT pg_try_advisory_lock_shared(" + kLockKey +
                               ")") == "t");
  ProcessResult r = run_process(migrate);
  INFO(r.err);
  CHECK(r.exit_code == 0);  // no queueing, even with lockRetryCount=0
  CHECK(r.err.find("Waiting for the migration lock") == std::string::npos);
  CHECK(r.err.find("is up to date") != std::string::npos);

  // Work to do needs the lock to itself: it waits, here in vain.
  sql.write("V2__Second.sql", "CREATE TABLE second (id INT);\n");
  r = run_process(migrate);
  CHECK(r.exit_code == 5);
  CHECK(r.err.find("Waiting for the migration lock") != std::string::npos);
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "1");
  CHECK(scalar(*conn, "SELECT to_regclass('second') IS NULL") == "t");

  // The checker is done: the work goes through.
  checker.reset();
  r = run_process(migrate);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "2");
}

TEST_CASE("a runner with nothing to do waits while another migrates",
          "[e2e][postgres][race]") {
  TempPostgresDatabase db;
  ScriptDir sql;
  const std::vector<std::string> migrate = migrated_once(db, sql);
  // A writer (Runway's exclusive session lock) keeps checkers out.
  auto writer = open(db);
  REQUIRE(scalar(*writer, "SELECT pg_try_advisory_lock(" + kLockKey + ")") ==
          "t");
  ProcessResult r = run_process(migrate);
  CHECK(r.exit_code == 5);
  CHECK(r.err.find("Waiting for the migration lock") != std::string::npos);
}

TEST_CASE("a runner with nothing to do waits for the lock on one connection",
          "[e2e][postgres][race]") {
  // The shared hold a checker waits for is taken on its main connection:
  // a crowd of waiting pods costs the server one session each.
  TempPostgresDatabase db;
  ScriptDir sql;
  std::vector<std::string> migrate = migrated_once(db, sql);
  migrate[migrate.size() - 2] = "-lockRetryCount=-1";
  auto writer = open(db);
  REQUIRE(scalar(*writer, "SELECT pg_try_advisory_lock(" + kLockKey + ")") ==
          "t");
  ScriptDir logs;
  const int pid = runway::test::spawn_process(
      migrate, {}, (logs.dir / "out").string(), (logs.dir / "err").string());
  const std::string waiting =
      "SELECT count(*) FROM pg_stat_activity WHERE datname = "
      "current_database() AND query LIKE '%pg_advisory_lock_shared%' AND "
      "pid <> pg_backend_pid()";
  bool seen = false;
  for (int i = 0; i < 200 && !seen; ++i) {
    seen = scalar(*writer, waiting) != "0";
    if (!seen) ::usleep(50 * 1000);
  }
  CHECK(seen);
  CHECK(scalar(*writer,
               "SELECT count(*) FROM pg_stat_activity WHERE datname = "
               "current_database() AND application_name = 'runway' AND pid <> "
               "pg_backend_pid()") == "1");
  writer->execute("SELECT pg_advisory_unlock(" + kLockKey + ")");
  CHECK(runway::test::wait_process(pid) == 0);
  const std::string err =
      runway::test::read_text_file((logs.dir / "err").string());
  INFO(err);
  CHECK(err.find("Waiting for the migration lock") != std::string::npos);
  CHECK(err.find("No migration necessary") != std::string::npos);
}

TEST_CASE("ten runners at once on one SQLite file all succeed",
          "[e2e][sqlite][race]") {
  TempSqliteFile db;
  ScriptDir sql;
  for (int i = 1; i <= 5; ++i)
    sql.write("V" + std::to_string(i) + "__Step.sql",
              "CREATE TABLE step_" + std::to_string(i) + " (id INT);\n");
  for (const ProcessResult& r : runway::test::run_concurrently(
           {runway_binary(), "-url=" + db.jdbc_url(),
            "-locations=" + sql.location(), "migrate"},
           10)) {
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
  ProcessResult r =
      run_runway({"-url=" + db.jdbc_url(), "-locations=" + sql.location(),
                  "-outputType=json", "info"});
  Json j = Json::parse(r.out);
  REQUIRE(j["migrations"].size() == 5);
  for (const auto& m : j["migrations"]) CHECK(m["state"] == "Success");
}

TEST_CASE("SIGTERM mid-migration rolls back, releases the lock, exits 1",
          "[e2e][postgres][signal]") {
  // SIGHUP (a terminal that closes) stops the run the same way.
  const int signal = GENERATE(SIGTERM, SIGHUP);
  const std::string name = signal == SIGTERM ? "SIGTERM" : "SIGHUP";
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__First.sql", "CREATE TABLE first_table (id INT);\n");
  sql.write("V2__Slow.sql",
            "CREATE TABLE slow_table (id INT);\nSELECT pg_sleep(60);\n");
  ScriptDir logs;
  const std::string err_file = (logs.dir / "err").string();
  const int pid = runway::test::spawn_process(
      {runway_binary(), pg_url(db), "-locations=" + sql.location(), "migrate"},
      {}, (logs.dir / "out").string(), err_file);

  // Wait until V2's pg_sleep runs.
  auto conn = open(db);
  REQUIRE(wait_for_pg_sleep(*conn));
  ::kill(pid, signal);
  const int code = runway::test::wait_process(pid);
  const std::string err = runway::test::read_text_file(err_file);
  INFO(err);
  CHECK(code == 1);
  CHECK(err.find("Interrupted by " + name) != std::string::npos);
  // V1 stays, V2 was rolled back, and no advisory lock is left behind.
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "1");
  CHECK(scalar(*conn, "SELECT to_regclass('slow_table') IS NULL") == "t");
  // A lock held by a closed connection goes when its server process ends,
  // which may be a moment after the client's exit.
  std::string locks;
  for (int i = 0; i < 100 && locks != "0"; ++i) {
    if (i > 0) ::usleep(50 * 1000);
    locks = scalar(*conn,
                   "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                   "AND database = (SELECT oid FROM pg_database WHERE "
                   "datname = current_database())");
  }
  CHECK(locks == "0");

  sql.write("V2__Slow.sql", "CREATE TABLE slow_table (id INT);\n");
  ProcessResult r = migrate_pg(db, sql);
  CHECK(r.exit_code == 0);
}

TEST_CASE("a stop request records what a rollback cannot undo",
          "[e2e][postgres][signal]") {
  // A non-transactional script stopped after its first statement: the
  // table stays, so a failed row says so (as a failed statement's would).
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__Outside.sql",
            "CREATE TABLE outside_table (id INT);\nSELECT pg_sleep(60);\n");
  sql.write("V1__Outside.sql.conf", "executeInTransaction=false\n");
  ScriptDir logs;
  const std::string err_file = (logs.dir / "err").string();
  const int pid = runway::test::spawn_process(
      {runway_binary(), pg_url(db), "-locations=" + sql.location(), "migrate"},
      {}, (logs.dir / "out").string(), err_file);
  auto conn = open(db);
  REQUIRE(wait_for_pg_sleep(*conn));
  ::kill(pid, SIGTERM);
  CHECK(runway::test::wait_process(pid) == 1);
  const std::string err = runway::test::read_text_file(err_file);
  INFO(err);
  CHECK(err.find("Migration of schema \"public\" to version \"1 - Outside\" "
                 "failed! Please restore backups") != std::string::npos);
  CHECK(err.find("Interrupted by SIGTERM") != std::string::npos);
  CHECK(scalar(*conn, "SELECT to_regclass('outside_table') IS NOT NULL") ==
        "t");
  CHECK(scalar(*conn,
               "SELECT success FROM flyway_schema_history WHERE "
               "version = '1'") == "f");

  // undo the same way: a non-transactional U script stopped after its
  // first statement is recorded as a failed undo.
  ScriptDir undo_sql;
  undo_sql.write("V1__Kept.sql", "CREATE TABLE kept_table (id INT);\n");
  undo_sql.write("U1__Kept.sql",
                 "DROP TABLE kept_table;\nSELECT pg_sleep(60);\n");
  undo_sql.write("U1__Kept.sql.conf", "executeInTransaction=false\n");
  TempPostgresDatabase db2;
  REQUIRE(migrate_pg(db2, undo_sql).exit_code == 0);
  const int undo_pid = runway::test::spawn_process(
      {runway_binary(), pg_url(db2), "-locations=" + undo_sql.location(),
       "undo"},
      {}, (logs.dir / "out2").string(), (logs.dir / "err2").string());
  auto conn2 = open(db2);
  REQUIRE(wait_for_pg_sleep(*conn2));
  ::kill(undo_pid, SIGTERM);
  CHECK(runway::test::wait_process(undo_pid) == 1);
  CHECK(scalar(*conn2, "SELECT to_regclass('kept_table') IS NULL") == "t");
  CHECK(scalar(*conn2,
               "SELECT type || ':' || success FROM flyway_schema_history "
               "ORDER BY installed_rank DESC LIMIT 1") == "UNDO_SQL:false");
}

TEST_CASE("a migration whose COMMIT fails is not recorded", "[e2e][postgres]") {
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__First.sql", "CREATE TABLE parent (id INT PRIMARY KEY);\n");
  // The deferred check fails only at COMMIT, which travels with the
  // history row.
  sql.write("V2__Deferred.sql",
            "CREATE TABLE child (id INT REFERENCES parent (id) DEFERRABLE "
            "INITIALLY DEFERRED);\nINSERT INTO child VALUES (7);\n");
  ProcessResult r = migrate_pg(db, sql);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  // Reported as the script's failure, at COMMIT.
  CHECK(r.err.find("Migration of schema \"public\" to version \"2 - "
                   "Deferred\" failed! Changes successfully rolled back.") !=
        std::string::npos);
  CHECK(r.err.find("Failed to execute script V2__Deferred.sql") !=
        std::string::npos);
  CHECK(r.err.find("SQL State  : 23503") != std::string::npos);
  CHECK(r.err.find("Statement  : COMMIT") != std::string::npos);
  auto conn = open(db);
  CHECK(scalar(*conn,
               "SELECT string_agg(version || ':' || success, ',' ORDER BY "
               "installed_rank) FROM flyway_schema_history") == "1:true");
  CHECK(scalar(*conn, "SELECT to_regclass('child') IS NULL") == "t");
  // Mended, the next run applies it.
  sql.write("V2__Deferred.sql",
            "CREATE TABLE child (id INT REFERENCES parent (id) DEFERRABLE "
            "INITIALLY DEFERRED);\n");
  r = migrate_pg(db, sql);
  CHECK(r.exit_code == 0);
}

TEST_CASE("a script that moves the search path does not move the next one",
          "[e2e][postgres]") {
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__Away.sql",
            "CREATE TABLE first_table (id INT);\n"
            "SELECT set_config('search_path', 'public', false);\n");
  sql.write("V2__Next.sql", "CREATE TABLE second_table (id INT);\n");
  sql.write("V3__Set.sql",
            "SET search_path = public;\nCREATE TABLE third_table (id INT);\n");
  sql.write("V4__Last.sql", "CREATE TABLE fourth_table (id INT);\n");
  ProcessResult r = run_runway(
      {pg_url(db), "-schemas=app", "-locations=" + sql.location(), "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto conn = open(db);
  // Each script starts with app first in the search path, whatever the
  // script before it left.
  for (const char* table : {"app.first_table", "app.second_table",
                            "public.third_table", "app.fourth_table"}) {
    INFO(table);
    CHECK(scalar(*conn, std::string("SELECT to_regclass('") + table +
                            "') IS NOT NULL") == "t");
  }
}

TEST_CASE("per-statement callbacks leave the script's session alone",
          "[e2e][postgres][callbacks]") {
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("beforeEachMigrateStatement.sql", "SELECT 1;\n");
  // The search path the script set holds for its next statement, and its
  // notices are still logged (Flyway runs these callbacks as they are).
  sql.write("V1__Other_schema.sql",
            "CREATE SCHEMA other;\n"
            "SET search_path TO other;\n"
            "CREATE TABLE in_other (id INT);\n"
            "DO $$ BEGIN RAISE NOTICE 'hello from migration'; END $$;\n");
  ProcessResult r = migrate_pg(db, sql);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT to_regclass('other.in_other') IS NOT NULL") ==
        "t");
  CHECK(r.err.find("DB: hello from migration") != std::string::npos);

  // A per-statement callback that fails fails the migration: outside a
  // transaction its first statement stays, and a failed row says so.
  sql.write("beforeEachMigrateStatement.sql",
            "SELECT 1 / (1 - (SELECT count(*) FROM pg_class WHERE relname = "
            "'first_of_two'))::int;\n");
  sql.write("afterEachMigrateError.sql", "SELECT 1;\n");
  sql.write("V2__Two.sql", "CREATE TABLE first_of_two (id INT);\nSELECT 2;\n");
  sql.write("V2__Two.sql.conf", "executeInTransaction=false\n");
  r = migrate_pg(db, sql);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Migration of schema \"public\" to version \"2 - Two\" "
                   "failed! Please restore backups") != std::string::npos);
  CHECK(r.err.find("Executing SQL callback: afterEachMigrateError") !=
        std::string::npos);
  CHECK(scalar(*conn,
               "SELECT to_regclass('public.first_of_two') IS NOT NULL") == "t");
  CHECK(scalar(*conn,
               "SELECT success FROM flyway_schema_history WHERE version = "
               "'2'") == "f");
}

TEST_CASE("validate before the default schema exists",
          "[e2e][postgres][callbacks]") {
  // Flyway's DbValidate: pending migrations in a schema not created yet
  // fail validation, unless pending ones are ignored; no validation
  // callback runs either way.
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__First.sql", "CREATE TABLE first_table (id INT);\n");
  sql.write("beforeValidate.sql", "SELECT 1;\n");
  sql.write("afterValidateError.sql", "SELECT 1;\n");
  const std::vector<std::string> base = {pg_url(db), "-schemas=not_yet",
                                         "-locations=" + sql.location()};
  std::vector<std::string> args = base;
  args.push_back("validate");
  ProcessResult r = run_runway(args);
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("Schema \"not_yet\" doesn't exist yet") !=
        std::string::npos);
  CHECK(r.err.find("Executing SQL callback") == std::string::npos);

  args = base;
  args.insert(args.end(), {"-outputType=json", "validate"});
  r = run_runway(args);
  CHECK(r.exit_code == 4);
  CHECK(Json::parse(r.out)["errorDetails"]["errorCode"] ==
        "SCHEMA_DOES_NOT_EXIST");

  args = base;
  args.insert(args.end(), {"-ignoreMigrationPatterns=*:pending", "validate"});
  r = run_runway(args);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("Executing SQL callback") == std::string::npos);
  CHECK(r.err.find("Successfully validated") == std::string::npos);
}

TEST_CASE("option -schemas puts unqualified objects in the first schema",
          "[e2e][postgres]") {
  TempPostgresDatabase db;
  ScriptDir sql;
  sql.write("V1__Create.sql", "CREATE TABLE app_table (id INT);\n");
  sql.write("R__View.sql",
            "CREATE OR REPLACE VIEW app_view AS SELECT * FROM app_table;\n");
  ProcessResult r = run_runway({pg_url(db), "-schemas=app,extra",
                                "-locations=" + sql.location(), "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("Creating schema \"app\" ...") != std::string::npos);
  // Flyway validates only a default schema that exists: nothing to say yet.
  CHECK(r.err.find("Successfully validated") == std::string::npos);
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT to_regclass('app.app_table') IS NOT NULL") ==
        "t");
  CHECK(scalar(*conn, "SELECT to_regclass('app.app_view') IS NOT NULL") == "t");
  CHECK(scalar(*conn, "SELECT to_regclass('public.app_table') IS NULL") == "t");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM app.flyway_schema_history WHERE type = "
               "'SCHEMA' AND script = '\"app\",\"extra\"'") == "1");
}
