// MySQL/MariaDB under faults: the runner's connection killed mid-migration
// (KILL from a second session), Flyway's named lock held by another session,
// the runner SIGKILLed while it holds the lock. MariaDB commits DDL
// implicitly, so the "nothing half-applied" checks use migrations of InnoDB
// DML only, after a V1 that creates the tables. Each time: the documented
// exit code and message, the lock released, and a rerun that converges.
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "reliability_support.hpp"
#include "runway/history/lock_key.hpp"
#include "support/test_databases.hpp"

using namespace runway::test;

namespace {

void write_dml_scripts(const ScratchDir& scripts) {
  scripts.write("V1__create.sql",
                "CREATE TABLE t (id INT PRIMARY KEY, note VARCHAR(20)) "
                "ENGINE=InnoDB;\n");
  scripts.write("V2__fill.sql",
                "INSERT INTO t VALUES (1, 'a'), (2, 'b');\n"
                "DO SLEEP(${nap});\nUPDATE t SET note = 'c' WHERE id = 1;\n");
  scripts.write("V3__more.sql", "INSERT INTO t VALUES (3, 'd');\n");
}

std::vector<std::string> args_for(const TempMySQLDatabase& db,
                                  const ScratchDir& scripts,
                                  const std::string& nap,
                                  const std::string& retries = "0") {
  return {"-url=" + db.jdbc_url(),
          "-user=" + db.user(),
          "-password=" + db.password(),
          "-locations=" + scripts.location(),
          "-placeholders.nap=" + nap,
          "-lockRetryCount=" + retries,
          "migrate"};
}

std::unique_ptr<runway::db::Connection> open_db(const TempMySQLDatabase& db) {
  return open_url(db.jdbc_url(), db.user(), db.password());
}

std::string lock_name(const TempMySQLDatabase& db) {
  return runway::history::mysql_lock_name("`" + db.name() +
                                          "`.`flyway_schema_history`");
}

// What a clean run of the scripts leaves, from a database of its own.
std::vector<std::string> clean_run(const ScratchDir& scripts) {
  TempMySQLDatabase db;
  const ProcessResult r = run_runway(args_for(db, scripts, "0"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return mysql_snapshot(*open_db(db));
}

}  // namespace

TEST_CASE(
    "MariaDB connection killed inside a DML migration: exit 3, nothing "
    "half-applied, lock released, rerun converges",
    "[lost-connection][mysql]") {
  ScratchDir scripts;
  write_dml_scripts(scripts);
  const auto expected = clean_run(scripts);
  TempMySQLDatabase db;
  auto admin = open_db(db);

  auto runner = spawn_runway(args_for(db, scripts, "60"));
  const std::string id = wait_for_mysql_connection(*admin, "%SLEEP(%");
  admin->execute("KILL " + id);
  CHECK(runner->wait() == 3);
  INFO(runner->err());
  CHECK(contains(runner->err(), "ERROR: Connection to the database was lost"));
  CHECK(contains(runner->err(),
                 "Statements of V2__fill.sql that ran before the loss may "
                 "remain (MySQL and MariaDB commit DDL at once), and no "
                 "history row was written: check them by hand."));
  // V2's rows were never committed; V1 (DDL) and its row stay.
  CHECK(rows_of(*admin,
                "SELECT version, success FROM flyway_schema_history ORDER BY "
                "installed_rank") == std::vector<std::string>{"1|1"});
  CHECK(rows_of(*admin, "SELECT count(*) FROM t") ==
        std::vector<std::string>{"0"});
  // The server frees a killed session's named lock as it ends that
  // session, a moment after the client saw the connection go.
  std::vector<std::string> free_lock;
  for (int i = 0; i < 40 && free_lock != std::vector<std::string>{"1"}; ++i) {
    if (i > 0) ::usleep(50 * 1000);
    free_lock = rows_of(*admin, "SELECT IS_FREE_LOCK('" + lock_name(db) + "')");
  }
  CHECK(free_lock == std::vector<std::string>{"1"});

  // lockRetryCount=0: a lock still held would fail this run with exit 5.
  const ProcessResult rerun = run_runway(args_for(db, scripts, "0"));
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK(mysql_snapshot(*admin) == expected);
}

TEST_CASE(
    "Flyway's named lock held elsewhere on MariaDB: runway names the holder "
    "and exits 5 after lockRetryCount",
    "[lock][mysql]") {
  TempMySQLDatabase db;
  ScratchDir scripts;
  scripts.write("V1__t.sql", "CREATE TABLE t (id INT);\n");
  auto holder = open_db(db);
  const std::string holder_id =
      rows_of(*holder, "SELECT CONNECTION_ID()").front();
  REQUIRE(rows_of(*holder, "SELECT GET_LOCK('" + lock_name(db) + "', 0)") ==
          std::vector<std::string>{"1"});

  const ProcessResult r = run_runway(args_for(db, scripts, "0", "1"));
  INFO(r.err);
  CHECK(r.exit_code == 5);
  CHECK(contains(r.err, "Waiting for the migration lock on `" + db.name() +
                            "`.`flyway_schema_history` (MySQL named lock " +
                            lock_name(db) + "), held by connection " +
                            holder_id + " (user '" + db.user() + "'"));
  CHECK(contains(r.err,
                 "ERROR: Number of retries exceeded while attempting to "
                 "acquire MySQL named lock " +
                     lock_name(db) +
                     ". Configure the number of retries with the "
                     "'lockRetryCount' configuration option"));
  CHECK(rows_of(*holder,
                "SELECT count(*) FROM information_schema.tables WHERE "
                "table_schema = DATABASE()") == std::vector<std::string>{"0"});

  SECTION("and proceeds once the holder lets go") {
    auto runner = spawn_runway(args_for(db, scripts, "0", "30"));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    holder->execute("DO RELEASE_LOCK('" + lock_name(db) + "')");
    CHECK(runner->wait() == 0);
    CHECK(rows_of(*holder, "SELECT version FROM flyway_schema_history") ==
          std::vector<std::string>{"1"});
  }
}

TEST_CASE(
    "a runner SIGKILLed while holding the MariaDB lock does not block the "
    "next",
    "[lock][mysql]") {
  ScratchDir scripts;
  write_dml_scripts(scripts);
  const auto expected = clean_run(scripts);
  TempMySQLDatabase db;
  auto admin = open_db(db);

  auto runner = spawn_runway(args_for(db, scripts, "1"));
  wait_for_mysql_connection(*admin, "%SLEEP(%");
  ::kill(runner->pid, SIGKILL);
  runner->wait();

  // The server ends the dead runner's session (and its lock) once the
  // running statement returns: within the 1 s sleep, so two attempts do.
  const ProcessResult next = run_runway(args_for(db, scripts, "0", "2"));
  INFO(next.err);
  REQUIRE(next.exit_code == 0);
  CHECK(mysql_snapshot(*admin) == expected);
}

TEST_CASE(
    "SIGTERM while waiting for the MariaDB lock: exit 1 within a moment, "
    "nothing changed",
    "[lock][signal][mysql]") {
  TempMySQLDatabase db;
  ScratchDir scripts;
  scripts.write("V1__t.sql", "CREATE TABLE t (id INT);\n");
  auto holder = open_db(db);
  REQUIRE(rows_of(*holder, "SELECT GET_LOCK('" + lock_name(db) + "', 0)") ==
          std::vector<std::string>{"1"});

  auto runner = spawn_runway(args_for(db, scripts, "0", "-1"));
  for (int i = 0; i < 400 && !contains(runner->err(),
                                       "Waiting for the "
                                       "migration lock");
       ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto signalled = std::chrono::steady_clock::now();
  ::kill(runner->pid, SIGTERM);
  const int code = runner->wait();
  const auto took = std::chrono::steady_clock::now() - signalled;
  INFO(runner->err());
  CHECK(code == 1);
  CHECK(
      contains(runner->err(),
               "ERROR: Interrupted while waiting for the migration lock on `" +
                   db.name() + "`.`flyway_schema_history` (MySQL named lock " +
                   lock_name(db) + "); nothing was changed."));
  CHECK(took < std::chrono::seconds(3));
  CHECK(rows_of(*holder,
                "SELECT count(*) FROM information_schema.tables WHERE "
                "table_schema = DATABASE()") == std::vector<std::string>{"0"});
}
