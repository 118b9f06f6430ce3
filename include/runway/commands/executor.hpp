// Runs a script's statements on a connection, and inspects a script before
// it runs (is it transactional? does it parse?).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runway/core/error.hpp"
#include "runway/core/text_source.hpp"
#include "runway/db/connection.hpp"
#include "runway/sql/error_position.hpp"
#include "runway/sql/statement.hpp"

namespace runway::report {
class Log;
}

namespace runway::commands {

/// What a dry pass over a script found. Reading a script twice costs a
/// fraction of executing it and lets Runway refuse a broken or mixed script
/// before it changes anything.
struct ScriptAnalysis {
  int statements = 0;
  bool has_transactional = false;
  bool has_non_transactional = false;
  /// The statement that first made the script mixed (Flyway's "offending
  /// statement"): its line, text and whether it is the non-transactional one.
  int offending_line = 0;
  std::string offending_sql;
  bool offending_is_non_transactional = false;
  bool mixed() const { return has_transactional && has_non_transactional; }
  /// A statement changes session state Flyway puts back before each
  /// migration (sql::Statement::changes_session_state): Runway puts it back
  /// once the script has run, before its history row.
  bool changes_session_state = false;
  /// Every statement, when analyze_script was asked to keep them and they
  /// fit (no COPY data); `kept_all` says so. Running them spares reading
  /// and splitting the script a second time.
  std::vector<sql::Statement> kept;
  bool kept_all = false;
};

/// Splits the whole script without executing it. Throws MigrationFileError
/// (line set, file empty) when it does not parse. Keeps the statements
/// (ScriptAnalysis::kept) when their text is at most `keep_bytes` in all
/// and none is a COPY ... FROM STDIN.
ScriptAnalysis analyze_script(TextSource& script, sql::Dialect dialect,
                              std::size_t keep_bytes = 0);

/// Flyway's message for a mixed script when mixed=false.
std::string mixed_statements_message(const ScriptAnalysis& analysis);

/// A statement of a script failed. Carries where, and the database's error.
class StatementFailed : public Error {
 public:
  StatementFailed(int statement_index, int line, std::string sql,
                  const db::SqlError& cause, int transaction_ended_at = 0,
                  bool in_transaction = false);
  int statement_index() const { return statement_index_; }  ///< 1-based
  int line() const { return line_; }
  /// The line of the last statement of the script that ended the
  /// transaction it ran in (COMMIT, ROLLBACK, DDL on MySQL), when the
  /// script kept a transaction (ExecuteOptions::keep_transaction); 0 if
  /// none did. What ran up to there was committed.
  int transaction_ended_at() const { return transaction_ended_at_; }
  /// The script ran in a transaction the caller began
  /// (ExecuteOptions::keep_transaction).
  bool in_transaction() const { return in_transaction_; }
  const std::string& sql() const { return sql_; }
  const db::SqlError::Details& details() const { return details_; }
  /// Where in the script the database's error points, when it says:
  /// PostgreSQL's position (line and column), a MySQL parse error's line.
  const std::optional<sql::ScriptPosition>& error_at() const {
    return error_at_;
  }
  /// The psql meta-command at PostgreSQL's error position ("\restrict"),
  /// or empty.
  const std::string& psql_meta_command() const { return psql_meta_command_; }
  /// Fills error_at() and psql_meta_command() from the whole statement as it
  /// was sent (sql() may be cut short).
  void locate(const sql::Statement& statement, sql::Dialect dialect);

 private:
  int statement_index_;
  int line_;
  int transaction_ended_at_;
  bool in_transaction_;
  std::string sql_;
  db::SqlError::Details details_;
  std::optional<sql::ScriptPosition> error_at_;
  std::string psql_meta_command_;
};

struct ExecuteOptions {
  sql::Dialect dialect = sql::Dialect::kPostgreSQL;
  bool output_query_results = true;
  report::Log* log = nullptr;  ///< statements (-X), notices, result tables
  /// Notices go to `log` through a handler set for the script and removed
  /// after it; false when the caller's handler is already set (a callback
  /// between two statements of a script).
  bool own_notice_handler = true;
  /// Called before each statement (1-based index), after each one that
  /// succeeded, and for one the database refused (before StatementFailed
  /// is thrown): the per-statement callbacks.
  std::function<void(int index, const sql::Statement&)> before_statement;
  std::function<void(int index, const sql::Statement&)> after_statement;
  std::function<void(int index, const sql::Statement&)> statement_failed;
  /// The script runs in a transaction the caller began: when one of its
  /// statements ends it (its own COMMIT or ROLLBACK, or DDL on MySQL, which
  /// commits), a new one is begun at once, as a JDBC connection with
  /// autocommit off does under Flyway. What follows is then still rolled
  /// back on failure, and the caller's COMMIT still has a transaction.
  bool keep_transaction = false;
};

/// Executes every statement of `script` in order on `connection`, in
/// whatever transaction state the caller set up. Returns the number of
/// statements run. Throws StatementFailed (the database refused one),
/// MigrationFileError (the script does not parse) or ConnectionError.
int execute_script(db::Connection& connection, TextSource& script,
                   const ExecuteOptions& options);

/// execute_script for statements kept by analyze_script (no COPY).
int execute_statements(db::Connection& connection,
                       const std::vector<sql::Statement>& statements,
                       const ExecuteOptions& options);

}  // namespace runway::commands
