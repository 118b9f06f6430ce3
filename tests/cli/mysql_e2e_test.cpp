// MySQL/MariaDB end to end: the runway binary against a real MariaDB
// server (scripts/lib/mariadb.sh), checked through a separate connection.
// MariaDB commits DDL implicitly, so a failed migration leaves a
// success=0 row that blocks migrate until repair, as on Flyway.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "process.hpp"
#include "runway/db/connect.hpp"
#include "support/test_databases.hpp"

namespace fs = std::filesystem;
using runway::test::ProcessResult;
using ScriptDir = runway::test::ScratchDir;
using runway::test::run_process;
using runway::test::runway_binary;
using runway::test::TempMySQLDatabase;
using Json = nlohmann::json;

namespace {

const std::string kExamples = std::string(RUNWAY_SOURCE_DIR) + "/sql-examples";
const std::string kMysqlExamples = "-locations=filesystem:" + kExamples +
                                   "/common,filesystem:" + kExamples + "/mysql";

std::unique_ptr<runway::db::Connection> open(const TempMySQLDatabase& db) {
  runway::db::ConnectOptions o;
  o.url = db.jdbc_url();
  o.user = db.user();
  o.password = db.password();
  return runway::db::connect(o);
}

std::string scalar(runway::db::Connection& c, const std::string& sql) {
  auto r = c.execute(sql);
  REQUIRE(r.rows.size() == 1);
  return r.rows[0][0].value_or("NULL");
}

// The URL, user and password options for `db`, then `args`.
std::vector<std::string> runway_argv(const TempMySQLDatabase& db,
                                     const std::vector<std::string>& args) {
  std::vector<std::string> argv{runway_binary(), "-url=" + db.jdbc_url(),
                                "-user=" + db.user(),
                                "-password=" + db.password()};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

ProcessResult run_runway(const TempMySQLDatabase& db,
                         const std::vector<std::string>& args) {
  return run_process(runway_argv(db, args));
}

Json json_of(const TempMySQLDatabase& db, std::vector<std::string> args) {
  args.insert(args.begin(), "-outputType=json");
  const ProcessResult r = run_runway(db, args);
  INFO(r.err);
  return Json::parse(r.out);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE(
    "sql-examples common and mysql migrate on MariaDB, then nothing is "
    "pending",
    "[e2e][mysql]") {
  TempMySQLDatabase db;
  ProcessResult r =
      run_runway(db, {kMysqlExamples, "-placeholders.region=eu", "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.err, "to version \"5 - Order status trigger\""));

  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "6");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM flyway_schema_history WHERE "
               "success = 1") == "6");
  CHECK(scalar(*conn, "SELECT value FROM app_settings WHERE name='region'") ==
        "eu");
  CHECK(scalar(*conn,
               "SELECT region FROM customer_order_summary WHERE id = "
               "2") == "eu");
  CHECK(scalar(*conn,
               "SELECT installed_by FROM flyway_schema_history WHERE "
               "installed_rank = 1") == db.user());

