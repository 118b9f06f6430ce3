#include "runway/history/migration_lock.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "db_test_helpers.hpp"
#include "runway/history/lock_key.hpp"

using namespace runway;
using runway::history::acquire_migration_lock;
using runway::test::open;
using runway::test::scalar;
using runway::test::TempPostgresDatabase;
using runway::test::TempSqliteFile;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kTable = "\"public\".\"flyway_schema_history\"";
const std::string kKey = "77433833903597";

struct Runner {
  std::unique_ptr<db::Connection> main;
  std::function<std::unique_ptr<db::Connection>()> dedicated;
  std::vector<std::string> infos;

  std::unique_ptr<history::MigrationLock> lock(int retries,
                                               const std::string& table) {
    return acquire_migration_lock(
        *main, dedicated, table, retries,
        [this](const std::string& m) { infos.push_back(m); });
  }
};

Runner postgres_runner(const TempPostgresDatabase& db) {
  const std::string url = db.conninfo();
  return Runner{open(url), [url] { return open(url); }, {}};
}

Runner sqlite_runner(const TempSqliteFile& file) {
  return Runner{open(file.jdbc_url()),
                []() -> std::unique_ptr<db::Connection> {
                  FAIL("SQLite needs no dedicated connection");
                  return nullptr;
                },
                {}};
}

std::string lock_holders(db::Connection& conn) {
  return scalar(conn,
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                "AND granted AND (classid::bigint << 32 | objid::bigint) = " +
                    kKey +
                    " AND database = (SELECT oid FROM pg_database WHERE "
                    "datname = current_database())");
}

// A child process that takes the lock with Runway's code and then idles
// until killed (at the latest when this object goes).
class LockHolderProcess {
 public:
  LockHolderProcess(const std::function<Runner()>& make,
                    const std::string& table);
  ~LockHolderProcess() { kill_now(); }
  LockHolderProcess(const LockHolderProcess&) = delete;
  LockHolderProcess& operator=(const LockHolderProcess&) = delete;

  void kill_now() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
  }

 private:
  pid_t pid_ = 0;
};

LockHolderProcess::LockHolderProcess(const std::function<Runner()>& make,
                                     const std::string& table) {
  int ready[2];
  REQUIRE(pipe(ready) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test process
    close(ready[0]);
    try {
      Runner runner = make();
      auto lock = runner.lock(0, table);
      const char byte = 'x';
      if (write(ready[1], &byte, 1) != 1) _exit(2);
      while (true) pause();
    } catch (...) {
      _exit(1);
    }
  }
  pid_ = pid;
  close(ready[1]);
  char byte = 0;
  const bool locked = read(ready[0], &byte, 1) == 1;
  close(ready[0]);
  REQUIRE(locked);
}

}  // namespace

TEST_CASE("two PostgreSQL runners exclude each other",
          "[integration][postgres][lock]") {
  TempPostgresDatabase db;
  Runner first = postgres_runner(db);
  Runner second = postgres_runner(db);
  auto lock = first.lock(0, kTable);
  CHECK(lock->description() == "PostgreSQL advisory lock " + kKey);
  CHECK(lock_holders(*first.main) == "1");
  // The main connection holds nothing: the lock is on its own session.
  CHECK(scalar(*first.main,
               "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
               "AND pid = pg_backend_pid()") == "0");

  const auto started = Clock::now();
  try {
    second.lock(0, kTable);
    FAIL("expected a lock timeout");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kLockTimeout);
    CHECK(e.code() == "LOCK_TIMEOUT");
    CHECK(std::string(e.what()) ==
          "Number of retries exceeded while attempting to acquire PostgreSQL "
          "advisory lock. Configure the number of retries with the "
          "'lockRetryCount' configuration option");
  }
  CHECK(Clock::now() - started >= std::chrono::milliseconds(900));
  REQUIRE(second.infos.size() == 1);
  CHECK_THAT(second.infos[0],
             Catch::Matches("Waiting for the migration lock on "
                            "\"public\"\\.\"flyway_schema_history\" "
                            "\\(PostgreSQL advisory lock 77433833903597\\), "
                            "held by pid \\d+ \\(application 'runway', client "
                            "local socket\\) since \\d{4}-\\d\\d-\\d\\d "
                            "\\d\\d:\\d\\d:\\d\\d \\w+"));

  lock.reset();
  CHECK(lock_holders(*first.main) == "0");
  auto now_mine = second.lock(0, kTable);
  CHECK(lock_holders(*first.main) == "1");
}

