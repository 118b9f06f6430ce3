#include "apply_migration.hpp"

#include <algorithm>
#include <chrono>

#include "runway/commands/commands.hpp"
#include "runway/commands/interrupt.hpp"

namespace runway::commands {
namespace {

int elapsed_ms(std::chrono::steady_clock::time_point start) {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - start)
                              .count());
}

std::string failure_code(const ResolvedMigration& file) {
  switch (file.kind) {
    case MigrationKind::kRepeatable:
      return "FAILED_REPEATABLE_MIGRATION";
    case MigrationKind::kBaseline:
      return "FAILED_BASELINE_MIGRATION";
    case MigrationKind::kVersioned:
    case MigrationKind::kUndo:
      break;
  }
  return "FAILED_VERSIONED_MIGRATION";
}

// Whether a rolled back transaction takes the script's DDL with it
// (Flyway's Database.supportsDdlTransactions()).
bool has_ddl_transactions(db::DatabaseType type) {
  return type == db::DatabaseType::kPostgreSQL ||
         type == db::DatabaseType::kSQLite;
}

[[noreturn]] void fail(CommandContext& ctx, const ResolvedMigration& file,
                       const std::string& title, const StatementFailed& e,
                       bool rolled_back) {
  ctx.log().error("Migration of " + title + " failed! " +
                  failure_outcome(e, rolled_back));
  ErrorDetails details =
      statement_failure_details(file, e, rolled_back, "migrate");
  throw CommandFailed(ErrorKind::kMigration, details, MigrateResult{});
}

// What a lost connection did to the migration that was running, and what
// to do next (the COMMIT case is CommitOutcomeUnknown, not this).
std::string lost_connection_advice(CommandContext& ctx,
                                   const ResolvedMigration& file,
                                   bool transactional, bool in_group) {
  const std::string next =
      " Check that the database is reachable, run info to see where the "
      "history stands, then run migrate again.";
  if (transactional && has_ddl_transactions(ctx.database_type())) {
    return std::string(in_group ? "The group of migrations" : file.script) +
           " was not committed: its transaction ends with the connection, "
           "and no history row was written." +
           next;
  }
  return "Statements of " + file.script +
         " that ran before the loss may remain (" +
         (transactional ? "MySQL and MariaDB commit DDL at once"
                        : "it ran outside a transaction") +
         "), and no history row was written: check them by hand." + next;
}

}  // namespace

void run_script(CommandContext& ctx, const ResolvedMigration& file,
                bool in_transaction,
                const std::optional<std::string>& current_schema,
                const std::vector<sql::Statement>* kept,
                CallbackRunner* callbacks, const StatementEvents& events) {
  ctx.use_default_schema(current_schema);
  ExecuteOptions options;
  options.dialect = ctx.dialect();
  options.keep_transaction = in_transaction;
  options.output_query_results = ctx.settings().output_query_results;
  options.log = &ctx.log();
  // Inside the migration's transaction, as Flyway's DefaultSqlScriptExecutor
  // fires them; the error event while the failure is on its way out.
  if (callbacks != nullptr && callbacks->has(events.before))
    options.before_statement = [callbacks, &events, in_transaction](
                                   int, const sql::Statement&) {
      callbacks->fire_between_statements(events.before, in_transaction);
    };
  if (callbacks != nullptr && callbacks->has(events.after))
    options.after_statement = [callbacks, &events, in_transaction](
                                  int, const sql::Statement&) {
      callbacks->fire_between_statements(events.after, in_transaction);
    };
  if (callbacks != nullptr && callbacks->has(events.error))
    options.statement_failed = [callbacks, &events](int,
                                                    const sql::Statement&) {
      callbacks->fire_quietly(events.error, true);
    };
  if (kept) {
    execute_statements(ctx.connection(), *kept, options);
    return;
  }
  auto script = ctx.open_script(file.physical_path, file.config);
  execute_script(ctx.connection(), *script, options);
}

