#include "runway/commands/executor.hpp"

#include <exception>

#include "runway/commands/interrupt.hpp"
#include "runway/report/log.hpp"
#include "runway/report/text_report.hpp"
#include "runway/sql/error_position.hpp"

namespace runway::commands {
namespace {

constexpr std::size_t kMaxSqlInErrors = 2000;

std::string shorten(const std::string& sql) {
  if (sql.size() <= kMaxSqlInErrors) return sql;
  return sql.substr(0, kMaxSqlInErrors) + "...";
}

void log_notice(report::Log& log, const db::Notice& notice) {
  // Flyway: plain notices are INFO "DB: <msg>", warnings carry their state.
  if (notice.severity == "WARNING")
    log.warn("DB: " + notice.message + " (SQL State: " + notice.sqlstate +
             " - Error Code: 0)");
  else
    log.info("DB: " + notice.message);
}

void log_result(report::Log& log, const db::QueryResult& result) {
  if (result.columns.empty()) return;
  std::vector<std::vector<std::string>> rows;
  rows.reserve(result.rows.size());
  for (const auto& row : result.rows) {
    std::vector<std::string> cells;
    for (const auto& cell : row) cells.push_back(cell.value_or("NULL"));
    rows.push_back(std::move(cells));
  }
  log.info(
      report::render_ascii_table(result.columns, rows, "No rows returned"));
}

void copy_statement(db::Connection& connection,
                    sql::StatementSplitter& splitter,
                    const sql::Statement& statement) {
  connection.copy_from_stdin(statement.sql, [&](std::string& chunk) {
    return splitter.read_copy_data(chunk);
  });
}

// What every statement goes through before it runs.
void before_running(const sql::Statement& statement, int index,
                    const ExecuteOptions& options) {
  if (options.log != nullptr && options.log->debug_enabled())
    options.log->debug("Executing SQL: " + shorten(statement.sql));
  throw_if_interrupted();  // nothing more runs after a stop request
  if (options.before_statement) options.before_statement(index, statement);
}

// Notices go to the log while statements run (see end_notices).
void begin_notices(db::Connection& connection, const ExecuteOptions& options) {
  if (options.log != nullptr && options.own_notice_handler)
    connection.set_notice_handler(
        [log = options.log](const db::Notice& n) { log_notice(*log, n); });
}

void end_notices(db::Connection& connection, const ExecuteOptions& options) {
  if (options.own_notice_handler) connection.set_notice_handler(nullptr);
}

void show_result(const db::QueryResult& result, const ExecuteOptions& options) {
  if (options.log != nullptr && options.output_query_results)
    log_result(*options.log, result);
}

// Begins a new transaction when a statement ended the one the script runs
// in (ExecuteOptions::keep_transaction), and remembers where that was.
class TransactionKeeper {
 public:
  TransactionKeeper(db::Connection& connection, const ExecuteOptions& options)
      : connection_(connection),
        on_(options.keep_transaction),
        dialect_(options.dialect) {}

  void after(const sql::Statement& statement) {
    if (!on_ || connection_.in_transaction()) return;
    ended_at_ = statement.line;
    connection_.begin();
  }

  // A statement's database error, or a stop request that cancelled it.
  [[noreturn]] void failed(int index, const sql::Statement& statement,
                           const db::SqlError& e) const {
    // A statement cancelled by a signal is reported as the interruption.
    throw_if_interrupted();
    StatementFailed failure(index, statement.line, statement.sql, e, ended_at_,
                            on_);
    failure.locate(statement, dialect_);
    throw failure;
  }

