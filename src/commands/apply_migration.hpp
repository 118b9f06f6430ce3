// Applying one migration script: inside a transaction with its history row
// (the default), or statement by statement with a row written afterwards
// (non-transactional scripts). Internal to commands/.
#pragma once

#include <string>

#include "runway/commands/callbacks.hpp"
#include "runway/commands/context.hpp"
#include "runway/commands/executor.hpp"
#include "runway/commands/results.hpp"
#include "runway/core/migration_info.hpp"

namespace runway::commands {

/// A migration ready to run: its script parsed once already.
struct PreparedMigration {
  const ResolvedMigration* file = nullptr;
  bool out_of_order = false;
  bool transactional = true;
  ScriptAnalysis analysis;
};

/// Parses the script and decides how it runs. Throws MigrationFileError for
/// a script that does not parse, and Flyway's mixed-statements error.
/// `keep_budget`, when given, is how many bytes of statements may still be
/// kept in memory for the run (run_script then does not read the script
/// again); a small script's statements are kept and taken from it.
PreparedMigration prepare_migration(CommandContext& ctx,
                                    const ResolvedMigration& file,
                                    bool out_of_order,
                                    std::size_t* keep_budget = nullptr);

/// `schema "public" to version "1 - Init"` or `schema "public" with
/// repeatable migration "View"`: how Flyway names a migration in logs.
std::string migration_title(const std::string& quoted_schema,
                            const ResolvedMigration& file);

/// The history row for a migration file.
AppliedMigration history_row_for(const ResolvedMigration& file, int rank,
                                 const std::string& installed_by,
                                 int execution_time, bool success);

/// What a failed script left, for the log line after "... failed! ":
/// Flyway's words, unless the script had ended its own transaction.
std::string failure_outcome(const StatementFailed& failure, bool rolled_back);

/// Flyway's block for a script whose statement failed ("Failed to execute
/// script X", SQL State, Error Code, Message, Location, Line, Statement).
std::string script_failure_text(const std::string& script,
                                const std::string& physical_path,
                                const StatementFailed& failure);

/// Flyway's multi-line error block for a failed statement ("Failed to
/// execute script ...", SQL State, Message, Location, Line, Statement),
/// with the script line the server's error points at ("Error at": from
/// PostgreSQL's position, with its column, or the line a MySQL message
/// names) and a word on psql meta-commands sent as SQL, plus what to do
/// next: fix and run `command` ("migrate", "undo") again.
ErrorDetails statement_failure_details(const ResolvedMigration& file,
                                       const StatementFailed& failure,
                                       bool rolled_back,
                                       const std::string& command);

/// The names of the per-statement callback events of a script's kind.
struct StatementEvents {
  const char* before;
  const char* after;
  const char* error;
};
inline constexpr StatementEvents kMigrateStatementEvents = {
    "beforeEachMigrateStatement", "afterEachMigrateStatement",
    "afterEachMigrateStatementError"};
inline constexpr StatementEvents kUndoStatementEvents = {
    "beforeEachUndoStatement", "afterEachUndoStatement",
    "afterEachUndoStatementError"};

/// Runs a migration script's statements on the main connection, in
/// whatever transaction state the caller set up. `current_schema`: as
/// CommandContext::use_default_schema takes it.
/// `kept`: its statements, as prepare_migration kept them, run instead of
/// reading the script again. `in_transaction`: it runs in a transaction,
/// begun again whenever one of its statements ends it
/// (ExecuteOptions::keep_transaction).
/// `callbacks`, when given, runs the per-statement callbacks of `events`
/// around each statement (Flyway's beforeEachMigrateStatement, ...); one
/// that fails throws CallbackFailed.
void run_script(CommandContext& ctx, const ResolvedMigration& file,
                bool in_transaction,
                const std::optional<std::string>& current_schema = {},
                const std::vector<sql::Statement>* kept = nullptr,
                CallbackRunner* callbacks = nullptr,
                const StatementEvents& events = kMigrateStatementEvents);

/// Flyway's "Unable to insert row for version 'V' in Schema History table
/// T" around the database's error `e`, then `aftermath` (what became of
/// the migration) on a line of its own.
db::SqlError history_insert_failed(CommandContext& ctx,
                                   const AppliedMigration& row,
                                   const db::SqlError& e,
                                   const std::string& aftermath);

/// Writes the success=false row of a migration (or undo) that failed where
/// a rollback could not undo it, after putting back the session state the
/// script changed (`restore_session`). A row the table refuses is logged
/// as an error, so that the script's own failure is still the one thrown.
void record_failure(CommandContext& ctx, const AppliedMigration& row,
                    bool restore_session);

/// Writes a script's success row; with `own_transaction`, COMMIT goes with
/// it (one round trip on PostgreSQL). A failed insert is rolled back and
/// rethrown; a failed COMMIT (a deferred check) has ended the transaction,
/// rolled back, and is thrown as the StatementFailed of a "COMMIT"
/// statement, for the caller to report as the script's failure.
/// CommitOutcomeUnknown passes through.
void record_success(CommandContext& ctx, const AppliedMigration& row,
                    bool own_transaction);

struct ApplyOptions {
  int installed_rank = 0;
  std::string quoted_schema;
  /// The caller holds an open transaction for a group: join it, do not
  /// commit.
  bool in_group_transaction = false;
};

/// Runs one migration and records it. Returns the execution time in ms.
/// On failure throws CommandFailed (details as above, partial result
/// empty) after rolling back, or, for a non-transactional script, after
/// recording a success=false row.
int apply_migration(CommandContext& ctx, CallbackRunner& callbacks,
                    const PreparedMigration& migration,
                    const ApplyOptions& options);

}  // namespace runway::commands
