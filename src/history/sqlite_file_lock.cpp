// The SQLite migration lock. Flyway has none on SQLite ("No concurrent
// migration supported"); Runway takes an exclusive lock on the database
// file for the whole run: with `PRAGMA locking_mode=EXCLUSIVE`, the lock
// `BEGIN EXCLUSIVE; COMMIT;` obtains is kept after the COMMIT, until the
// connection closes or locking_mode returns to NORMAL and the file is next
// accessed. Each attempt lets SQLite's busy handler wait up to 1 s; a busy
// (or locked) database is retried like the PostgreSQL lock.
//
// Runners first exclude each other with flock() on a `<database>-runway-lock`
// file next to the database (never on the database file itself: closing a
// second descriptor of it would drop SQLite's own POSIX locks). Only the
// runner holding that file then asks for the exclusive database lock, so
// waiting runners never hold SQLite locks themselves: in exclusive locking
// mode a failed `BEGIN EXCLUSIVE` may keep its SHARED lock, and several
// waiters doing so would starve one another until they time out.
//
// WAL databases skip the exclusive database lock: there every connection
// that has read keeps a shared lock on the file while idle, so it could
// never be had while another process is merely connected.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "lock_wait.hpp"
#include "locks.hpp"

namespace runway::history::detail {
namespace {

constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr const char* kDefaultBusyTimeout = "PRAGMA busy_timeout = 3000";

bool is_busy(const db::SqlError& e) {
  const int primary = e.details().error_code & 0xFF;
  return primary == kSqliteBusy || primary == kSqliteLocked;
}

// Back to shared locking; the next access drops the file lock.
void release(db::Connection& conn) noexcept {
  try {
    conn.execute("PRAGMA locking_mode = NORMAL");
    conn.execute("SELECT count(*) FROM sqlite_master");
    conn.execute(kDefaultBusyTimeout);
  } catch (...) {  // closing the connection releases it anyway
  }
}

class SqliteFileLock final : public MigrationLock {
 public:
  explicit SqliteFileLock(db::Connection& conn) : conn_(conn) {}
  ~SqliteFileLock() override { release(conn_); }
  SqliteFileLock(const SqliteFileLock&) = delete;
  SqliteFileLock& operator=(const SqliteFileLock&) = delete;

  std::string description() const override {
    return "exclusive lock on SQLite database " + conn_.database_name();
  }

 private:
  db::Connection& conn_;
};

// Runners of a WAL database exclude each other on a side file.
class SideFileLock final : public MigrationLock {
 public:
  SideFileLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~SideFileLock() override {
    flock(fd_, LOCK_UN);
    close(fd_);
  }
  SideFileLock(const SideFileLock&) = delete;
  SideFileLock& operator=(const SideFileLock&) = delete;

  std::string description() const override { return "file lock on " + path_; }

 private:
  int fd_;
  std::string path_;
};

bool is_wal(db::Connection& conn) {
  try {
    const db::QueryResult r = conn.execute("PRAGMA journal_mode");
    return !r.rows.empty() && r.rows[0].at(0).value_or("") == "wal";
  } catch (const db::SqlError& e) {
    if (is_busy(e)) return false;  // held exclusively: not a WAL runner
    throw;
  }
}

[[noreturn]] void throw_timeout() {
  throw Error(ErrorKind::kLockTimeout, "LOCK_TIMEOUT",
              "Number of retries exceeded while attempting to acquire an "
              "exclusive lock on the SQLite database. Configure the number "
              "of retries with the 'lockRetryCount' configuration option");
}

std::unique_ptr<MigrationLock> acquire_side_file_lock(
    const std::string& database, const std::string& quoted_table,
    int retry_count, const InfoSink& info, const InterruptCheck& interrupted) {
  const std::string path = database + "-runway-lock";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
    // Someone else's lock file (an earlier run as root): flock() works on
    // a descriptor opened for reading too.
    fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
      // No lock file, and none can be made: a directory nobody may write to
      // (a read-only volume). SQLite cannot write the database there
      // either (its journal lives beside it), so runners can only read;
      // the database's own lock is enough for that, and a migrate with
      // nothing to do still succeeds, as under Flyway.
      if (info)
        info("Cannot create lock file " + path +
             " (read-only directory): relying on the SQLite database's own "
             "lock");
      return nullptr;
    }
  }
  if (fd < 0) {
    throw Error(
        ErrorKind::kMigration, "ERROR",
        "Unable to create lock file " + path + ": " + std::strerror(errno));
  }
  LockWait wait(retry_count, interrupted,
                "the migration lock on " + quoted_table + " (" + path + ")");
  while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const std::string reason = std::strerror(errno);
      close(fd);
      throw Error(ErrorKind::kMigration, "ERROR",
                  "Unable to lock " + path + ": " + reason);
    }
    if (info && wait.should_report()) {
      info("Waiting for the migration lock on " + quoted_table +
           ": another runner holds " + path);
    }
    bool again = false;
    try {
      again = wait.pause_and_retry();  // throws when a stop was requested
    } catch (...) {
      close(fd);
      throw;
    }
    if (!again) {
      close(fd);
      throw_timeout();
    }
  }
  return std::make_unique<SideFileLock>(fd, path);
}

