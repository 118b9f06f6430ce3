// The MySQL/MariaDB migration lock: Flyway's named lock
// "Flyway-<hashCode of `schema`.`table`>" via GET_LOCK, so Runway and Flyway
// runners exclude each other, and RELEASE_LOCK on every path out. The lock
// belongs to the session, so it also goes away if the runner dies.
// Flyway retries GET_LOCK(name, 10) forever here, ignoring lockRetryCount;
// the commands ask for that (-1) unless lockRetryCount was configured, and
// then this keeps the rhythm of the PostgreSQL lock (attempts of 1 s,
// lockRetryCount retries, then exit 5). A stop request ends the
// wait: the signal path kills the waiting GET_LOCK (KILL QUERY), and each
// attempt checks the request.

#include <chrono>
#include <optional>

#include "lock_wait.hpp"
#include "locks.hpp"
#include "runway/history/lock_key.hpp"

namespace runway::history::detail {
namespace {

class MySQLNamedLock final : public MigrationLock {
 public:
  MySQLNamedLock(db::Connection& conn, std::string name)
      : conn_(conn), name_(std::move(name)) {}
  ~MySQLNamedLock() override {
    try {
      conn_.execute("SELECT RELEASE_LOCK(?)", {name_});
    } catch (...) {
    }
  }
  MySQLNamedLock(const MySQLNamedLock&) = delete;
  MySQLNamedLock& operator=(const MySQLNamedLock&) = delete;

  std::string description() const override {
    return "MySQL named lock " + name_;
  }

 private:
  db::Connection& conn_;
  std::string name_;
};

// Who holds the lock, as "held by connection ... for N s", or nullopt when
// no session holds it now (it was let go since the attempt failed).
std::optional<std::string> holder(db::Connection& conn,
                                  const std::string& name) {
  const db::QueryResult r = conn.execute(
      "SELECT p.ID, p.USER, p.HOST, p.TIME FROM information_schema.PROCESSLIST "
      "p WHERE p.ID = IS_USED_LOCK(?)",
      {name});
  if (r.rows.empty()) return std::nullopt;
  const auto& row = r.rows.front();
  return "held by connection " + row.at(0).value_or("?") + " (user '" +
         row.at(1).value_or("") + "', client " + row.at(2).value_or("") +
         ") for " + row.at(3).value_or("?") + " s";
}

// GET_LOCK(name, timeout): true when granted. A stop request, also one
// that killed the waiting statement, ends the wait.
bool get_lock(db::Connection& conn, const std::string& name,
              std::int64_t timeout, const LockWait& wait) {
  wait.throw_if_interrupted();
  try {
    const db::QueryResult r =
        conn.execute("SELECT GET_LOCK(?, ?)", {name, timeout});
    if (!r.rows.empty() && r.rows[0].at(0).value_or("0") == "1") return true;
  } catch (const db::SqlError&) {
    wait.throw_if_interrupted();
    throw;
  }
  wait.throw_if_interrupted();
  return false;
}

}  // namespace

std::unique_ptr<MigrationLock> acquire_mysql_lock(
    db::Connection& main, const std::string& quoted_table, int retry_count,
    const InfoSink& info, const InterruptCheck& interrupted) {
  const std::string name = mysql_lock_name(quoted_table);
  LockWait wait(retry_count, interrupted,
                "the migration lock on " + quoted_table +
                    " (MySQL named lock " + name + ")");
  // A first zero-timeout try, so a busy lock's holder is reported at once.
  if (get_lock(main, name, 0, wait))
    return std::make_unique<MySQLNamedLock>(main, name);
  while (true) {
    if (info && wait.should_report()) {
      // A holder that let go since the attempt is not reported: the lock is
      // tried again, and the next holder looked up, a few times.
      std::optional<std::string> held_by;
      for (int look = 0; look < 3 && !held_by; ++look) {
        held_by = holder(main, name);
        if (!held_by && get_lock(main, name, 0, wait))
          return std::make_unique<MySQLNamedLock>(main, name);
      }
      info("Waiting for the migration lock on " + quoted_table +
           " (MySQL named lock " + name + "), " +
           held_by.value_or("held by another session"));
    }
    const auto started = std::chrono::steady_clock::now();
    if (get_lock(main, name, 1, wait)) break;
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    if (!wait.pause_and_retry(waited)) {
      throw Error(ErrorKind::kLockTimeout, "LOCK_TIMEOUT",
                  "Number of retries exceeded while attempting to acquire "
                  "MySQL named lock " +
                      name +
                      ". Configure the number of retries with the "
                      "'lockRetryCount' configuration option");
    }
  }
  return std::make_unique<MySQLNamedLock>(main, name);
}

}  // namespace runway::history::detail
