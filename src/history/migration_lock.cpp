#include "runway/history/migration_lock.hpp"

#include <thread>

#include "lock_wait.hpp"
#include "locks.hpp"

namespace runway::history {

namespace detail {

bool LockWait::pause_and_retry(std::chrono::milliseconds waited) {
  const auto rest = std::chrono::milliseconds(1000) - waited;
  if (rest > std::chrono::milliseconds(0)) std::this_thread::sleep_for(rest);
  if (retries_left_ < 0) return true;
  if (retries_left_ == 0) return false;
  --retries_left_;
  return true;
}

}  // namespace detail

std::unique_ptr<MigrationLock> acquire_migration_lock(
    db::Connection& main,
    const std::function<std::unique_ptr<db::Connection>()>& open_dedicated,
    const std::string& quoted_table, int lock_retry_count,
    const std::function<void(const std::string&)>& info) {
  switch (main.type()) {
    case db::DatabaseType::kPostgreSQL:
      return detail::acquire_postgres_lock(open_dedicated(), quoted_table,
                                           lock_retry_count, info);
    case db::DatabaseType::kSQLite:
      return detail::acquire_sqlite_lock(main, quoted_table, lock_retry_count,
                                         info);
    case db::DatabaseType::kMySQL:
    case db::DatabaseType::kMariaDB:
      return detail::acquire_mysql_lock(main, quoted_table, info);
  }
  return nullptr;
}

}  // namespace runway::history