PreparedMigration prepare_migration(CommandContext& ctx,
                                    const ResolvedMigration& file,
                                    bool out_of_order,
                                    std::size_t* keep_budget) {
  // A script's statements are kept up to this size each: most migrations
  // are small, and a large one is streamed again when it runs.
  constexpr std::size_t kKeepPerScript = 64 * 1024;
  PreparedMigration prepared;
  prepared.file = &file;
  prepared.out_of_order = out_of_order;
  try {
    auto script = ctx.open_script(file.physical_path, file.config);
    const std::size_t keep =
        keep_budget ? std::min(kKeepPerScript, *keep_budget) : 0;
    prepared.analysis = analyze_script(*script, ctx.dialect(), keep);
  } catch (const MigrationFileError& e) {
    if (!e.file().empty()) throw;
    throw MigrationFileError(
        file.physical_path, e.line(),
        "Unable to parse statement in " + file.physical_path + ": " + e.what());
  }
  const Settings& s = ctx.settings();
  const std::optional<bool> per_script = file.config.execute_in_transaction;
  if (!per_script && s.execute_in_transaction && !s.mixed &&
      prepared.analysis.mixed())
    throw MigrationFileError(file.physical_path,
                             prepared.analysis.offending_line,
                             mixed_statements_message(prepared.analysis));
  prepared.transactional =
      per_script.value_or(!prepared.analysis.has_non_transactional) &&
      s.execute_in_transaction;
  if (keep_budget && prepared.analysis.kept_all) {
    for (const sql::Statement& statement : prepared.analysis.kept)
      *keep_budget -= std::min(*keep_budget, statement.sql.size());
  }
  return prepared;
}

std::string migration_title(const std::string& quoted_schema,
                            const ResolvedMigration& file) {
  if (!file.version)
    return "schema " + quoted_schema + " with repeatable migration \"" +
           file.description + "\"";
  std::string v = file.version->text();
  if (!file.description.empty()) v += " - " + file.description;
  return "schema " + quoted_schema + " to version \"" + v + "\"";
}

AppliedMigration history_row_for(const ResolvedMigration& file, int rank,
                                 const std::string& installed_by,
                                 int execution_time, bool success) {
  AppliedMigration row;
  row.installed_rank = rank;
  row.version = file.version;
  row.description = file.description;
  row.type = file.type();
  row.script = file.script;
  row.checksum = file.checksum;
  row.installed_by = installed_by;
  row.execution_time = execution_time;
  row.success = success;
  return row;
}

std::string failure_outcome(const StatementFailed& failure, bool rolled_back) {
  if (!rolled_back)
    return "Please restore backups and roll back database and code!";
  if (failure.transaction_ended_at() > 0)
    return "Changes after the statement at line " +
           std::to_string(failure.transaction_ended_at()) +
           " rolled back; the script had ended its transaction there itself.";
  return "Changes successfully rolled back.";
}

namespace {

// "Error at   : line 7, column 16": where the server's error points.
std::string error_at_line(const StatementFailed& failure) {
  const std::optional<sql::ScriptPosition>& at = failure.error_at();
  if (!at) return "";
  std::string line = "Error at   : line " + std::to_string(at->line);
  if (at->column > 0) line += ", column " + std::to_string(at->column);
  return line + "\n";
}

// A psql meta-command sent as SQL: what it is, and what to do.
std::string psql_meta_command_note(const StatementFailed& failure) {
  const std::string& meta = failure.psql_meta_command();
  if (meta.empty() || !failure.error_at()) return "";
  std::string note = "\n" + meta + " at line " +
                     std::to_string(failure.error_at()->line) +
                     " is a psql meta-command: psql runs it itself, but "
                     "Runway sends scripts to the server as SQL (as Flyway "
                     "does). Delete the line.";
  if (meta == "\\restrict" || meta == "\\unrestrict")
    note +=
        " (pg_dump writes \\restrict and \\unrestrict lines into "
        "plain-format dumps since its August 2025 releases: 13.22, 14.19, "
        "15.14, 16.10, 17.6; only psql needs them.)";
  return note;
}

// What became of the script, and what to run next.
std::string failure_aftermath(const StatementFailed& failure, bool rolled_back,
                              const std::string& command) {
  const std::string index = std::to_string(failure.statement_index());
  const std::string ended_at = std::to_string(failure.transaction_ended_at());
  if (rolled_back && failure.transaction_ended_at() > 0)
    return "\nThe script ended its own transaction (COMMIT or ROLLBACK) in "
           "the statement at line " +
           ended_at +
           ": what ran up to there was committed (or, by a ROLLBACK, "
           "discarded) and is not undone now; what followed was rolled back, "
           "and no history row was written. Check that part by hand, fix the "
           "script and run " +
           command + " again.";
  if (rolled_back)
    return "\nThe script was rolled back: nothing of it remains. Fix it and "
           "run " +
           command + " again.";
  if (failure.transaction_ended_at() > 0)
    // MySQL/MariaDB: DDL commits at once; the transaction begun after it
    // was rolled back.
    return "\nStatement " + index +
           " failed; the statements up to the one at line " + ended_at +
           " were committed (DDL commits at once on MySQL and MariaDB, as "
           "does a COMMIT in the script) and were NOT rolled back; those "
           "after it were. Undo or complete them by hand, then run repair to "
           "remove the failed row, and " +
           command + " again.";
  if (failure.in_transaction())
    // MySQL/MariaDB, no DDL before it: the transaction held everything.
    return "\nStatement " + index +
           " failed; the statements before it were rolled back with it, "
           "unless it is a DDL statement (MySQL and MariaDB commit before "
           "each one, even one that fails). As they cannot roll back DDL, "
           "the failure is recorded (as by Flyway): run repair to remove the "
           "failed row, fix the script, and run " +
           command + " again.";
  return "\nStatement " + index + " failed; the " +
         std::to_string(failure.statement_index() - 1) +
         " statement(s) before it ran outside a transaction and were NOT "
         "rolled back. Undo or complete them by hand, then run repair to "
         "remove the failed row, and " +
         command + " again.";
}

// The driver's text of an error, as Flyway's Message line shows it:
// pgjdbc's "ERROR: text" with its Detail, Hint, Position and Where lines
// (ServerErrorMessage.toString); the bare text for the other databases.
std::string driver_message(const db::SqlError::Details& d) {
  std::string m =
      d.severity.empty() ? d.message : d.severity + ": " + d.message;
  if (!d.detail.empty()) m += "\n  Detail: " + d.detail;
  if (!d.hint.empty()) m += "\n  Hint: " + d.hint;
  if (d.position > 0 && !d.severity.empty())
    m += "\n  Position: " + std::to_string(d.position);
  if (!d.where.empty()) m += "\n  Where: " + d.where;
  return m;
}

}  // namespace

