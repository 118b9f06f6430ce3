// The PostgreSQL migration lock. Flyway locks with the advisory key
// 0x466C79776179 + hashCode("<schema>"."<table>"); using the same key makes
// Runway and Flyway runners exclude each other (a session lock conflicts
// with Flyway's pg_try_advisory_xact_lock on the same key). Runway holds a
// SESSION lock on a DEDICATED connection rather than Flyway's transaction
// lock on the main one: the main connection then never sits in a
// lock-holding transaction, so `CREATE INDEX CONCURRENTLY` and other
// non-transactional statements cannot wait on their own runner. If the
// runner dies, the server ends its session and the lock goes with it.
// A runner that only checks that there is nothing to do holds the same key
// in SHARED mode (pg_advisory_lock_shared), on its main connection, where it
// only reads (acquire_postgres_lock_on; the wait's lock_timeout is put back
// after): it still excludes every writer, Flyway's exclusive transaction
// lock included, but not other checkers. Or it holds the key exclusively on
// its main connection (try_postgres_lock_on). Either is given up before any
// migration runs there.
//
// With postgresql.transactional.lock=true (for a pooler in transaction
// mode, PgBouncer's pool_mode=transaction) every hold is instead
// pg_advisory_xact_lock[_shared] inside a transaction on the dedicated
// connection, left open until the lock is let go by COMMIT: a pooler keeps
// one server session for a client only while its transaction is open, so a
// session lock would stay behind on a pooled session other clients share.

#include <chrono>
#include <optional>
#include <utility>

#include "lock_wait.hpp"
#include "locks.hpp"
#include "runway/history/lock_key.hpp"

namespace runway::history::detail {
namespace {

constexpr const char* kHolderQuery =
    "SELECT a.pid, coalesce(a.application_name, ''), "
    "coalesce(host(a.client_addr), ''), "
    "coalesce(to_char(coalesce(a.xact_start, a.backend_start), "
    "'YYYY-MM-DD HH24:MI:SS TZ'), '') "
    "FROM pg_catalog.pg_locks l "
    "JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid "
    "WHERE l.locktype = 'advisory' AND l.granted "
    "AND l.classid::bigint = $1 AND l.objid::bigint = $2 AND l.objsubid = 1 "
    "AND l.database = (SELECT oid FROM pg_catalog.pg_database "
    "WHERE datname = current_database()) "
    "AND l.pid <> pg_backend_pid()";

// The advisory lock function `name` in `mode`: pg_advisory_lock,
// pg_advisory_lock_shared, pg_try_advisory_lock, ...
std::string call(const char* name, LockMode mode, std::int64_t key) {
  return std::string("SELECT ") + name +
         (mode == LockMode::kShared ? "_shared(" : "(") + std::to_string(key) +
         ")";
}

class PostgresAdvisoryLock final : public MigrationLock {
 public:
  // Held on a dedicated connection, which goes with the lock; in an open
  // transaction there when `in_transaction`.
  PostgresAdvisoryLock(std::unique_ptr<db::Connection> conn, std::int64_t key,
                       LockMode mode, bool in_transaction = false)
      : owned_(std::move(conn)),
        conn_(owned_.get()),
        key_(key),
        mode_(mode),
        in_transaction_(in_transaction) {}
  // Held on a connection the caller keeps (the main one).
  PostgresAdvisoryLock(db::Connection& conn, std::int64_t key, LockMode mode)
      : conn_(&conn), key_(key), mode_(mode) {}
  ~PostgresAdvisoryLock() override { unlock(); }
  PostgresAdvisoryLock(const PostgresAdvisoryLock&) = delete;
  PostgresAdvisoryLock& operator=(const PostgresAdvisoryLock&) = delete;

  std::string description() const override {
    return std::string("PostgreSQL advisory lock ") + std::to_string(key_) +
           (mode_ == LockMode::kShared ? " (shared)" : "") +
           (in_transaction_ ? " in a transaction" : "");
  }
  LockMode mode() const override { return mode_; }

  std::unique_ptr<db::Connection> take_dedicated_connection() override {
    if (!unlock()) return nullptr;  // let the connection go; it ends the lock
    return std::move(owned_);
  }

 private:
  // True when released while the connection stays usable.
  bool unlock() noexcept {
    if (!conn_) return false;
    db::Connection* conn = std::exchange(conn_, nullptr);
    try {
      if (in_transaction_)
        conn->commit();
      else
        conn->execute(call("pg_advisory_unlock", mode_, key_));
      return true;
    } catch (...) {  // closing the session releases it anyway
      return false;
    }
  }

