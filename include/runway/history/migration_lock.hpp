// The lock that keeps concurrent runners (Runway or Flyway) from migrating
// the same schema history table at once.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "runway/db/connection.hpp"

namespace runway::history {

/// How the lock is held.
enum class LockMode {
  /// To change the history or the schemas: excludes every other holder.
  kExclusive,
  /// PostgreSQL only (elsewhere the lock is exclusive): to read the history
  /// and find that there is nothing to do. Shared holders exclude exclusive
  /// ones, Runway's and Flyway's, but not each other, so runners that find
  /// the work done check at the same time instead of one after another.
  kShared,
};

/// Held while alive; released in the destructor, which never throws.
class MigrationLock {
 public:
  virtual ~MigrationLock() = default;
  /// What is held, for debug logs: "PostgreSQL advisory lock 7743...".
  virtual std::string description() const = 0;
  virtual LockMode mode() const { return LockMode::kExclusive; }
  /// PostgreSQL: releases the lock now and hands back the dedicated
  /// connection it was held on, for the next lock to use (nullptr for a
  /// lock held on the main connection, which stays its owner's). Elsewhere
  /// nullptr: the lock is released when it is destroyed.
  virtual std::unique_ptr<db::Connection> take_dedicated_connection() {
    return nullptr;
  }
};

/// Acquires the migration lock for `quoted_table`.
/// - PostgreSQL: a session advisory lock (Flyway's key) on a dedicated
///   connection from `open_dedicated`, so statements on `main` never wait
///   on it; conflicts with Flyway's pg_try_advisory_xact_lock. In `mode`
///   kShared, pg_advisory_lock_shared on the same key, held on `main`
///   itself (its holder only reads, and lets go before anything runs):
///   `open_dedicated` is not called, and `main`'s lock_timeout is put
///   back after the wait.
/// - SQLite: an exclusive lock on the database file, held by `main` until
///   released.
/// - MySQL/MariaDB: GET_LOCK('Flyway-<hash>') on `main`, Flyway's name.
///   Flyway ignores lockRetryCount there and waits forever; the commands
///   pass -1 unless the user configured a count (history_steps.cpp).
/// Attempts are 1 s apart; `lock_retry_count` retries (-1 = forever), then
/// Error(kLockTimeout, "LOCK_TIMEOUT", ...). While waiting, `info` is told
/// who holds the lock (once, then about every 10 s). When `interrupted`
/// returns true (a SIGTERM arrived), a PostgreSQL or MySQL wait ends within
/// about 0.1 s with Error(kMigration, "INTERRUPTED", "Interrupted while
/// waiting for the migration lock on ...; nothing was changed."); so does a
/// SQLite wait, within about a second when another connection holds the
/// database (SQLite's busy handler waits up to 1 s per attempt).
///
/// `cancel_target`, when given, is called with the PostgreSQL connection
/// just before each blocking attempt and with nullptr right after it: whoever
/// sees the stop request then cancels the attempt (Connection::cancel). Each
/// attempt then blocks for its whole second, so a waiting runner costs the
/// server one statement a second; without it, attempts are cut into 0.1 s
/// slices to look at `interrupted` between them.
///
/// `in_transaction` (PostgreSQL, postgresql.transactional.lock=true): the
/// lock is an exclusive pg_advisory_xact_lock, whatever `mode` asks, on the
/// dedicated connection inside a transaction left open until the lock is
/// released (COMMIT); waiting polls, with no transaction open between
/// attempts. A connection pooler in transaction mode (PgBouncer) keeps one
/// server session for a client only while its transaction is open: a
/// session lock there stays behind on a pooled session others then share.
std::unique_ptr<MigrationLock> acquire_migration_lock(
    db::Connection& main,
    const std::function<std::unique_ptr<db::Connection>()>& open_dedicated,
    const std::string& quoted_table, int lock_retry_count,
    const std::function<void(const std::string&)>& info,
    const std::function<bool()>& interrupted = {},
    LockMode mode = LockMode::kExclusive,
    const std::function<void(db::Connection*)>& cancel_target = {},
    bool in_transaction = false);

/// PostgreSQL: the exclusive lock if no other session holds it in any mode
/// right now, else nullptr (and the connection from `open_dedicated` goes
/// to `give_back`), without waiting. Other databases: nullptr.
std::unique_ptr<MigrationLock> try_migration_lock(
    db::Connection& main,
    const std::function<std::unique_ptr<db::Connection>()>& open_dedicated,
    const std::function<void(std::unique_ptr<db::Connection>)>& give_back,
    const std::string& quoted_table, bool in_transaction = false);

/// PostgreSQL: the exclusive lock taken on `main` itself if no other session
/// holds it in any mode right now, else nullptr, without waiting; other
/// databases: nullptr. For a run that may find nothing to do and then needs
/// no second connection. Migrations must not run under it: one that says
/// DISCARD ALL would release it. A run that finds work releases it
/// (take_dedicated_connection() then returns nullptr) and takes the lock on
/// a connection of its own. With `in_transaction` (see
/// acquire_migration_lock) always nullptr: that lock is never held on main.
std::unique_ptr<MigrationLock> try_migration_lock_on_main(
    db::Connection& main, const std::string& quoted_table,
    bool in_transaction = false);

/// The retry count to wait with: `lock_retry_count`, except on
/// MySQL/MariaDB when the user did not configure it (`configured` false),
/// where it is -1 (forever) because Flyway ignores lockRetryCount there and
/// a runner queued behind a long migration must not give up at 50 s.
int effective_lock_retry_count(db::DatabaseType type, int lock_retry_count,
                               bool configured);

}  // namespace runway::history
