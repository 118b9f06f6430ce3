// Lost connections and the migration lock on PostgreSQL: the server ends the
// runner's backend (pg_terminate_backend from a second session) inside a
// statement and inside COMMIT (a deferred constraint trigger that sleeps makes
// COMMIT itself long, so the loss lands there deterministically); another
// session holds Flyway's advisory lock key; the runner is SIGKILLed while it
// holds the lock; a runner waiting for the lock gets SIGTERM. Each time: the
// documented exit code and message, the lock released, and a rerun that
// converges. Last, SQLite's lock wait ends on SIGTERM too.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "reliability_support.hpp"
#include "runway/db/connect.hpp"
#include "support/test_databases.hpp"

using namespace runway::test;

namespace {

// Flyway's key for "public"."flyway_schema_history".
const std::string kLockKey = "77433833903597";

const char* const kSleepy =
    "CREATE TABLE a (id int);\nSELECT pg_sleep(${nap});\n"
    "INSERT INTO a VALUES (1);\n";

const char* const kSlowCommit =
    "CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n  PERFORM pg_sleep(${nap});\n  RETURN NULL;\nEND $$;\n"
    "CREATE TABLE c (id int);\n"
    "CREATE CONSTRAINT TRIGGER c_slow AFTER INSERT ON c DEFERRABLE "
    "INITIALLY DEFERRED\n  FOR EACH ROW EXECUTE FUNCTION slow_commit();\n"
    "INSERT INTO c VALUES (1);\n";

std::vector<std::string> args_for(const TempPostgresDatabase& db,
                                  const ScratchDir& scripts,
                                  const std::string& nap,
                                  const std::string& retries = "0") {
  return {"-url=" + db.conninfo(), "-locations=" + scripts.location(),
          "-placeholders.nap=" + nap, "-lockRetryCount=" + retries, "migrate"};
}

// A runner of V1__t.sql started while `holder` holds Flyway's lock key:
// it waits for it, with lockRetryCount -1 (forever).
struct WaitingRunner {
  std::unique_ptr<runway::db::Connection> holder;
  std::unique_ptr<Spawned> runner;
};

WaitingRunner start_behind_holder(const TempPostgresDatabase& db,
                                  ScratchDir& scripts) {
  scripts.write("V1__t.sql", "CREATE TABLE t (id int);\n");
  WaitingRunner w;
  w.holder = open_url(db.conninfo());
  w.holder->execute("SELECT pg_advisory_lock(" + kLockKey + ")");
  w.runner = spawn_runway(args_for(db, scripts, "0", "-1"));
  return w;
}

}  // namespace

TEST_CASE(
    "backend terminated inside a statement: exit 3, nothing recorded, "
    "lock released, rerun converges",
    "[lost-connection][postgres]") {
  TempPostgresDatabase db;
  ScratchDir scripts;
  scripts.write("V1__sleepy.sql", kSleepy);
  scripts.write("V2__after.sql", "CREATE TABLE b (id int);\n");
  auto admin = open_url(db.conninfo());

  auto runner = spawn_runway(args_for(db, scripts, "30"));
  const std::string pid = wait_for_postgres_backend(*admin, "%pg_sleep%");
  admin->execute("SELECT pg_terminate_backend(" + pid + ")");
  CHECK(runner->wait() == 3);
  CHECK(contains(runner->err(),
                 "ERROR: Connection to the database was lost: "
                 "FATAL:  terminating connection due to "
                 "administrator command"));
  CHECK(contains(runner->err(),
                 "V1__sleepy.sql was not committed: its transaction ends "
                 "with the connection, and no history row was written. "
                 "Check that the database is reachable, run info to see "
                 "where the history stands, then run migrate again."));
  CHECK(rows_of(*admin,
                "SELECT count(*) FROM pg_tables WHERE tablename IN "
                "('a', 'b')") == std::vector<std::string>{"0"});
  CHECK(rows_of(*admin, "SELECT count(*) FROM flyway_schema_history") ==
        std::vector<std::string>{"0"});

  // lockRetryCount=0: a lock still held would fail this run with exit 5.
  const ProcessResult rerun = run_runway(args_for(db, scripts, "0"));
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK(rows_of(*admin,
                "SELECT version, success FROM flyway_schema_history "
                "ORDER BY installed_rank") ==
        std::vector<std::string>{"1|t", "2|t"});
}

