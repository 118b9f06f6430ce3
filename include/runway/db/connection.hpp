// The one interface through which Runway talks to a database. Driver types
// (libpq, SOCI) never appear in headers: implementations live in src/db/.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "runway/core/error.hpp"

namespace runway::db {

enum class DatabaseType { kPostgreSQL, kSQLite, kMySQL, kMariaDB };

/// "PostgreSQL", "SQLite", "MySQL", "MariaDB" (Flyway's databaseType names).
std::string_view database_type_name(DatabaseType type);

/// A bind parameter: NULL, integer, text or boolean.
using Param = std::variant<std::monostate, std::int64_t, std::string, bool>;

/// Rows as text (NULL = nullopt), in the order the database returned them.
struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::int64_t affected_rows = -1;  ///< -1 when not applicable
};

/// A message the server sent while running a statement (RAISE NOTICE, ...).
struct Notice {
  std::string severity;  ///< "NOTICE", "WARNING", ...
  std::string sqlstate;
  std::string message;
};

/// The database refused a statement. Carries the server's own code and text.
class SqlError : public Error {
 public:
  struct Details {
    std::string sqlstate;  ///< e.g. "42P01" (empty if the driver has none)
    int error_code = 0;    ///< vendor code (MySQL errno, SQLite result)
    std::string message;   ///< primary message, without severity prefix
    std::string detail;    ///< PostgreSQL DETAIL
    std::string hint;      ///< PostgreSQL HINT
    int position = 0;      ///< 1-based character position in the statement
    std::string severity;  ///< PostgreSQL's, e.g. "ERROR" (may be localized)
    std::string where;     ///< PostgreSQL CONTEXT: the PL/pgSQL line, ...
  };
  explicit SqlError(Details details)
      : Error(ErrorKind::kSql, "DB_ERROR", details.message),
        details_(std::move(details)) {}
  const Details& details() const { return details_; }

 private:
  Details details_;
};

/// The database cannot be reached or the connection was lost.
class ConnectionError : public Error {
 public:
  explicit ConnectionError(const std::string& message)
      : Error(ErrorKind::kConnection, "DB_CONNECTION", message) {}
};

/// The connection broke while COMMIT was in flight: it may or may not have
/// committed. Never guessed; the user is told to run `info`.
class CommitOutcomeUnknown : public Error {
 public:
  explicit CommitOutcomeUnknown(const std::string& message)
      : Error(ErrorKind::kCommitUnknown, "COMMIT_OUTCOME_UNKNOWN", message) {}
};

/// Supplies COPY data: fills `chunk` and returns true, or returns false at
/// the end of the data.
using CopyDataReader = std::function<bool(std::string& chunk)>;

class Connection {
 public:
  virtual ~Connection() = default;

  virtual DatabaseType type() const = 0;
  /// Product and version as Flyway prints it, e.g. "PostgreSQL 15.18".
  virtual std::string product() const = 0;

  /// Runs one statement as is (no parameters). Result rows, if any, are
  /// returned. Throws SqlError, ConnectionError.
  virtual QueryResult execute(std::string_view sql) = 0;
  /// Runs one statement with parameters; markers come from placeholder().
  virtual QueryResult execute(std::string_view sql,
                              const std::vector<Param>& params) = 0;
  /// One row as for_each_row() hands it over, NULL as nullopt; the views
  /// are valid during that call only.
  using RowView = std::span<const std::optional<std::string_view>>;
  /// Runs `sql` like execute() and gives each row to `row` in order,
  /// without building a QueryResult of them all (10,000 history rows were
  /// 100,000 strings copied twice). The default goes through execute().
  virtual void for_each_row(std::string_view sql,
                            const std::vector<Param>& params,
                            const std::function<void(RowView)>& row);
  /// The bind marker for the 1-based parameter `index` ("$1", "?", ...).
  virtual std::string placeholder(int index) const = 0;

  /// Sends one statement (no parameters) and may return before it has run,
  /// so the caller can prepare the next one meanwhile; finish_sent() then
  /// waits for it and returns what execute() would have, throwing its
  /// errors. Nothing else may be done on the connection in between. By
  /// default the statement runs here (its errors are thrown here) and
  /// finish_sent() hands its result back; PostgreSQL really overlaps.
  virtual void send(std::string_view sql) { sent_result_ = execute(sql); }
  virtual QueryResult finish_sent() { return std::move(sent_result_); }

  virtual void begin() = 0;
  /// Throws CommitOutcomeUnknown when the connection is lost during COMMIT.
  virtual void commit() = 0;
  /// Never throws: a broken connection is already rolled back.
  virtual void rollback() noexcept = 0;
  virtual bool in_transaction() const = 0;

  /// PostgreSQL `COPY ... FROM STDIN`: sends `sql`, then streams the data.
  /// Other databases throw SqlError.
  virtual void copy_from_stdin(std::string_view sql,
                               const CopyDataReader& data) = 0;

  /// `SELECT current_user` (PG), `SUBSTRING_INDEX(USER(),'@',1)` (MySQL),
  /// "" (SQLite): what Flyway stores in installed_by.
  virtual std::string current_user() = 0;
  /// The connection's current schema (PG current_schema, MySQL DATABASE(),
  /// SQLite "main"); empty if none.
  virtual std::string current_schema() = 0;
  /// Database name (PG current_database(), MySQL DATABASE(), SQLite file).
  virtual std::string database_name() = 0;

  /// current_schema(), current_user() and database_name() as they are now,
  /// in one round trip where the database allows it.
  struct SessionFacts {
    std::string schema;
    std::string user;
    std::string database;
    /// The server named `schema` as one that exists (PostgreSQL's
    /// current_schema names only an existing schema of the search path).
    bool schema_exists = false;
  };
  /// execute(sql, params), then commit(), in one round trip where the
  /// database allows it (PostgreSQL pipeline mode). The statement's error
  /// is thrown as execute() throws it, with the transaction still open
  /// (failed: roll it back); then COMMIT's, as commit() throws it.
  virtual QueryResult execute_then_commit(std::string_view sql,
                                          const std::vector<Param>& params) {
    QueryResult result = execute(sql, params);
    commit();
    return result;
  }

  /// begin(), then current_schema(), in one round trip where the database
  /// allows it (PostgreSQL sends both statements in one message).
  virtual std::string begin_then_current_schema() {
    begin();
    return current_schema();
  }

  /// Whether timestamp values print as ISO text ("2026-11-22 16:08:22.5")
  /// in this session right now, so a query can return them as they are
  /// instead of formatting each on the server (PostgreSQL: DateStyle
  /// begins with "ISO", known without asking).
  virtual bool prints_iso_timestamps() { return false; }

  virtual SessionFacts session_facts() {
    return {current_schema(), current_user(), database_name()};
  }

  /// Receives server notices while statements run (replaces any previous).
  virtual void set_notice_handler(std::function<void(const Notice&)> h) = 0;

  /// Asks the server to cancel the statement running on this connection.
  /// Safe to call from another thread or a signal-watching thread.
  virtual void cancel() noexcept = 0;

 private:
  QueryResult sent_result_;  // the default send()'s result
};

/// Quotes an identifier for `type`: "x" (with "" doubled) for PostgreSQL and
/// SQLite, `x` (with `` doubled) for MySQL/MariaDB. The one quoting function.
std::string quote_identifier(DatabaseType type, std::string_view name);

}  // namespace runway::db