TEST_CASE("lockRetryCount=1 gives up after two attempts, about 2 s",
          "[integration][postgres][lock]") {
  TempPostgresDatabase db;
  Runner first = postgres_runner(db);
  Runner second = postgres_runner(db);
  auto lock = first.lock(0, kTable);
  const auto started = Clock::now();
  CHECK_THROWS_AS(second.lock(1, kTable), Error);
  const auto elapsed = Clock::now() - started;
  CHECK(elapsed >= std::chrono::milliseconds(1900));
  CHECK(elapsed < std::chrono::milliseconds(6000));  // slack for a busy box
  CHECK(second.infos.size() == 1);  // reported once, not on every attempt
}

TEST_CASE("a waiting runner gets the lock once it is released",
          "[integration][postgres][lock]") {
  TempPostgresDatabase db;
  Runner first = postgres_runner(db);
  Runner second = postgres_runner(db);
  auto lock = first.lock(0, kTable);
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    lock.reset();
  });
  auto mine = second.lock(-1, kTable);
  releaser.join();
  CHECK(mine != nullptr);
  CHECK_FALSE(second.infos.empty());
}

TEST_CASE("shared PostgreSQL locks admit each other and exclude writers",
          "[integration][postgres][lock]") {
  TempPostgresDatabase db;
  Runner first = postgres_runner(db);
  Runner second = postgres_runner(db);
  Runner writer = postgres_runner(db);
  // A checker waits on its main connection: it never opens another.
  int dedicated_opened = 0;
  auto shared = [&dedicated_opened](Runner& r) {
    return acquire_migration_lock(
        *r.main,
        [&dedicated_opened, &r] {
          ++dedicated_opened;
          return r.dedicated();
        },
        kTable, 0, nullptr, {}, history::LockMode::kShared);
  };
  auto one = shared(first);
  auto two = shared(second);  // no wait: checkers do not exclude each other
  CHECK(dedicated_opened == 0);
  CHECK(one->mode() == history::LockMode::kShared);
  CHECK(one->description() == "PostgreSQL advisory lock " + kKey + " (shared)");
  CHECK(lock_holders(*first.main) == "2");
  CHECK(scalar(*first.main,
               "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
               "AND pid = pg_backend_pid()") == "1");

  // A writer neither gets it at once nor after waiting.
  CHECK(history::try_migration_lock(*writer.main, writer.dedicated, nullptr,
                                    kTable) == nullptr);
  CHECK_THROWS_AS(writer.lock(0, kTable), Error);

  // Flyway's exclusive transaction lock is refused too.
  auto flyway = open(db);
  flyway->begin();
  CHECK(scalar(*flyway, "SELECT pg_try_advisory_xact_lock(" + kKey + ")") ==
        "f");
  flyway->rollback();

  // Released on the main connection, which stays in use; there is no
  // dedicated connection to hand on.
  CHECK(one->take_dedicated_connection() == nullptr);
  CHECK(scalar(*first.main, "SELECT 1") == "1");
  CHECK(lock_holders(*first.main) == "1");
  two.reset();
  CHECK(lock_holders(*first.main) == "0");
  auto mine = history::try_migration_lock(*writer.main, writer.dedicated,
                                          nullptr, kTable);
  REQUIRE(mine != nullptr);
  CHECK(mine->mode() == history::LockMode::kExclusive);

  // While it is held, a checker waits, and a failed try hands the
  // connection back.
  std::unique_ptr<db::Connection> given_back;
  CHECK_THROWS_AS(shared(first), Error);
  CHECK(history::try_migration_lock(
            *second.main, second.dedicated,
            [&given_back](std::unique_ptr<db::Connection> c) {
              given_back = std::move(c);
            },
            kTable) == nullptr);
  REQUIRE(given_back != nullptr);
  CHECK(scalar(*given_back, "SELECT 1") == "1");
}