  // The procedure and the function defined between DELIMITER lines work.
  conn->execute("CALL place_order(1, 1250)");
  conn->execute("CALL place_order(1, 750)");
  CHECK(scalar(*conn, "SELECT customer_lifetime_value(1)") == "2000");
  // The trigger's BEGIN ... END body runs on a status change only.
  conn->execute("UPDATE orders SET status = 'paid' WHERE id = 1");
  conn->execute("UPDATE orders SET total_cents = 1300 WHERE id = 1");
  CHECK(scalar(*conn, "SELECT count(*) FROM order_status_log") == "1");
  CHECK(scalar(*conn,
               "SELECT concat(old_status, '>', new_status) FROM "
               "order_status_log") == "new>paid");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM information_schema.statistics "
               "WHERE table_schema = DATABASE() AND index_name = "
               "'orders_customer_id_idx'") == "2");

  // Flyway's MariaDB history table: unnamed primary key, the success index.
  auto created = conn->execute("SHOW CREATE TABLE flyway_schema_history");
  REQUIRE(created.rows.size() == 1);
  const std::string ddl = created.rows[0][1].value_or("");
  CHECK(contains(ddl, "PRIMARY KEY (`installed_rank`)"));
  CHECK(contains(ddl, "KEY `flyway_schema_history_s_idx` (`success`)"));

  Json j = json_of(db, {kMysqlExamples, "-placeholders.region=eu", "migrate"});
  CHECK(j["migrationsExecuted"] == 0);
  CHECK(j["databaseType"] == "MariaDB");
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "6");

  j = json_of(db, {kMysqlExamples, "-placeholders.region=eu", "info"});
  REQUIRE(j["migrations"].size() == 6);
  for (const auto& m : j["migrations"]) CHECK(m["state"] == "Success");
  r = run_runway(db, {kMysqlExamples, "-placeholders.region=eu", "validate"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("URL parameters the JDBC drivers act on when connecting",
          "[e2e][mysql]") {
  // Spring Boot URLs: createDatabaseIfNotExist, sessionVariables and a
  // forced session time zone, as Connector/J and MariaDB's driver do them.
  TempMySQLDatabase db;
  open(db)->execute("DROP DATABASE `" + db.name() + "`");
  ScriptDir sql;
  sql.write("V1__Session.sql",
            "CREATE TABLE session_seen AS SELECT @@SESSION.sql_mode AS mode, "
            "@@SESSION.time_zone AS tz, @marker AS marker;\n");
  const std::vector<std::string> login = {"-user=" + db.user(),
                                          "-password=" + db.password(),
                                          "-locations=" + sql.location()};
  std::vector<std::string> plain = {runway_binary(), "-url=" + db.jdbc_url()};
  plain.insert(plain.end(), login.begin(), login.end());
  plain.push_back("migrate");
  ProcessResult r = run_process(plain);
  CHECK(r.exit_code == 3);  // no such database, and nothing asked to create it

  std::vector<std::string> asked = {
      runway_binary(),
      "-url=" + db.jdbc_url() +
          "?createDatabaseIfNotExist=true&sessionVariables=sql_mode='NO_"
          "ENGINE_SUBSTITUTION',@marker=7&connectionTimeZone=%2B02:00&"
          "forceConnectionTimeZoneToSession=true"};
  asked.insert(asked.end(), login.begin(), login.end());
  asked.push_back("migrate");
  r = run_process(asked);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT mode FROM session_seen") ==
        "NO_ENGINE_SUBSTITUTION");
  CHECK(scalar(*conn, "SELECT tz FROM session_seen") == "+02:00");
  CHECK(scalar(*conn, "SELECT marker FROM session_seen") == "7");
  // The database exists now: the same URL connects to it again.
  r = run_process(asked);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "is up to date"));
}