// One attempt; false when another connection holds the database.
bool try_lock(db::Connection& conn) {
  try {
    conn.execute("BEGIN EXCLUSIVE");
  } catch (const db::SqlError& e) {
    if (!is_busy(e)) throw;
    return false;
  }
  conn.execute("COMMIT");
  return true;
}

// The side-file lock and, unless in WAL mode, the database lock; released
// in the reverse order.
class SqliteRunLock final : public MigrationLock {
 public:
  SqliteRunLock(std::unique_ptr<MigrationLock> file,
                std::unique_ptr<MigrationLock> database)
      : file_(std::move(file)), database_(std::move(database)) {}
  ~SqliteRunLock() override {
    database_.reset();
    file_.reset();
  }
  std::string description() const override {
    std::string text = file_ ? file_->description() : "";
    if (database_)
      text += (text.empty() ? "" : " and ") + database_->description();
    return text;
  }

 private:
  std::unique_ptr<MigrationLock> file_;
  std::unique_ptr<MigrationLock> database_;
};

bool is_file_database(const std::string& name) {
  return !name.empty() && name != ":memory:" &&
         name.rfind("file::memory:", 0) != 0;
}

std::unique_ptr<MigrationLock> acquire_database_lock(
    db::Connection& main, const std::string& quoted_table, int retry_count,
    const InfoSink& info, const InterruptCheck& interrupted);

}  // namespace

std::unique_ptr<MigrationLock> acquire_sqlite_lock(
    db::Connection& main, const std::string& quoted_table, int retry_count,
    const InfoSink& info, const InterruptCheck& interrupted) {
  std::unique_ptr<MigrationLock> file;
  if (is_file_database(main.database_name()))
    file = acquire_side_file_lock(main.database_name(), quoted_table,
                                  retry_count, info, interrupted);
  main.execute("PRAGMA busy_timeout = 0");  // asking must not wait
  const bool wal = is_wal(main);
  main.execute(kDefaultBusyTimeout);
  std::unique_ptr<MigrationLock> database;
  if (!wal)
    database = acquire_database_lock(main, quoted_table, retry_count, info,
                                     interrupted);
  return std::make_unique<SqliteRunLock>(std::move(file), std::move(database));
}

namespace {

std::unique_ptr<MigrationLock> acquire_database_lock(
    db::Connection& main, const std::string& quoted_table, int retry_count,
    const InfoSink& info, const InterruptCheck& interrupted) {
  main.execute("PRAGMA locking_mode = EXCLUSIVE");
  main.execute("PRAGMA busy_timeout = 1000");
  LockWait wait(retry_count, interrupted,
                "the migration lock on " + quoted_table + " (SQLite database " +
                    main.database_name() + ")");
  while (true) {
    const auto started = std::chrono::steady_clock::now();
    bool locked = false;
    try {
      locked = try_lock(main);
    } catch (...) {
      release(main);
      throw;
    }
    if (locked) break;
    if (info && wait.should_report()) {
      info("Waiting for the migration lock on " + quoted_table +
           ": another connection holds SQLite database " +
           main.database_name());
    }
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    bool again = false;
    try {
      again = wait.pause_and_retry(waited);  // throws on a stop request
    } catch (...) {
      release(main);
      throw;
    }
    if (!again) {
      release(main);
      throw_timeout();
    }
  }
  main.execute(kDefaultBusyTimeout);
  return std::make_unique<SqliteFileLock>(main);
}

}  // namespace
}  // namespace runway::history::detail