TEST_CASE("a checker's wait on the main connection leaves its lock_timeout",
          "[integration][postgres][lock]") {
  TempPostgresDatabase db;
  Runner checker = postgres_runner(db);
  Runner writer = postgres_runner(db);
  checker.main->execute("SET lock_timeout = '7s'");
  auto shared = [&checker](int retries) {
    return acquire_migration_lock(*checker.main, checker.dedicated, kTable,
                                  retries, nullptr, {},
                                  history::LockMode::kShared);
  };
  // Given up after waiting.
  {
    auto held = writer.lock(0, kTable);
    CHECK_THROWS_AS(shared(0), Error);
    CHECK(scalar(*checker.main, "SHOW lock_timeout") == "7s");
  }
  // Taken after waiting.
  auto held = writer.lock(0, kTable);
  std::thread releaser([&held] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    held.reset();
  });
  auto mine = shared(-1);
  releaser.join();
  REQUIRE(mine != nullptr);
  CHECK(scalar(*checker.main, "SHOW lock_timeout") == "7s");
  // Taken at once: nothing was set.
  mine.reset();
  auto again = shared(0);
  CHECK(scalar(*checker.main, "SHOW lock_timeout") == "7s");
}

TEST_CASE(
    "the lock taken on the main connection excludes others until given up",
    "[integration][postgres][lock]") {
  TempPostgresDatabase db;
  Runner first = postgres_runner(db);
  Runner second = postgres_runner(db);
  auto held = history::try_migration_lock_on_main(*first.main, kTable);
  REQUIRE(held != nullptr);
  CHECK(held->mode() == history::LockMode::kExclusive);
  // On the main connection's own session.
  CHECK(scalar(*first.main,
               "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
               "AND pid = pg_backend_pid()") == "1");
  // Others get it neither on their main connection nor on a dedicated one.
  CHECK(history::try_migration_lock_on_main(*second.main, kTable) == nullptr);
  CHECK(history::try_migration_lock(*second.main, second.dedicated, nullptr,
                                    kTable) == nullptr);
  // Given up, it hands back no connection (the main one stays the caller's)
  // and the main connection is still usable.
  CHECK(held->take_dedicated_connection() == nullptr);
  CHECK(lock_holders(*first.main) == "0");
  CHECK(scalar(*first.main, "SELECT 1") == "1");
  held.reset();  // no second release
  CHECK(lock_holders(*first.main) == "0");
  auto now_mine = second.lock(0, kTable);
  CHECK(lock_holders(*first.main) == "1");
  // Released by its destructor too.
  now_mine.reset();
  auto again = history::try_migration_lock_on_main(*first.main, kTable);
  REQUIRE(again != nullptr);
  again.reset();
  CHECK(lock_holders(*first.main) == "0");
}

TEST_CASE("the PostgreSQL lock excludes Flyway's transactional lock",
          "[integration][postgres][lock]") {
  TempPostgresDatabase db;
  auto flyway = open(db);
  Runner runner = postgres_runner(db);
  // Flyway holds its transaction-scoped lock: Runway must wait.
  flyway->begin();
  CHECK(scalar(*flyway, "SELECT pg_try_advisory_xact_lock(" + kKey + ")") ==
        "t");
  CHECK_THROWS_AS(runner.lock(0, kTable), Error);
  flyway->commit();
  // Runway holds the lock: Flyway cannot take it.
  auto lock = runner.lock(0, kTable);
  flyway->begin();
  CHECK(scalar(*flyway, "SELECT pg_try_advisory_xact_lock(" + kKey + ")") ==
        "f");
  flyway->rollback();
  // Another table has another key.
  auto other = runner.lock(0, "\"public\".\"other_history\"");
  CHECK(other->description() ==
        "PostgreSQL advisory lock " +
            std::to_string(history::postgres_advisory_lock_key(
                "\"public\".\"other_history\"")));
}

TEST_CASE("non-transactional statements never wait on the lock",
          "[integration][postgres][lock]") {
  TempPostgresDatabase db;
  Runner runner = postgres_runner(db);
  runner.main->execute("CREATE TABLE t (id INT)");
  auto lock = runner.lock(0, kTable);
  // Would hang under a transaction-scoped lock on the main connection.
  runner.main->execute("CREATE INDEX CONCURRENTLY t_id ON t (id)");
  CHECK(scalar(*runner.main,
               "SELECT count(*) FROM pg_indexes WHERE "
               "indexname = 't_id'") == "1");
}

TEST_CASE("the PostgreSQL lock dies with its holder's process",
          "[integration][postgres][lock]") {
  TempPostgresDatabase db;
  LockHolderProcess child([&] { return postgres_runner(db); }, kTable);
  Runner runner = postgres_runner(db);
  CHECK_THROWS_AS(runner.lock(0, kTable), Error);
  child.kill_now();
  auto lock = runner.lock(5, kTable);
  CHECK(lock != nullptr);
}