TEST_CASE("Connector/J's address=(...) and (key=value) hosts connect there",
          "[e2e][mysql]") {
  // Read as host names, these once reached whatever listened on
  // localhost:3306 instead of the server they name.
  TempMySQLDatabase db;
  ScriptDir sql;
  sql.write("V1__Here.sql", "CREATE TABLE landed (id INT);\n");
  const std::string port = std::to_string(db.port());
  for (const std::string& url :
       {"jdbc:mysql://address=(host=127.0.0.1)(port=" + port + ")/" + db.name(),
        "jdbc:mariadb://(host=127.0.0.1,port=" + port +
            ",password=" + db.password() + ")/" + db.name()}) {
    INFO(url);
    const ProcessResult r =
        run_process({runway_binary(), "-url=" + url, "-user=" + db.user(),
                     "-password=" + db.password(),
                     "-locations=" + sql.location(), "migrate", "info"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK_FALSE(contains(r.out + r.err, db.password()));
  }
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "1");
}

TEST_CASE("a MariaDB syntax error names its line in the script",
          "[e2e][mysql]") {
  // The server counts lines from the start of the statement's text, which
  // keeps the leading comments: "at line 5" of this one is script line 7.
  TempMySQLDatabase db;
  ScriptDir sql;
  sql.write("V1__Query.sql",
            "CREATE TABLE a (id INT);\n"
            "\n"
            "-- c\n"
            "# d\n"
            "/* e */\n"
            "SELECT id\n"
            "  FROM a WHERE AND id = 1;\n");
  ProcessResult r = run_runway(db, {"-locations=" + sql.location(), "migrate"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "at line 5"));
  CHECK(contains(r.err, "Line       : 6"));
  CHECK(contains(r.err, "Error at   : line 7\n"));

  // mariadb-dump's /*M! line is a comment kept in the text: line 4 of this
  // statement is script line 5.
  TempMySQLDatabase db2;
  ScriptDir dump;
  dump.write("V1__Dump.sql",
             "CREATE TABLE a (id INT);\n"
             "/*M!999999\\- enable the sandbox mode */\n"
             "-- c\n"
             "SELECT id\n"
             "  FROM a WHERE AND id = 1;\n");
  r = run_runway(db2, {"-locations=" + dump.location(), "migrate"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "at line 4"));
  CHECK(contains(r.err, "Error at   : line 5\n"));
}

TEST_CASE("a failed migration on MariaDB leaves a Failed row until repair",
          "[e2e][mysql]") {
  TempMySQLDatabase db;
  ScriptDir sql;
  sql.write("V1__Ok.sql", "CREATE TABLE ok_table (id INT);\n");
  sql.write("V2__Half.sql",
            "CREATE TABLE half_table (id INT);\n"
            "-- a comment line\n"
            "INSERT INTO missing_table VALUES (1);\n");
  ProcessResult r = run_runway(db, {"-locations=" + sql.location(), "migrate"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "Migration of schema `" + db.name() +
                            "` to version \"2 - Half\" failed! Please "
                            "restore backups and roll back database and "
                            "code!"));
  CHECK(contains(r.err, "SQL State  : 42S02"));
  CHECK(contains(r.err, "Error Code : 1146"));
  CHECK(contains(r.err, "Line       : 3"));
  CHECK(contains(
      r.err,
      "INSERT INTO missing_table VALUES (1)\nStatement 2 "
      "failed; the statements up to the one at line 1 were committed (DDL "
      "commits at once on MySQL and MariaDB, as does a COMMIT in "
      "the script) and were NOT rolled back; those after it were."));

  auto conn = open(db);
  // DDL committed implicitly: the half-made table stays, with the failed row.
  CHECK(scalar(*conn,
               "SELECT count(*) FROM information_schema.tables WHERE "
               "table_schema = DATABASE() AND table_name = "
               "'half_table'") == "1");
  CHECK(scalar(*conn,
               "SELECT success FROM flyway_schema_history WHERE "
               "version = '2'") == "0");
  Json j = json_of(db, {"-locations=" + sql.location(), "info"});
  REQUIRE(j["migrations"].size() == 2);
  CHECK(j["migrations"][1]["state"] == "Failed");

  r = run_runway(db, {"-locations=" + sql.location(), "migrate"});
  CHECK(r.exit_code != 0);
  CHECK(contains(r.err,
                 "Detected failed migration to version 2 (Half).\n"
                 "Please remove any half-completed changes then run "
                 "repair to fix the schema history."));

  r = run_runway(db, {"-locations=" + sql.location(), "repair"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(scalar(*conn,
               "SELECT count(*) FROM flyway_schema_history WHERE "
               "version = '2'") == "0");

  sql.write("V2__Half.sql",
            "CREATE TABLE IF NOT EXISTS half_table (id INT);\n"
            "INSERT INTO half_table VALUES (1);\n");
  r = run_runway(db, {"-locations=" + sql.location(), "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(scalar(*conn, "SELECT count(*) FROM half_table") == "1");
  j = json_of(db, {"-locations=" + sql.location(), "info"});
  CHECK(j["migrations"][1]["state"] == "Success");
}

TEST_CASE("a script's SET FOREIGN_KEY_CHECKS=0 does not reach the next one",
          "[e2e][mysql]") {
  // Flyway puts foreign_key_checks and sql_safe_updates back before each
  // migration (MySQLConnection.doRestoreOriginalState).
  TempMySQLDatabase db;
  ScriptDir sql;
  sql.write("V1__Parent.sql",
            "/*!40014 SET FOREIGN_KEY_CHECKS=0 */;\n"
            "CREATE TABLE parent (id INT PRIMARY KEY) ENGINE=InnoDB;\n");
  sql.write("V2__Child.sql",
            "CREATE TABLE child (pid INT, FOREIGN KEY (pid) REFERENCES "
            "parent (id)) ENGINE=InnoDB;\n"
            "INSERT INTO child VALUES (42);\n");
  ProcessResult r = run_runway(db, {"-locations=" + sql.location(), "migrate"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "Error Code : 1452"));  // the foreign key refused it
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT count(*) FROM child") == "0");
}

TEST_CASE("a user variable a script sets does not reach the next one",
          "[e2e][mysql]") {
  // Flyway sets every user variable back to NULL after each migration
  // (MySQLConnection.resetUserVariables, #2197); mysqldump's
  // @OLD_CHARACTER_SET_CLIENT and the like are left set by its scripts.
  TempMySQLDatabase db;
  ScriptDir sql;
  sql.write("V1__Set.sql",
            "SET @leak = 42, @`odd-name` = 'x';\n"
            "CREATE TABLE seen (v INT, w VARCHAR(8));\n"
            "INSERT INTO seen VALUES (@leak, @`odd-name`);\n");
  sql.write("V2__Read.sql", "INSERT INTO seen VALUES (@leak, @`odd-name`);\n");
  ProcessResult r = run_runway(db, {"-locations=" + sql.location(), "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT count(*) FROM seen WHERE v = 42 AND w = 'x'") ==
        "1");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM seen WHERE v IS NULL AND w IS NULL") ==
        "1");
}

TEST_CASE("a history row the table refuses is reported as Flyway does",
          "[e2e][mysql]") {
  // A Chinese description in a latin1 database's history table (MySQL
  // 5.7's and MariaDB's default character set): the script ran, its row
  // cannot be written.
  TempMySQLDatabase db;
  open(db)->execute("ALTER DATABASE `" + db.name() +
                    "` CHARACTER SET latin1 COLLATE latin1_swedish_ci");
  ScriptDir sql;
  sql.write("V1.0.0__\xE5\x88\x9D\xE5\xA7\x8B.sql",
            "CREATE TABLE sys_user (id BIGINT PRIMARY KEY);\n");
  ProcessResult r = run_runway(db, {"-locations=" + sql.location(), "migrate"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err,
                 "Unable to insert row for version '1.0.0' in Schema "
                 "History table `" +
                     db.name() + "`.`flyway_schema_history`: "));
  CHECK(contains(r.err, "Its DDL statements were NOT rolled back"));
  // Run again: the script's own failure (the table exists) is the one
  // reported, with the row that could not record it.
  r = run_runway(db, {"-locations=" + sql.location(), "migrate"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "The failure is not recorded."));
  CHECK(contains(r.err, "failed! Please restore backups"));
  CHECK(contains(r.err, "Table 'sys_user' already exists"));
}

TEST_CASE("on MariaDB a failure without DDL before it was rolled back",
          "[e2e][mysql]") {
  // No DDL before the failure: the transaction held everything (the
  // message used to say the statements ran outside a transaction).
  TempMySQLDatabase db;
  ScriptDir sql;
  sql.write("V1__Table.sql", "CREATE TABLE t1 (id INT);\n");
  sql.write("V2__Rows.sql",
            "INSERT INTO t1 VALUES (2);\nINSERT INTO missing VALUES (1);\n");
  ProcessResult r = run_runway(db, {"-locations=" + sql.location(), "migrate"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err,
                 "Statement 2 failed; the statements before it were rolled "
                 "back with it, unless it is a DDL statement"));
  CHECK(scalar(*open(db), "SELECT count(*) FROM t1") == "0");
}

TEST_CASE("on MariaDB rows written after a script's DDL are rolled back",
          "[e2e][mysql]") {
  // Flyway's connection has autocommit off: the DDL commits, and the rows
  // inserted after it are in a new transaction that the failure rolls back.
  TempMySQLDatabase db;
  ScriptDir sql;
  sql.write("V1__Rows_after_ddl.sql",
            "CREATE TABLE kept_table (id INT);\n"
            "INSERT INTO kept_table VALUES (1);\n"
            "INSERT INTO kept_table VALUES (2);\n"
            "INSERT INTO missing_table VALUES (1);\n");
  ProcessResult r = run_runway(db, {"-locations=" + sql.location(), "migrate"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(
      contains(r.err, "the statements up to the one at line 1 were committed"));
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT count(*) FROM kept_table") == "0");
  CHECK(scalar(*conn,
               "SELECT success FROM flyway_schema_history WHERE "
               "version = '1'") == "0");
}

TEST_CASE(
    "ten runners started at once on MariaDB apply every migration "
    "exactly once",
    "[e2e][mysql][race]") {
  TempMySQLDatabase db;
  ScriptDir sql;
  for (int i = 1; i <= 8; ++i)
    sql.write("V" + std::to_string(i) + "__Step_" + std::to_string(i) + ".sql",
              "CREATE TABLE step_" + std::to_string(i) +
                  " (id INT);\nDO SLEEP(0.05);\n");
  sql.write("R__Steps_view.sql",
            "CREATE OR REPLACE VIEW steps AS SELECT 1 AS one;\n");
  for (const ProcessResult& r : runway::test::run_concurrently(
           runway_argv(db, {"-locations=" + sql.location(), "migrate"}), 10)) {
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
  auto conn = open(db);
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "9");
  CHECK(scalar(*conn,
               "SELECT count(DISTINCT version) FROM "
               "flyway_schema_history") == "8");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM flyway_schema_history WHERE "
               "success = 0") == "0");
}

TEST_CASE("baseline on a MariaDB database with tables and no history",
          "[e2e][mysql]") {
  TempMySQLDatabase db;
  open(db)->execute("CREATE TABLE legacy (id INT)");
  ScriptDir sql;
  sql.write("V1__Old.sql", "CREATE TABLE legacy (id INT);\n");
  sql.write("V2__New.sql", "CREATE TABLE newer (id INT);\n");

  ProcessResult r = run_runway(db, {"-locations=" + sql.location(), "migrate"});
  CHECK(r.exit_code != 0);
  CHECK(contains(r.err, "Found non-empty schema(s) `" + db.name() + "`"));

  r = run_runway(
      db, {"-locations=" + sql.location(), "-baselineVersion=1", "baseline"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = run_runway(db, {"-locations=" + sql.location(), "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  Json j = json_of(db, {"-locations=" + sql.location(), "info"});
  REQUIRE(j["migrations"].size() == 3);
  CHECK(j["migrations"][1]["state"] == "Baseline");
  CHECK(j["migrations"][2]["state"] == "Success");
  CHECK(scalar(*open(db),
               "SELECT type FROM flyway_schema_history WHERE "
               "installed_rank = 1") == "BASELINE");
}

TEST_CASE("undo of the latest migration on MariaDB", "[e2e][mysql]") {
  TempMySQLDatabase db;
  ScriptDir sql;
  sql.write("V1__First.sql", "CREATE TABLE first_table (id INT);\n");
  sql.write("V2__Second.sql", "CREATE TABLE second_table (id INT);\n");
  sql.write("U2__Second.sql", "DROP TABLE second_table;\n");
  REQUIRE(
      run_runway(db, {"-locations=" + sql.location(), "migrate"}).exit_code ==
      0);

  ProcessResult r = run_runway(db, {"-locations=" + sql.location(), "undo"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto conn = open(db);
  CHECK(scalar(*conn,
               "SELECT count(*) FROM information_schema.tables WHERE "
               "table_schema = DATABASE() AND table_name = "
               "'second_table'") == "0");
  CHECK(scalar(*conn,
               "SELECT type FROM flyway_schema_history ORDER BY "
               "installed_rank DESC LIMIT 1") == "UNDO_SQL");
  Json j = json_of(db, {"-locations=" + sql.location(), "info"});
  bool undone = false;
  for (const auto& m : j["migrations"])
    if (m["version"] == "2" && m["state"] == "Undone") undone = true;
  CHECK(undone);

  r = run_runway(db, {"-locations=" + sql.location(), "migrate"});
  REQUIRE(r.exit_code == 0);
  CHECK(scalar(*conn, "SELECT count(*) FROM second_table") == "0");
}

TEST_CASE("clean on MariaDB drops every object, foreign keys or not",
          "[e2e][mysql]") {
  TempMySQLDatabase db;
  ProcessResult r =
      run_runway(db, {kMysqlExamples, "-placeholders.region=eu", "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto conn = open(db);
  conn->execute("CREATE SEQUENCE order_numbers");
  conn->execute(
      "CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DO DELETE FROM orders "
      "WHERE status = 'cancelled'");

  r = run_runway(db, {kMysqlExamples, "-placeholders.region=eu", "clean"});
  CHECK(r.exit_code != 0);
  CHECK(contains(r.err, "Unable to execute clean as it has been disabled"));

  r = run_runway(db, {kMysqlExamples, "-placeholders.region=eu",
                      "-cleanDisabled=false", "clean"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(scalar(*conn,
               "SELECT count(*) FROM information_schema.tables WHERE "
               "table_schema = DATABASE()") == "0");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM information_schema.routines "
               "WHERE routine_schema = DATABASE()") == "0");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM information_schema.events WHERE "
               "event_schema = DATABASE()") == "0");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM information_schema.triggers "
               "WHERE trigger_schema = DATABASE()") == "0");
  // The database itself stays: Runway did not create it.
  CHECK(scalar(*conn,
               "SELECT count(*) FROM information_schema.schemata "
               "WHERE schema_name = DATABASE()") == "1");

  r = run_runway(db, {kMysqlExamples, "-placeholders.region=eu",
                      "-outputType=json", "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(Json::parse(r.out)["migrationsExecuted"] == 6);
}

TEST_CASE("clean on MariaDB drops a schema Runway created", "[e2e][mysql]") {
  TempMySQLDatabase db;
  const std::string extra = db.name() + "_extra";
  ScriptDir sql;
  sql.write("V1__Table.sql", "CREATE TABLE t (id INT);\n");
  ProcessResult r = run_runway(
      db, {"-locations=" + sql.location(), "-schemas=" + extra, "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto conn = open(db);
  CHECK(scalar(*conn,
               "SELECT count(*) FROM information_schema.tables WHERE "
               "table_schema = '" +
                   extra + "'") == "2");
  r = run_runway(db, {"-locations=" + sql.location(), "-schemas=" + extra,
                      "-cleanDisabled=false", "clean"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(scalar(*conn,
               "SELECT count(*) FROM information_schema.schemata "
               "WHERE schema_name = '" +
                   extra + "'") == "0");
}

TEST_CASE("a failed undo on MariaDB is recorded, its DDL not rolled back",
          "[e2e][mysql]") {
  TempMySQLDatabase db;
  ScriptDir sql;
  sql.write("V1__A.sql", "CREATE TABLE a (id INT);\n");
  sql.write("U1__A.sql", "DROP TABLE a;\nDROP TABLE missing_one;\n");
  REQUIRE(
      run_runway(db, {"-locations=" + sql.location(), "migrate"}).exit_code ==
      0);
  ProcessResult r = run_runway(db, {"-locations=" + sql.location(), "undo"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "Undo of migration of schema `" + db.name() +
                            "` to version \"1 - A\" failed! Please restore "
                            "backups and roll back database and code!"));
  CHECK(contains(
      r.err,
      "Statement 2 failed; the statements up to the one at line 1 were "
      "committed"));
  auto conn = open(db);
  CHECK(scalar(*conn,
               "SELECT success FROM flyway_schema_history WHERE type "
               "= 'UNDO_SQL'") == "0");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM information_schema.tables WHERE "
               "table_schema = DATABASE() AND table_name = 'a'") == "0");
}

TEST_CASE("migrate on MariaDB through the unix socket URL form",
          "[e2e][mysql]") {
  TempMySQLDatabase db;
  ScriptDir sql;
  sql.write("V1__Table.sql", "CREATE TABLE t (id INT);\n");
  const ProcessResult r = run_process(
      {runway_binary(),
       "-url=jdbc:mariadb://localhost/" + db.name() +
           "?localSocket=" + db.socket(),
       "-user=" + db.user(), "-password=" + db.password(),
       "-locations=" + sql.location(), "-outputType=json", "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(Json::parse(r.out)["migrationsExecuted"] == 1);
  CHECK(scalar(*open(db), "SELECT count(*) FROM t") == "0");
}