  std::unique_ptr<db::Connection> owned_;
  db::Connection* conn_;  // where the lock is held; null once released
  std::int64_t key_;
  LockMode mode_;
  bool in_transaction_ = false;
};

// One attempt that does not wait; in a transaction left open when it
// succeeds with `in_transaction`.
bool try_lock(db::Connection& conn, std::int64_t key, LockMode mode,
              bool in_transaction = false) {
  if (!in_transaction) {
    const db::QueryResult r =
        conn.execute(call("pg_try_advisory_lock", mode, key));
    return !r.rows.empty() && r.rows[0].at(0).value_or("f") == "t";
  }
  conn.begin();
  try {
    // The transaction stays idle for the whole run: a server's
    // idle_in_transaction_session_timeout must not end it, and the lock.
    // Read committed whatever the database's default: a repeatable-read
    // transaction would keep its snapshot while idle, and the runner's own
    // CREATE INDEX CONCURRENTLY would wait for it forever.
    const db::QueryResult r = conn.execute(
        "SET TRANSACTION ISOLATION LEVEL READ COMMITTED; " +
        call("pg_try_advisory_xact_lock", mode, key) +
        ", pg_catalog.set_config('idle_in_transaction_session_timeout', '0', "
        "true)");
    if (!r.rows.empty() && r.rows[0].at(0).value_or("f") == "t") return true;
  } catch (...) {
    conn.rollback();
    throw;
  }
  conn.rollback();
  return false;
}

// One blocking slice of an attempt (lock_timeout): the lock is taken the
// moment its holder lets go, so waiting runners do not lose up to a second
// each to polling. While it blocks, `cancel_target` knows the connection, so
// a stop request cancels the call. False when the slice passed or was
// cancelled.
bool wait_for_lock(db::Connection& conn, std::int64_t key, LockMode mode,
                   const LockWait& wait, const CancelTarget& cancel_target) {
  struct Watched {
    const CancelTarget& target;
    Watched(const CancelTarget& t, db::Connection& c) : target(t) {
      if (target) target(&c);
    }
    ~Watched() {
      if (target) target(nullptr);
    }
  } watched(cancel_target, conn);
  // A stop requested just before `conn` became the target cancelled
  // nothing; the request itself is set first, so it shows here.
  if (wait.interrupted()) return false;
  try {
    conn.execute(call("pg_advisory_lock", mode, key));
    return true;
  } catch (const db::SqlError& e) {
    const std::string& state = e.details().sqlstate;
    if (state == "55P03") return false;  // lock_not_available
    if (state == "57014") return false;  // query_canceled: the caller checks
    throw;
  }
}

// One attempt: blocks on the lock for up to 1 s, in slices between which a
// stop request ends the wait. False when the second passed.
bool attempt(db::Connection& conn, std::int64_t key, LockMode mode,
             const LockWait& wait, const CancelTarget& cancel_target) {
  const auto until =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(1000);
  do {
    wait.throw_if_interrupted();
    if (wait_for_lock(conn, key, mode, wait, cancel_target)) return true;
  } while (std::chrono::steady_clock::now() < until);
  wait.throw_if_interrupted();
  return false;
}

// Who holds the lock, as "held by pid ... since ...", or nullopt when no
// session holds it now (it was let go since the attempt failed).
std::optional<std::string> holder(db::Connection& conn, std::int64_t key) {
  const db::QueryResult r =
      conn.execute(kHolderQuery,
                   {std::int64_t{key >> 32}, std::int64_t{key & 0xFFFFFFFFLL}});
  if (r.rows.empty()) return std::nullopt;
  const auto& row = r.rows.front();
  const std::string client = row.at(2).value_or("");
  return "held by pid " + row.at(0).value_or("?") + " (application '" +
         row.at(1).value_or("") + "', client " +
         (client.empty() ? "local socket" : client) + ") since " +
         row.at(3).value_or("?");
}

// Sets lock_timeout for the wait and, on a connection that runs statements
// afterwards, puts back the value it had.
class LockTimeoutForWait {
 public:
  LockTimeoutForWait(db::Connection& conn, std::chrono::milliseconds slice,
                     bool restore)
      : conn_(conn) {
    const db::QueryResult r = conn_.execute(
        "SELECT pg_catalog.current_setting('lock_timeout'), "
        "pg_catalog.set_config('lock_timeout', '" +
        std::to_string(slice.count()) + "ms', false)");
    if (restore && !r.rows.empty()) previous_ = r.rows[0].at(0);
  }
  ~LockTimeoutForWait() {
    if (!previous_) return;
    try {
      conn_.execute("SELECT pg_catalog.set_config('lock_timeout', $1, false)",
                    {*previous_});
    } catch (...) {  // a lost connection is the caller's to report
    }
  }
  LockTimeoutForWait(const LockTimeoutForWait&) = delete;
  LockTimeoutForWait& operator=(const LockTimeoutForWait&) = delete;

