#include "runway/history/migration_lock.hpp"

#include <algorithm>
#include <thread>

#include "lock_wait.hpp"
#include "locks.hpp"

namespace runway::history {

namespace detail {

void LockWait::throw_if_interrupted() const {
  if (!interrupted()) return;
  throw Error(ErrorKind::kMigration, "INTERRUPTED",
              "Interrupted while waiting for " + waiting_for_ +
                  "; nothing was changed.");
}

bool LockWait::pause_and_retry(std::chrono::milliseconds waited) {
  using std::chrono::milliseconds;
  const auto until = std::chrono::steady_clock::now() +
                     std::max(milliseconds(1000) - waited, milliseconds(0));
  while (true) {
    throw_if_interrupted();
    const auto now = std::chrono::steady_clock::now();
    if (now >= until) break;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        until - now, kInterruptPoll));
  }
  if (retries_left_ < 0) return true;
  if (retries_left_ == 0) return false;
  --retries_left_;
  return true;
}

}  // namespace detail

int effective_lock_retry_count(db::DatabaseType type, int lock_retry_count,
                               bool configured) {
  const bool mysql =
      type == db::DatabaseType::kMySQL || type == db::DatabaseType::kMariaDB;
  return mysql && !configured ? -1 : lock_retry_count;
}

std::unique_ptr<MigrationLock> acquire_migration_lock(
    db::Connection& main,
    const std::function<std::unique_ptr<db::Connection>()>& open_dedicated,
    const std::string& quoted_table, int lock_retry_count,
    const std::function<void(const std::string&)>& info,
    const std::function<bool()>& interrupted, LockMode mode,
    const std::function<void(db::Connection*)>& cancel_target,
    bool in_transaction) {
  switch (main.type()) {
    case db::DatabaseType::kPostgreSQL:
      // Exclusive even for a check: a holder pins a pooled session while
      // its main connection needs another, and a crowd of shared holders
      // could take every session the pool has.
      if (in_transaction)
        return detail::acquire_postgres_lock(
            open_dedicated(), quoted_table, lock_retry_count, info, interrupted,
            LockMode::kExclusive, cancel_target, true);
      // A shared holder only reads (a check that there is nothing to do):
      // it waits on `main`, and a crowd of checkers costs the server one
      // session each rather than two.
      if (mode == LockMode::kShared)
        return detail::acquire_postgres_lock_on(
            main, quoted_table, lock_retry_count, info, interrupted, mode,
            cancel_target);
      return detail::acquire_postgres_lock(open_dedicated(), quoted_table,
                                           lock_retry_count, info, interrupted,
                                           mode, cancel_target);
    case db::DatabaseType::kSQLite:
      return detail::acquire_sqlite_lock(main, quoted_table, lock_retry_count,
                                         info, interrupted);
    case db::DatabaseType::kMySQL:
    case db::DatabaseType::kMariaDB:
      return detail::acquire_mysql_lock(main, quoted_table, lock_retry_count,
                                        info, interrupted);
  }
  return nullptr;
}

std::unique_ptr<MigrationLock> try_migration_lock(
    db::Connection& main,
    const std::function<std::unique_ptr<db::Connection>()>& open_dedicated,
    const std::function<void(std::unique_ptr<db::Connection>)>& give_back,
    const std::string& quoted_table, bool in_transaction) {
  if (main.type() != db::DatabaseType::kPostgreSQL) return nullptr;
  std::unique_ptr<db::Connection> dedicated = open_dedicated();
  auto lock =
      detail::try_postgres_lock(dedicated, quoted_table, in_transaction);
  if (!lock && give_back) give_back(std::move(dedicated));
  return lock;
}

std::unique_ptr<MigrationLock> try_migration_lock_on_main(
    db::Connection& main, const std::string& quoted_table,
    bool in_transaction) {
  if (main.type() != db::DatabaseType::kPostgreSQL || in_transaction)
    return nullptr;
  return detail::try_postgres_lock_on(main, quoted_table);
}

}  // namespace runway::history
