// undo: revert applied versioned migrations with their U files (Flyway
// Teams' undo; the rules of what is reverted are in plan.hpp's header
// comment). Every U script is parsed and every step planned before the
// first one runs, so a missing or broken U file leaves the database as it
// was. Each step runs like a migrate step: by default its statements and
// its UNDO_SQL history row commit together; a non-transactional script that
// fails leaves a success=false UNDO_SQL row, which migrate and undo refuse
// to run over until repair removes it. The UNDO_SQL row carries the undone
// migration's version and the U file's description, script and checksum.
#include <chrono>

#include "apply_migration.hpp"
#include "history_steps.hpp"
#include "runway/commands/callbacks.hpp"
#include "runway/commands/commands.hpp"
#include "runway/commands/interrupt.hpp"
#include "runway/core/plan.hpp"
#include "runway/history/migration_lock.hpp"
#include "runway/report/time_format.hpp"

namespace runway::commands {
namespace {

int elapsed_ms(std::chrono::steady_clock::time_point start) {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - start)
                              .count());
}

/// `schema "public" to version "3 - Add phone"`, naming the undone
/// migration as migrate named it when it applied it.
std::string undo_title(const std::string& quoted_schema,
                       const MigrationInfo& undone) {
  std::string v = undone.version_text();
  if (!undone.description().empty()) v += " - " + undone.description();
  return "schema " + quoted_schema + " to version \"" + v + "\"";
}

/// One planned step with its U script parsed.
struct UndoRun {
  const UndoStep* step = nullptr;
  PreparedMigration prepared;
  int installed_rank = 0;
  std::string title;
};

AppliedMigration undo_row(CommandContext& ctx, const UndoRun& run, int ms,
                          bool success) {
  AppliedMigration row =
      history_row_for(*run.step->undo_script, run.installed_rank,
                      ctx.installed_by(), ms, success);
  row.version = run.step->undone->version();
  return row;
}

[[noreturn]] void fail(CommandContext& ctx, const UndoRun& run,
                       const StatementFailed& e, bool rolled_back,
                       const UndoResult& so_far) {
  ctx.log().error("Undo of migration of " + run.title + " failed! " +
                  failure_outcome(e, rolled_back));
  throw CommandFailed(
      ErrorKind::kMigration,
      statement_failure_details(*run.step->undo_script, e, rolled_back, "undo"),
      so_far);
}

/// Runs one U script and records it. Returns the execution time in ms.
int undo_one(CommandContext& ctx, CallbackRunner& callbacks, const UndoRun& run,
             const UndoResult& so_far) {
  db::Connection& conn = ctx.connection();
  const bool tx = run.prepared.transactional;
  ctx.log().info("Undoing migration of " + run.title +
                 (tx ? "" : " [non-transactional]"));
  const auto start = std::chrono::steady_clock::now();
  if (tx) conn.begin();
  // A failed undo: rolled back where DDL is transactional, else (MySQL and
  // MariaDB commit DDL at once, or no transaction) recorded as failed.
  const auto roll_back_or_record = [&](bool error_callbacks) {
    const bool rolled_back = tx &&
                             ctx.database_type() != db::DatabaseType::kMySQL &&
                             ctx.database_type() != db::DatabaseType::kMariaDB;
    if (tx) conn.rollback();
    if (!rolled_back)
      record_failure(ctx, undo_row(ctx, run, elapsed_ms(start), false),
                     run.prepared.analysis.changes_session_state);
    if (error_callbacks) callbacks.fire_quietly("afterEachUndoError");
    return rolled_back;
  };
  bool in_script = false;  // the script's statements have begun
  // As migrate: a per-statement callback's failure or a stop request fails
  // the undo once its script has begun, else only ends the run.
  const auto failed_around_statements = [&](bool error_callbacks) {
    if (!in_script) {
      if (tx) conn.rollback();
      return;
    }
    const bool rolled_back = roll_back_or_record(error_callbacks);
    ctx.log().error("Undo of migration of " + run.title + " failed! " +
                    (rolled_back ? "Changes successfully rolled back."
                                 : "Please restore backups and roll back "
                                   "database and code!"));
  };
  try {
    callbacks.fire("beforeEachUndo", tx);
    in_script = true;
    run_script(ctx, *run.step->undo_script, tx, {}, nullptr, &callbacks,
               kUndoStatementEvents);
    in_script = false;
    callbacks.fire("afterEachUndo", tx);
    if (run.prepared.analysis.changes_session_state)
      ctx.restore_session_state();
  } catch (const CallbackFailed&) {
    failed_around_statements(true);
    throw;
  } catch (const Interrupted&) {
    failed_around_statements(false);
    throw;
  } catch (const StatementFailed& e) {
    fail(ctx, run, e, roll_back_or_record(true), so_far);
  } catch (...) {
    if (tx) conn.rollback();
    throw;
  }
  const int ms = elapsed_ms(start);
  try {
    record_success(ctx, undo_row(ctx, run, ms, true), tx);
  } catch (const StatementFailed& commit) {
    callbacks.fire_quietly("afterEachUndoError");
    fail(ctx, run, commit, true, so_far);
  }
  return ms;
}