std::string script_failure_text(const std::string& script,
                                const std::string& physical_path,
                                const StatementFailed& failure) {
  const db::SqlError::Details& d = failure.details();
  const std::string title = "Failed to execute script " + script;
  std::string m = title + "\n" + std::string(title.size(), '-') + "\n";
  // SQLite has no SQLSTATE: Java's null, as Flyway prints it.
  m += "SQL State  : " + (d.sqlstate.empty() ? "null" : d.sqlstate) + "\n";
  m += "Error Code : " + std::to_string(d.error_code) + "\n";
  m += "Message    : " + driver_message(d) + "\n";
  m += "Location   : " + script + " (" + physical_path + ")\n";
  m += "Line       : " + std::to_string(failure.line()) + "\n";
  m += error_at_line(failure);
  m += "Statement  : " + failure.sql();
  m += psql_meta_command_note(failure);
  return m;
}

ErrorDetails statement_failure_details(const ResolvedMigration& file,
                                       const StatementFailed& failure,
                                       bool rolled_back,
                                       const std::string& command) {
  const db::SqlError::Details& d = failure.details();
  std::string m = script_failure_text(file.script, file.physical_path, failure);
  m += failure_aftermath(failure, rolled_back, command);
  ErrorDetails details;
  details.error_code = failure_code(file);
  details.message = m;
  if (!d.sqlstate.empty()) details.sql_state = d.sqlstate;
  details.sql_error_code = d.error_code;
  details.line_number = failure.line();
  details.path = file.physical_path;
  return details;
}