TEST_CASE("two SQLite runners exclude each other",
          "[integration][sqlite][lock]") {
  TempSqliteFile file;
  Runner first = sqlite_runner(file);
  Runner second = sqlite_runner(file);
  first.main->execute("CREATE TABLE t (id INT)");
  const std::string table = "\"main\".\"flyway_schema_history\"";
  auto lock = first.lock(0, table);
  CHECK(lock->description() == "file lock on " + file.path() +
                                   "-runway-lock and exclusive lock on "
                                   "SQLite database " +
                                   file.path());
  // The holder keeps working; nobody else can even read.
  first.main->execute("INSERT INTO t VALUES (1)");
  second.main->execute("PRAGMA busy_timeout = 0");
  CHECK_THROWS_AS(second.main->execute("SELECT count(*) FROM t"), db::SqlError);

  const auto started = Clock::now();
  try {
    second.lock(0, table);
    FAIL("expected a lock timeout");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kLockTimeout);
    CHECK(std::string(e.what()) ==
          "Number of retries exceeded while attempting to acquire an "
          "exclusive lock on the SQLite database. Configure the number of "
          "retries with the 'lockRetryCount' configuration option");
  }
  const auto elapsed = Clock::now() - started;
  CHECK(elapsed >= std::chrono::milliseconds(900));
  CHECK(elapsed < std::chrono::milliseconds(5000));  // slack for a busy box
  REQUIRE(second.infos.size() == 1);
  CHECK(second.infos[0] == "Waiting for the migration lock on " + table +
                               ": another runner holds " + file.path() +
                               "-runway-lock");

  lock.reset();
  CHECK(scalar(*second.main, "SELECT count(*) FROM t") == "1");
  auto now_mine = second.lock(0, table);
  first.main->execute("PRAGMA busy_timeout = 0");
  CHECK_THROWS_AS(first.main->execute("SELECT count(*) FROM t"), db::SqlError);
}

TEST_CASE("the SQLite lock works in WAL mode too",
          "[integration][sqlite][lock]") {
  TempSqliteFile file;
  auto first = open(file.jdbc_url() + "?journal_mode=WAL");
  auto second = open(file.jdbc_url() + "?journal_mode=WAL");
  first->execute("CREATE TABLE t (id INT)");
  // Both have read: in WAL mode each now keeps a shared lock while idle.
  CHECK(scalar(*second, "SELECT count(*) FROM t") == "0");
  const auto none = std::function<std::unique_ptr<db::Connection>()>();
  auto lock = acquire_migration_lock(*first, none, "t", 0, nullptr);
  CHECK(lock->description() == "file lock on " + file.path() + "-runway-lock");
  first->execute("INSERT INTO t VALUES (1)");
  CHECK_THROWS_AS(acquire_migration_lock(*second, none, "t", 0, nullptr),
                  Error);
  lock.reset();
  auto mine = acquire_migration_lock(*second, none, "t", 0, nullptr);
  CHECK(scalar(*second, "SELECT count(*) FROM t") == "1");
}

TEST_CASE("the SQLite lock dies with its holder's process",
          "[integration][sqlite][lock]") {
  TempSqliteFile file;
  open(file.jdbc_url())->execute("CREATE TABLE t (id INT)");
  const std::string table = "\"main\".\"flyway_schema_history\"";
  LockHolderProcess child([&] { return sqlite_runner(file); }, table);
  Runner runner = sqlite_runner(file);
  CHECK_THROWS_AS(runner.lock(0, table), Error);
  child.kill_now();
  auto lock = runner.lock(2, table);
  CHECK(lock != nullptr);
}

TEST_CASE("the SQLite WAL lock dies with its holder's process",
          "[integration][sqlite][lock]") {
  TempSqliteFile file;
  const std::string url = file.jdbc_url() + "?journal_mode=WAL";
  open(url)->execute("CREATE TABLE t (id INT)");
  const auto make = [&] {
    return Runner{
        open(url), [] { return std::unique_ptr<db::Connection>(); }, {}};
  };
  LockHolderProcess child(make, "t");
  Runner runner = make();
  CHECK_THROWS_AS(runner.lock(0, "t"), Error);
  REQUIRE(runner.infos.size() == 1);
  CHECK(runner.infos[0] ==
        "Waiting for the migration lock on t: another "
        "runner holds " +
            file.path() + "-runway-lock");
  child.kill_now();
  auto lock = runner.lock(2, "t");
  CHECK(lock != nullptr);
}