TEST_CASE("connection lost during COMMIT: exit 6 says the outcome is unknown",
          "[lost-connection][postgres]") {
  TempPostgresDatabase db;
  ScratchDir scripts;
  scripts.write("V1__slow_commit.sql", kSlowCommit);
  auto admin = open_url(db.conninfo());

  auto runner = spawn_runway(args_for(db, scripts, "30"));
  const std::string pid = wait_for_postgres_backend(*admin, "COMMIT");
  admin->execute("SELECT pg_terminate_backend(" + pid + ")");
  CHECK(runner->wait() == 6);
  CHECK(contains(runner->err(),
                 "ERROR: The connection to the database was lost during "
                 "COMMIT, so it is unknown whether the transaction was "
                 "committed. Run `info` to check the schema history."));
  // The server aborted it: neither the table nor its history row exists.
  CHECK(rows_of(*admin,
                "SELECT count(*) FROM pg_tables WHERE tablename = "
                "'c'") == std::vector<std::string>{"0"});

  const ProcessResult rerun = run_runway(args_for(db, scripts, "0"));
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK(rows_of(*admin, "SELECT version, success FROM flyway_schema_history") ==
        std::vector<std::string>{"1|t"});
  CHECK(rows_of(*admin, "SELECT count(*) FROM c") ==
        std::vector<std::string>{"1"});
}

TEST_CASE("a runner killed while holding the lock does not block the next",
          "[lock][postgres]") {
  TempPostgresDatabase db;
  ScratchDir scripts;
  scripts.write("V1__sleepy.sql", kSleepy);
  auto admin = open_url(db.conninfo());

  auto runner = spawn_runway(args_for(db, scripts, "2"));
  wait_for_postgres_backend(*admin, "%pg_sleep%");
  ::kill(runner->pid, SIGKILL);
  runner->wait();

  // Two attempts a second apart: the session lock died with the process.
  const ProcessResult next = run_runway(args_for(db, scripts, "0", "1"));
  INFO(next.err);
  REQUIRE(next.exit_code == 0);
  CHECK(rows_of(*admin, "SELECT version, success FROM flyway_schema_history") ==
        std::vector<std::string>{"1|t"});
}

TEST_CASE(
    "Flyway's advisory lock held elsewhere: runway names the holder "
    "and exits 5 after lockRetryCount",
    "[lock][postgres]") {
  TempPostgresDatabase db;
  ScratchDir scripts;
  scripts.write("V1__t.sql", "CREATE TABLE t (id int);\n");
  auto holder = open_url(db.conninfo());
  const std::string holder_pid =
      rows_of(*holder, "SELECT pg_backend_pid()").front();
  holder->execute("SELECT pg_advisory_lock(" + kLockKey + ")");

  const ProcessResult r = run_runway(args_for(db, scripts, "0", "1"));
  CHECK(r.exit_code == 5);
  CHECK(contains(r.err,
                 "Waiting for the migration lock on "
                 "\"public\".\"flyway_schema_history\" (PostgreSQL advisory "
                 "lock " +
                     kLockKey + "), held by pid " + holder_pid));
  CHECK(contains(r.err,
                 "ERROR: Number of retries exceeded while attempting to "
                 "acquire PostgreSQL advisory lock. Configure the number of "
                 "retries with the 'lockRetryCount' configuration option"));
  CHECK(rows_of(*holder,
                "SELECT count(*) FROM pg_tables WHERE schemaname = "
                "'public'") == std::vector<std::string>{"0"});

  SECTION("and proceeds once the holder lets go") {
    auto runner = spawn_runway(args_for(db, scripts, "0", "30"));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    holder->execute("SELECT pg_advisory_unlock(" + kLockKey + ")");
    CHECK(runner->wait() == 0);
    CHECK(rows_of(*holder, "SELECT version FROM flyway_schema_history") ==
          std::vector<std::string>{"1"});
  }
}