 private:
  db::Connection& conn_;
  std::optional<std::string> previous_;
};

// Takes the lock on `conn`, waiting in Flyway's rhythm (an attempt, then a
// 1 s pause, lockRetryCount retries), except that each pause blocks on the
// lock itself, so a waiting runner takes it the moment its holder lets go.
// A SIGTERM cancels the blocked call through `cancel_target`; without one,
// the blocking is cut into short slices (lock_timeout) so that the wait
// still ends promptly. Every slice that runs out is an error in the
// server's log, and fifty waiting pods made five hundred a second.
// `stays_in_use`: `conn` runs statements afterwards, so its
// lock_timeout is put back. `in_transaction`: each attempt is one
// pg_try_advisory_xact_lock in a transaction of its own, left open when
// it gets the lock; between attempts no transaction is open, so a waiter
// does not keep a pooled server session from the runners that need one to
// finish (Flyway's keeps one transaction open across its retries).
void take_postgres_lock(db::Connection& conn, std::int64_t key,
                        const std::string& quoted_table, int retry_count,
                        const InfoSink& info, const InterruptCheck& interrupted,
                        LockMode mode, const CancelTarget& cancel_target,
                        bool stays_in_use, bool in_transaction = false) {
  if (try_lock(conn, key, mode, in_transaction)) return;
  LockWait wait(retry_count, interrupted,
                "the migration lock on " + quoted_table +
                    " (PostgreSQL advisory lock " + std::to_string(key) + ")");
  const std::chrono::milliseconds slice =
      cancel_target ? std::chrono::milliseconds(1000) : kInterruptPoll;
  std::optional<LockTimeoutForWait> timeout;
  if (!in_transaction) timeout.emplace(conn, slice, stays_in_use);
  while (true) {
    if (info && wait.should_report()) {
      // A holder that let go between the failed attempt and the look-up
      // (many runners hand the lock on quickly) is not reported: the lock
      // is tried again, and the next holder looked up, a few times.
      std::optional<std::string> held_by;
      for (int look = 0; look < 3 && !held_by; ++look) {
        held_by = holder(conn, key);
        if (!held_by && try_lock(conn, key, mode, in_transaction)) return;
      }
      info("Waiting for the migration lock on " + quoted_table +
           " (PostgreSQL advisory lock " + std::to_string(key) + "), " +
           held_by.value_or("held by another session"));
    }
    const auto started = std::chrono::steady_clock::now();
    if (in_transaction ? try_lock(conn, key, mode, true)
                       : attempt(conn, key, mode, wait, cancel_target))
      return;
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    if (!wait.pause_and_retry(waited)) {
      throw Error(ErrorKind::kLockTimeout, "LOCK_TIMEOUT",
                  "Number of retries exceeded while attempting to acquire "
                  "PostgreSQL advisory lock. Configure the number of retries "
                  "with the 'lockRetryCount' configuration option");
    }
  }
}

}  // namespace

std::unique_ptr<MigrationLock> acquire_postgres_lock(
    std::unique_ptr<db::Connection> dedicated, const std::string& quoted_table,
    int retry_count, const InfoSink& info, const InterruptCheck& interrupted,
    LockMode mode, const CancelTarget& cancel_target, bool in_transaction) {
  const std::int64_t key = postgres_advisory_lock_key(quoted_table);
  take_postgres_lock(*dedicated, key, quoted_table, retry_count, info,
                     interrupted, mode, cancel_target, false, in_transaction);
  return std::make_unique<PostgresAdvisoryLock>(std::move(dedicated), key, mode,
                                                in_transaction);
}

std::unique_ptr<MigrationLock> acquire_postgres_lock_on(
    db::Connection& conn, const std::string& quoted_table, int retry_count,
    const InfoSink& info, const InterruptCheck& interrupted, LockMode mode,
    const CancelTarget& cancel_target) {
  const std::int64_t key = postgres_advisory_lock_key(quoted_table);
  take_postgres_lock(conn, key, quoted_table, retry_count, info, interrupted,
                     mode, cancel_target, true);
  return std::make_unique<PostgresAdvisoryLock>(conn, key, mode);
}

std::unique_ptr<MigrationLock> try_postgres_lock_on(
    db::Connection& conn, const std::string& quoted_table) {
  const std::int64_t key = postgres_advisory_lock_key(quoted_table);
  if (!try_lock(conn, key, LockMode::kExclusive)) return nullptr;
  return std::make_unique<PostgresAdvisoryLock>(conn, key,
                                                LockMode::kExclusive);
}

std::unique_ptr<MigrationLock> try_postgres_lock(
    std::unique_ptr<db::Connection>& dedicated, const std::string& quoted_table,
    bool in_transaction) {
  const std::int64_t key = postgres_advisory_lock_key(quoted_table);
  if (!try_lock(*dedicated, key, LockMode::kExclusive, in_transaction))
    return nullptr;
  return std::make_unique<PostgresAdvisoryLock>(
      std::move(dedicated), key, LockMode::kExclusive, in_transaction);
}

}  // namespace runway::history::detail