int apply_migration(CommandContext& ctx, CallbackRunner& callbacks,
                    const PreparedMigration& migration,
                    const ApplyOptions& options) {
  const ResolvedMigration& file = *migration.file;
  db::Connection& conn = ctx.connection();
  const std::string title = migration_title(options.quoted_schema, file);
  const auto start = std::chrono::steady_clock::now();
  const bool own_transaction =
      migration.transactional && !options.in_group_transaction;

  // The script's schema check rides with BEGIN (one round trip, not two)
  // unless a callback runs in between and may change the search path.
  std::optional<std::string> current_schema;
  if (own_transaction && !callbacks.has("beforeEachMigrate")) {
    current_schema = conn.begin_then_current_schema();
  } else if (own_transaction) {
    conn.begin();
  }
  // A failed migration: rolled back where DDL is transactional, else (MySQL
  // and MariaDB commit DDL at once, or no transaction) recorded as failed,
  // as Flyway records it. Returns whether it was rolled back.
  const auto roll_back_or_record = [&](bool error_callbacks) {
    const bool rolled_back =
        migration.transactional && has_ddl_transactions(ctx.database_type());
    if (migration.transactional) conn.rollback();
    if (!rolled_back)
      record_failure(
          ctx,
          history_row_for(file, options.installed_rank, ctx.installed_by(),
                          elapsed_ms(start), false),
          migration.analysis.changes_session_state);
    if (error_callbacks) callbacks.fire_quietly("afterEachMigrateError");
    return rolled_back;
  };
  bool in_script = false;  // the script's statements have begun
  // A failure that is not a statement's (a per-statement callback, a stop
  // request): once the script has begun it fails the migration, as in
  // Flyway's DbMigrate; before (beforeEachMigrate) or after
  // (afterEachMigrate) it only ends the run. No callback runs after a stop
  // request.
  const auto failed_around_statements = [&](bool error_callbacks) {
    if (!in_script) {
      if (own_transaction) conn.rollback();
      return;
    }
    const bool rolled_back = roll_back_or_record(error_callbacks);
    ctx.log().error("Migration of " + title + " failed! " +
                    (rolled_back ? "Changes successfully rolled back."
                                 : "Please restore backups and roll back "
                                   "database and code!"));
  };
  try {
    callbacks.fire("beforeEachMigrate", migration.transactional);
    // After beforeEachMigrate, as Flyway logs it.
    ctx.log().info("Migrating " + title +
                   (migration.out_of_order ? " [out of order]" : "") +
                   (migration.transactional ? "" : " [non-transactional]"));
    in_script = true;
    run_script(ctx, file, migration.transactional, current_schema,
               migration.analysis.kept_all ? &migration.analysis.kept : nullptr,
               &callbacks);
    in_script = false;
    callbacks.fire("afterEachMigrate", migration.transactional);
    if (migration.analysis.changes_session_state) ctx.restore_session_state();
  } catch (const CallbackFailed&) {
    failed_around_statements(true);
    throw;
  } catch (const Interrupted&) {
    failed_around_statements(false);
    throw;
  } catch (const StatementFailed& e) {
    fail(ctx, file, title, e, roll_back_or_record(true));
  } catch (const db::ConnectionError& lost) {
    // No ROLLBACK: there is no connection to send it on.
    throw db::ConnectionError(
        std::string(lost.what()) + "\n" +
        lost_connection_advice(ctx, file, migration.transactional,
                               options.in_group_transaction));
  } catch (...) {
    if (own_transaction) conn.rollback();
    throw;
  }
  const int ms = elapsed_ms(start);
  try {
    record_success(ctx,
                   history_row_for(file, options.installed_rank,
                                   ctx.installed_by(), ms, true),
                   own_transaction);
  } catch (const StatementFailed& commit) {
    callbacks.fire_quietly("afterEachMigrateError");
    fail(ctx, file, title, commit, true);
  }
  return ms;
}

db::SqlError history_insert_failed(CommandContext& ctx,
                                   const AppliedMigration& row,
                                   const db::SqlError& e,
                                   const std::string& aftermath) {
  db::SqlError::Details d = e.details();
  const std::string what =
      row.version ? "version '" + row.version->text() + "'"
                  : "repeatable migration '" + row.description + "'";
  d.message = "Unable to insert row for " + what + " in Schema History table " +
              ctx.history().quoted_table() + ": " + d.message +
              (aftermath.empty() ? "" : "\n" + aftermath);
  return db::SqlError(d);
}

void record_failure(CommandContext& ctx, const AppliedMigration& row,
                    bool restore_session) {
  if (restore_session) ctx.restore_session_state();
  try {
    ctx.history().insert(row);
  } catch (const db::SqlError& e) {
    // The script's own failure is still the one reported.
    ctx.log().error(
        history_insert_failed(ctx, row, e, "The failure is not recorded.")
            .what());
  }
}

void record_success(CommandContext& ctx, const AppliedMigration& row,
                    bool own_transaction) {
  db::Connection& conn = ctx.connection();
  try {
    if (own_transaction) {
      ctx.history().insert_and_commit(row);
    } else {
      ctx.history().insert(row);
    }
  } catch (const db::CommitOutcomeUnknown&) {
    throw;  // no connection to roll back on
  } catch (const db::SqlError& e) {
    // A failed insert leaves the transaction open; a failed COMMIT ended it.
    const bool commit_failed = own_transaction && !conn.in_transaction();
    if (own_transaction && conn.in_transaction()) conn.rollback();
    if (commit_failed) throw StatementFailed(0, 0, "COMMIT", e);
    const bool rolled_back =
        own_transaction && has_ddl_transactions(ctx.database_type());
    throw history_insert_failed(
        ctx, row, e,
        rolled_back ? "The migration was rolled back with it."
        : own_transaction
            ? "Its DDL statements were NOT rolled back (MySQL and MariaDB "
              "commit them at once), the rest was: undo them by hand, or let "
              "the history table take the row, and run again."
        : !conn.in_transaction()
            ? "Its statements ran and were NOT rolled back: undo them by "
              "hand, or let the history table take the row, and run again."
            : "");
  } catch (...) {
    if (own_transaction && conn.in_transaction()) conn.rollback();
    throw;
  }
}

}  // namespace runway::commands