TEST_CASE(
    "SIGTERM while waiting for the lock: exit 1 within a moment, nothing "
    "changed",
    "[lock][signal][postgres]") {
  TempPostgresDatabase db;
  ScratchDir scripts;
  auto [holder, runner] = start_behind_holder(db, scripts);
  // The runner reported the holder: it is inside the wait.
  for (int i = 0; i < 400 && !contains(runner->err() + runner->out(),
                                       "Waiting for the migration lock");
       ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto signalled = std::chrono::steady_clock::now();
  ::kill(runner->pid, SIGTERM);
  const int code = runner->wait();
  const auto took = std::chrono::steady_clock::now() - signalled;
  INFO(runner->out() << runner->err());
  CHECK(code == 1);
  CHECK(contains(runner->err(),
                 "ERROR: Interrupted while waiting for the migration lock on "
                 "\"public\".\"flyway_schema_history\" (PostgreSQL advisory "
                 "lock " +
                     kLockKey + "); nothing was changed."));
  CHECK(took < std::chrono::seconds(3));  // 0.1 s locally; CI is slow
  CHECK(rows_of(*holder,
                "SELECT count(*) FROM pg_tables WHERE schemaname = "
                "'public'") == std::vector<std::string>{"0"});
}

TEST_CASE(
    "a runner waiting for the lock blocks a second per attempt, not in "
    "tenths",
    "[lock][postgres]") {
  // Each lock call that times out is an error in the server's log and a
  // round trip: a waiting runner makes one a second (a SIGTERM cancels the
  // call instead of waiting for its end, see above).
  TempPostgresDatabase db;
  ScratchDir scripts;
  auto [holder, runner] = start_behind_holder(db, scripts);
  const std::string pid =
      wait_for_postgres_backend(*holder, "%pg_advisory_lock%");
  // How long the runner's current lock call has been blocked, seen every
  // 0.1 s for up to ten seconds: a call cut at 0.1 s never gets near 0.5 s.
  double longest = 0;
  const auto until =
      std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < until && longest <= 0.5) {
    const auto age = rows_of(
        *holder,
        "SELECT coalesce(extract(epoch FROM clock_timestamp() - query_start), "
        "0) FROM pg_stat_activity WHERE pid = " +
            pid + " AND wait_event_type = 'Lock'");
    if (!age.empty()) longest = std::max(longest, std::stod(age.front()));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  {
    // What the runner did meanwhile, should the check fail.
    const std::vector<std::string> activity = rows_of(
        *holder,
        "SELECT pid, state, wait_event_type, wait_event, query FROM "
        "pg_stat_activity WHERE datname = current_database() AND pid <> "
        "pg_backend_pid()");
    std::string sessions;
    for (const std::string& row : activity) sessions += "\n" + row;
    INFO("longest blocked call " << longest << " s; sessions now:" << sessions);
    CHECK(longest > 0.5);
  }
  holder->execute("SELECT pg_advisory_unlock(" + kLockKey + ")");
  const int code = runner->wait();
  INFO(runner->out() << runner->err());
  CHECK(code == 0);
  CHECK(rows_of(*holder, "SELECT count(*) FROM flyway_schema_history") ==
        std::vector<std::string>{"1"});
}

namespace {

// SIGTERMs a runner once it says it waits; its exit code, what it printed,
// and how long it took to go.
struct Stopped {
  int code;
  std::string err;
  std::chrono::steady_clock::duration took;
};

Stopped stop_waiting_runner(const Spawned& runner) {
  for (int i = 0; i < 400 && !contains(runner.err() + runner.out(),
                                       "Waiting for the migration lock");
       ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto signalled = std::chrono::steady_clock::now();
  ::kill(runner.pid, SIGTERM);
  // A runner that ignores the request is killed after 10 s, not waited for.
  int status = 0;
  pid_t done = 0;
  for (int i = 0; i < 200 && done == 0; ++i) {
    done = ::waitpid(runner.pid, &status, WNOHANG);
    if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto took = std::chrono::steady_clock::now() - signalled;
  if (done == 0) {
    ::kill(runner.pid, SIGKILL);
    ::waitpid(runner.pid, &status, 0);
    return {-1, runner.out() + runner.err() + "\n(killed: SIGTERM ignored)",
            took};
  }
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1,
          runner.out() + runner.err(), took};
}

}  // namespace

TEST_CASE("SIGTERM while waiting for the SQLite lock: exit 1, nothing changed",
          "[lock][signal][sqlite]") {
  TempSqliteFile file;
  ScratchDir scripts;
  scripts.write("V1__t.sql", "CREATE TABLE t (id int);\n");
  const std::vector<std::string> args = {"-url=" + file.jdbc_url(),
                                         "-locations=" + scripts.location(),
                                         "-lockRetryCount=-1", "migrate"};

  SECTION("another runner holds the lock file") {
    const std::string lock_path = file.path() + "-runway-lock";
    const int fd =
        ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    auto runner = spawn_runway(args);
    const Stopped stopped = stop_waiting_runner(*runner);
    ::close(fd);
    INFO(stopped.err);
    CHECK(stopped.code == 1);
    CHECK(contains(stopped.err,
                   "Interrupted while waiting for the migration lock on "
                   "\"main\".\"flyway_schema_history\" (" +
                       lock_path + "); nothing was changed."));
    CHECK(stopped.took < std::chrono::seconds(3));  // 0.1 s locally
  }
  SECTION("another connection holds the database") {
    auto other = open_url(file.jdbc_url());
    other->execute("BEGIN EXCLUSIVE");
    auto runner = spawn_runway(args);
    const Stopped stopped = stop_waiting_runner(*runner);
    other->execute("COMMIT");
    INFO(stopped.err);
    CHECK(stopped.code == 1);
    CHECK(contains(stopped.err,
                   "Interrupted while waiting for the migration lock on "
                   "\"main\".\"flyway_schema_history\" (SQLite database "));
    CHECK(stopped.took < std::chrono::seconds(4));  // one busy wait: 1 s
  }
  // Nothing was created, and the next run goes through.
  auto conn = open_url(file.jdbc_url());
  CHECK(rows_of(*conn, "SELECT count(*) FROM sqlite_master") ==
        std::vector<std::string>{"0"});
  CHECK(run_runway(args).exit_code == 0);
  CHECK(rows_of(*conn, "SELECT count(*) FROM flyway_schema_history") ==
        std::vector<std::string>{"1"});
}