/// Parses every U script of the plan before anything runs.
std::vector<UndoRun> prepare_runs(CommandContext& ctx,
                                  const std::vector<UndoStep>& steps,
                                  int first_rank,
                                  const std::string& quoted_schema) {
  std::vector<UndoRun> runs;
  int rank = first_rank;
  for (const UndoStep& step : steps) {
    UndoRun run;
    run.step = &step;
    run.prepared = prepare_migration(ctx, *step.undo_script, false);
    run.installed_rank = rank++;
    run.title = undo_title(quoted_schema, *step.undone);
    runs.push_back(std::move(run));
  }
  return runs;
}

void log_summary(CommandContext& ctx, const UndoResult& result,
                 const std::string& quoted_schema) {
  const std::size_t n = result.undone_migrations.size();
  if (n == 0) {
    ctx.log().info("Schema " + quoted_schema + " has no migration to undo.");
    return;
  }
  std::int64_t total = 0;
  for (const UndoEntry& e : result.undone_migrations) total += e.execution_time;
  ctx.log().info("Successfully undid " + std::to_string(n) +
                 (n == 1 ? " migration" : " migrations") + " to schema " +
                 quoted_schema + ", now at version " +
                 (result.target_schema_version
                      ? "v" + *result.target_schema_version
                      : std::string("<< Empty Schema >>")) +
                 " (execution time " + report::format_duration(total) + ")");
}

}  // namespace

UndoResult run_undo(CommandContext& ctx) {
  fs::ScanResult scan = ctx.scan();
  const std::string quoted_schema = ctx.quote(ctx.default_schema());
  UndoResult result;
  result.schema_name = ctx.configured_schemas_text();
  result.database = ctx.database_name();
  CallbackRunner callbacks(ctx, scan.callbacks);
  auto lock = lock_history(ctx);
  callbacks.fire("afterConnect");

  std::vector<AppliedMigration> applied;
  if (ctx.history().exists()) applied = ctx.history().read_all();
  const MergeResult merged =
      merge(scan.migrations, applied, ctx.merge_options());
  if (auto failed =
          failed_migration_error(merged, quoted_schema, ctx.ignore_patterns()))
    throw Error(ErrorKind::kMigration, "FAILED_MIGRATION", *failed);
  const std::vector<UndoStep> steps =
      plan_undo(merged, Target::parse(ctx.settings().target));
  const std::vector<UndoRun> runs =
      prepare_runs(ctx, steps, next_installed_rank(applied), quoted_schema);
  for (const UndoRun& run : runs)
    if (run.prepared.analysis.changes_session_state) ctx.keep_session_state();

  if (merged.current) result.initial_schema_version = merged.current->text();
  ctx.log().info("Current version of schema " + quoted_schema + ": " +
                 current_version_text(merged));
  try {
    callbacks.fire("beforeUndo");
    for (const UndoRun& run : runs) {
      const int ms = undo_one(ctx, callbacks, run, result);
      const ResolvedMigration& file = *run.step->undo_script;
      result.undone_migrations.push_back({run.step->undone->version_text(),
                                          file.description, file.physical_path,
                                          ms});
    }
    callbacks.fire("afterUndo");
  } catch (...) {
    callbacks.fire_quietly("afterUndoError");
    throw;
  }
  if (std::optional<Version> now =
          ctx.merge_with_history(scan.migrations).current)
    result.target_schema_version = now->text();
  log_summary(ctx, result, quoted_schema);
  return result;
}

}  // namespace runway::commands
