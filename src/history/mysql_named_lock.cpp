// The MySQL/MariaDB migration lock, exactly as Flyway takes it: the named
// lock "Flyway-<hashCode of `schema`.`table`>" via GET_LOCK(name, 10),
// retried 100 ms apart until it is granted (Flyway ignores lockRetryCount
// here), and RELEASE_LOCK on every path out. The lock belongs to the
// session, so it also goes away if the runner dies.
#include <thread>

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

std::string holder_message(db::Connection& conn, const std::string& name,
                           const std::string& quoted_table) {
  const db::QueryResult r = conn.execute(
      "SELECT p.ID, p.USER, p.HOST, p.TIME FROM information_schema.PROCESSLIST "
      "p WHERE p.ID = IS_USED_LOCK(?)",
      {name});
  std::string msg = "Waiting for the migration lock on " + quoted_table +
                    " (MySQL named lock " + name + ")";
  if (r.rows.empty()) return msg + ", held by another session";
  const auto& row = r.rows.front();
  return msg + ", held by connection " + row.at(0).value_or("?") + " (user '" +
         row.at(1).value_or("") + "', client " + row.at(2).value_or("") +
         ") for " + row.at(3).value_or("?") + " s";
}

}  // namespace

std::unique_ptr<MigrationLock> acquire_mysql_lock(
    db::Connection& main, const std::string& quoted_table,
    const InfoSink& info) {
  const std::string name = mysql_lock_name(quoted_table);
  LockWait wait(-1);
  // A first zero-timeout try, so a busy lock's holder is reported at once.
  std::int64_t timeout = 0;
  while (true) {
    const db::QueryResult r =
        main.execute("SELECT GET_LOCK(?, ?)", {name, timeout});
    timeout = 10;
    if (!r.rows.empty() && r.rows[0].at(0).value_or("0") == "1") break;
    if (info && wait.should_report()) {
      info(holder_message(main, name, quoted_table));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return std::make_unique<MySQLNamedLock>(main, name);
}

}  // namespace runway::history::detail