 private:
  db::Connection& connection_;
  bool on_;
  sql::Dialect dialect_;
  int ended_at_ = 0;  // the last statement that ended the transaction
};

}  // namespace

StatementFailed::StatementFailed(int statement_index, int line, std::string sql,
                                 const db::SqlError& cause,
                                 int transaction_ended_at, bool in_transaction)
    : Error(ErrorKind::kSql, "DB_ERROR", cause.what()),
      statement_index_(statement_index),
      line_(line),
      transaction_ended_at_(transaction_ended_at),
      in_transaction_(in_transaction),
      sql_(shorten(sql)),
      details_(cause.details()) {}

// ER_PARSE_ERROR, whose message ends with the statement's line ("... near
// 'AND id' at line 5"); other messages may end so by chance (SIGNAL text).
constexpr int kMySqlParseError = 1064;

void StatementFailed::locate(const sql::Statement& statement,
                             sql::Dialect dialect) {
  const db::SqlError::Details& d = details_;
  if (d.position > 0) {
    error_at_ = sql::locate_in_script(statement.sql, statement.text_line,
                                      statement.text_column, d.position);
    psql_meta_command_ =
        sql::psql_meta_command_at(statement.sql, d.position).value_or("");
  } else if (dialect == sql::Dialect::kMySQL &&
             d.error_code == kMySqlParseError) {
    if (const std::optional<int> line = sql::mysql_error_line(d.message))
      error_at_ = sql::ScriptPosition{statement.text_line + *line - 1, 0};
  }
}

ScriptAnalysis analyze_script(TextSource& script, sql::Dialect dialect,
                              std::size_t keep_bytes) {
  ScriptAnalysis analysis;
  auto splitter = sql::make_splitter(dialect, script);
  sql::Statement statement;
  std::string discard;
  bool keeping = keep_bytes > 0;
  std::size_t kept_bytes = 0;
  while (splitter->next(statement)) {
    ++analysis.statements;
    if (statement.kind == sql::StatementKind::kCopyFromStdin) {
      keeping = false;  // its data is read from the script when it runs
      while (splitter->read_copy_data(discard)) {
      }
    }
    analysis.changes_session_state |= statement.changes_session_state;
    bool& seen = statement.non_transactional ? analysis.has_non_transactional
                                             : analysis.has_transactional;
    const bool was_mixed = analysis.mixed();
    seen = true;
    if (!was_mixed && analysis.mixed()) {
      analysis.offending_line = statement.line;
      analysis.offending_sql = shorten(statement.sql);
      analysis.offending_is_non_transactional = statement.non_transactional;
    }
    if (keeping) {
      kept_bytes += statement.sql.size();
      keeping = kept_bytes <= keep_bytes;
      if (keeping) analysis.kept.push_back(statement);
    }
  }
  analysis.kept_all = keeping;
  if (!keeping) analysis.kept = {};
  return analysis;
}

std::string mixed_statements_message(const ScriptAnalysis& analysis) {
  return "Detected both transactional and non-transactional statements within "
         "the same migration (even though mixed is false). Offending statement "
         "found at line " +
         std::to_string(analysis.offending_line) + ": " +
         analysis.offending_sql +
         (analysis.offending_is_non_transactional ? " [non-transactional]"
                                                  : "");
}

// Each statement is sent, the next one is split while the server runs it,
// and only then is its result awaited: the client's reading and splitting
// overlaps the server's work instead of adding to it. The order of effects
// and errors is the sequential one: a statement's own error is reported
// before any error met reading the statement after it. COPY data is read
// while its statement runs, so nothing is read ahead of a COPY.
int execute_script(db::Connection& connection, TextSource& script,
                   const ExecuteOptions& options) {
  auto splitter = sql::make_splitter(options.dialect, script);
  begin_notices(connection, options);
  TransactionKeeper transaction(connection, options);
  sql::Statement statement;
  sql::Statement upcoming;
  bool have = splitter->next(statement);
  int index = 0;
  while (have) {
    ++index;
    before_running(statement, index, options);
    std::exception_ptr read_error;
    bool have_next = false;
    try {
      if (statement.kind == sql::StatementKind::kCopyFromStdin) {
        copy_statement(connection, *splitter, statement);
        have_next = splitter->next(upcoming);
      } else {
        connection.send(statement.sql);
        try {
          have_next = splitter->next(upcoming);
        } catch (...) {
          read_error = std::current_exception();
        }
        show_result(connection.finish_sent(), options);
      }
      transaction.after(statement);
    } catch (const db::SqlError& e) {
      if (options.statement_failed && !interrupt_requested())
        options.statement_failed(index, statement);
      transaction.failed(index, statement, e);
    }
    if (options.after_statement) options.after_statement(index, statement);
    if (read_error) std::rethrow_exception(read_error);
    std::swap(statement, upcoming);
    have = have_next;
  }
  end_notices(connection, options);
  return index;
}

int execute_statements(db::Connection& connection,
                       const std::vector<sql::Statement>& statements,
                       const ExecuteOptions& options) {
  begin_notices(connection, options);
  TransactionKeeper transaction(connection, options);
  int index = 0;
  for (const sql::Statement& statement : statements) {
    ++index;
    before_running(statement, index, options);
    try {
      connection.send(statement.sql);  // as execute_script sends them
      show_result(connection.finish_sent(), options);
      transaction.after(statement);
    } catch (const db::SqlError& e) {
      if (options.statement_failed && !interrupt_requested())
        options.statement_failed(index, statement);
      transaction.failed(index, statement, e);
    }
    if (options.after_statement) options.after_statement(index, statement);
  }
  end_notices(connection, options);
  return index;
}

}  // namespace runway::commands
