// SQLite through its C API, loaded on first use (libsqlite3.hpp). The file
// is created if missing. sqlite3_prepare_v2 compiles one statement at a
// time, so a string holding several statements is run in a loop rather than
// silently cut after the first. Foreign keys keep SQLite's default (off), as
// in Flyway; busy_timeout is 3 s (Xerial's default) except while the
// migration lock waits, which sets its own.
#include "drivers.hpp"
#include "libsqlite3.hpp"

namespace runway::db::detail {
namespace {

const LibSqlite3& api() { return libsqlite3(); }

using StmtPtr = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;

// Owns the database handle; sqlite3_close fails only while statements are
// unfinalized, and every statement here is finalized by its StmtPtr.
struct Sqlite3Closer {
  void operator()(sqlite3* db) const { api().sqlite3_close(db); }
};
using DbPtr = std::unique_ptr<sqlite3, Sqlite3Closer>;

bool is_pragma_token(const std::string& s, bool allow_dash) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_' ||
                    (allow_dash && c == '-');
    if (!ok) return false;
  }
  return true;
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(DbPtr db, std::string path)
      : handle_(std::move(db)), path_(std::move(path)), db_(handle_.get()) {}

  DatabaseType type() const override { return DatabaseType::kSQLite; }

  std::string product() const override {
    const int v = api().sqlite3_libversion_number();  // 3040001
    return "SQLite " + std::to_string(v / 1000000) + "." +
           std::to_string((v / 1000) % 1000);
  }

  QueryResult execute(std::string_view sql) override {
    QueryResult result;
    const char* tail = sql.data();
    const char* end = sql.data() + sql.size();
    while (tail < end) {
      const char* const start = tail;
      StmtPtr stmt = prepare(tail, end, &tail);
      if (stmt) result = run(stmt.get());
      // SQLite stops at a NUL byte without moving on: never loop on one.
      if (tail == start) fail("the SQL text contains a NUL byte");
    }
    return result;
  }

  QueryResult execute(std::string_view sql,
                      const std::vector<Param>& params) override {
    const char* tail = sql.data();
    const char* end = sql.data() + sql.size();
    StmtPtr stmt = prepare(tail, end, &tail);
    if (tail < end && prepare(tail, end, &tail)) {
      fail("a parameterised statement string must hold one statement");
    }
    if (!stmt) return {};
    for (std::size_t i = 0; i < params.size(); ++i)
      bind(stmt.get(), i, params[i]);
    return run(stmt.get());
  }

  std::string placeholder(int /*index*/) const override { return "?"; }

  void begin() override { execute("BEGIN"); }
  void commit() override { execute("COMMIT"); }
  void rollback() noexcept override {
    if (api().sqlite3_get_autocommit(db_) == 0) {
      api().sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
  }
  bool in_transaction() const override {
    return api().sqlite3_get_autocommit(db_) == 0;
  }

  void copy_from_stdin(std::string_view, const CopyDataReader&) override {
    fail("COPY ... FROM STDIN is only supported on PostgreSQL");
  }

  std::string current_user() override { return ""; }
  std::string current_schema() override { return "main"; }
  std::string database_name() override { return path_; }

  void set_notice_handler(std::function<void(const Notice&)> h) override {
    notice_handler_ = std::move(h);  // SQLite sends no notices
  }

  void cancel() noexcept override { api().sqlite3_interrupt(db_); }

 private:
  [[noreturn]] void fail(const std::string& message, int code = 1) {
    SqlError::Details d;
    d.error_code = code;
    d.message = message;
    throw SqlError(d);
  }

  [[noreturn]] void fail_from_db() {
    fail(api().sqlite3_errmsg(db_), api().sqlite3_errcode(db_));
  }

  StmtPtr prepare(const char* begin, const char* end, const char** tail) {
    sqlite3_stmt* raw = nullptr;
    const int rc = api().sqlite3_prepare_v2(
        db_, begin, static_cast<int>(end - begin), &raw, tail);
    StmtPtr stmt(raw, api().sqlite3_finalize);
    if (rc != SQLITE_OK) fail_from_db();
    return stmt;
  }

  void bind(sqlite3_stmt* stmt, std::size_t index, const Param& p) {
    const int i = static_cast<int>(index) + 1;
    int rc = SQLITE_OK;
    if (const auto* n = std::get_if<std::int64_t>(&p)) {
      rc = api().sqlite3_bind_int64(stmt, i, *n);
    } else if (const auto* b = std::get_if<bool>(&p)) {
      rc = api().sqlite3_bind_int(stmt, i, *b ? 1 : 0);
    } else if (const auto* s = std::get_if<std::string>(&p)) {
      // The parameter outlives the statement's execution: no copy needed.
      rc = api().sqlite3_bind_text(stmt, i, s->data(),
                                   static_cast<int>(s->size()), nullptr);
    } else {
      rc = api().sqlite3_bind_null(stmt, i);
    }
    if (rc != SQLITE_OK) fail_from_db();
  }

  QueryResult run(sqlite3_stmt* stmt) {
    QueryResult out;
    const int columns = api().sqlite3_column_count(stmt);
    for (int c = 0; c < columns; ++c) {
      out.columns.emplace_back(api().sqlite3_column_name(stmt, c));
    }
    const int before = api().sqlite3_total_changes(db_);
    int rc = SQLITE_OK;
    while ((rc = api().sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<std::optional<std::string>> row;
      for (int c = 0; c < columns; ++c) {
        if (api().sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.emplace_back(std::nullopt);
          continue;
        }
        const auto* text = api().sqlite3_column_text(stmt, c);
        const int bytes = api().sqlite3_column_bytes(stmt, c);
        row.emplace_back(std::string(reinterpret_cast<const char*>(text),
                                     static_cast<std::size_t>(bytes)));
      }
      out.rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) fail_from_db();
    if (columns == 0) {
      out.affected_rows = api().sqlite3_total_changes(db_) - before;
    }
    return out;
  }

  DbPtr handle_;
  std::string path_;
  sqlite3* db_ = nullptr;
  std::function<void(const Notice&)> notice_handler_;
};

}  // namespace

std::unique_ptr<Connection> open_sqlite(const ConnectionSpec& spec) {
  sqlite3* raw = nullptr;
  const int rc = api().sqlite3_open_v2(
      spec.database.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
      nullptr);
  DbPtr db(raw);  // set even when opening failed, to carry the message
  if (rc != SQLITE_OK) {
    throw ConnectionError(
        "Cannot establish connection to the database. " +
        std::string(db ? api().sqlite3_errmsg(db.get()) : "out of memory"));
  }
  auto conn = std::make_unique<SqliteConnection>(std::move(db), spec.database);
  try {  // a file that is not a database only fails on first read
    conn->execute("SELECT count(*) FROM sqlite_master");
  } catch (const SqlError& e) {
    // Busy or locked: a database, held by a runner that is migrating it;
    // the migration lock will wait for it, so the probe need not.
    const int code = e.details().error_code & 0xFF;
    if (code != SQLITE_BUSY && code != SQLITE_LOCKED) {
      throw ConnectionError(e.what());
    }
  }
  conn->execute("PRAGMA busy_timeout = 3000");
  for (const auto& [key, value] : spec.options) {
    if (!is_pragma_token(key, false) || !is_pragma_token(value, true)) {
      throw ConfigError("Invalid SQLite URL parameter: " + key + "=" + value);
    }
    conn->execute("PRAGMA " + key + " = " + value);
  }
  return conn;
}

}  // namespace runway::db::detail
