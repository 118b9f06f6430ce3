// migrate: validate, make sure the schemas and the history table exist,
// then apply every pending migration in order, each with its history row
// in its own transaction (reference flyway-core.md §7).
#include <chrono>

#include "apply_migration.hpp"
#include "history_steps.hpp"
#include "runway/commands/callbacks.hpp"
#include "runway/commands/commands.hpp"
#include "runway/core/ignore_patterns.hpp"
#include "runway/core/plan.hpp"
#include "runway/core/validate.hpp"
#include "runway/db/schema_ops.hpp"
#include "runway/history/migration_lock.hpp"
#include "runway/report/time_format.hpp"

namespace runway::commands {
namespace {

using Clock = std::chrono::steady_clock;

std::int64_t ms_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() -
                                                               start)
      .count();
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// `passed_in_ms`: a check under the lock already validated `merged`, in
// that time; only the log lines remain.
void validate_before_migrate(CommandContext& ctx, const MergeResult& merged,
                             std::optional<std::int64_t> passed_in_ms) {
  const auto start = Clock::now();
  std::vector<ValidationIssue> issues;
  if (!passed_in_ms) {
    ValidateOptions options;
    options.ignore_patterns = ctx.ignore_patterns();
    options.on_migrate = true;
    issues = validate(merged, options);
  }
  if (!issues.empty()) {
    ErrorDetails details;
    details.error_code = "VALIDATE_ERROR";
    details.message = validation_failed_message(issues);
    throw CommandFailed(ErrorKind::kValidation, details, MigrateResult{});
  }
  if (merged.infos.empty())
    ctx.log().warn("No migrations found. Are your locations set up correctly?");
  ctx.log().info(
      "Successfully validated " + plural(merged.infos.size(), "migration") +
      " (execution time " +
      report::format_duration(passed_in_ms.value_or(ms_since(start))) + ")");
}

std::vector<std::string> non_empty_schemas(
    CommandContext& ctx, const std::vector<std::string>& skip) {
  std::vector<std::string> out;
  for (const std::string& schema : ctx.schemas()) {
    if (std::find(skip.begin(), skip.end(), schema) != skip.end()) continue;
    if (db::schema_exists(ctx.connection(), schema) &&
        !db::schema_is_empty(ctx.connection(), schema))
      out.push_back(schema);
  }
  return out;
}

/// Creates the history table when missing (with a baseline marker when
/// baselineOnMigrate meets a non-empty schema, or a SCHEMA marker for
/// schemas just created), in one transaction.
/// Returns whether it created the table (false when it was there).
bool ensure_history_table(CommandContext& ctx, CallbackRunner& callbacks,
                          const std::vector<std::string>& created,
                          bool history_exists) {
  history::SchemaHistory& history = ctx.history();
  if (history_exists) return false;
  const Settings& s = ctx.settings();
  std::optional<AppliedMigration> baseline;
  if (!s.skip_executing_migrations) {
    std::vector<std::string> busy = non_empty_schemas(ctx, created);
    if (!busy.empty()) {
      if (!s.baseline_on_migrate) {
        std::string list;
        for (const std::string& b : busy)
          list += (list.empty() ? "" : ", ") + ctx.quote(b);
        throw Error(ErrorKind::kMigration,
                    "NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE",
                    "Found non-empty schema(s) " + list +
                        " but no schema history table. Use baseline() or set "
                        "baselineOnMigrate to true to initialize the schema "
                        "history table.");
      }
      baseline = baseline_marker_row(
          ctx, *Version::parse(ctx.settings().baseline_version));
    }
  }
  db::Connection& conn = ctx.connection();
  // baselineOnMigrate runs Flyway's baseline, with its callbacks.
  if (baseline) callbacks.fire("beforeBaseline");
  ctx.log().info("Creating Schema History table " + history.quoted_table() +
                 (baseline ? " with baseline" : "") + " ...");
  try {
    conn.begin();
    try {
      history.create(baseline, s.tablespace);
      if (!created.empty() && !baseline)
        history.insert(schema_marker_row(ctx, created, 0));
      conn.commit();
    } catch (...) {
      conn.rollback();
      throw;
    }
  } catch (...) {
    if (baseline) callbacks.fire_quietly("afterBaselineError");
    throw;
  }
  if (baseline) {
    ctx.log().info("Successfully baselined schema with version: " +
                   baseline->version->text());
    callbacks.fire("afterBaseline");
  }
  return true;
}

// createSchemas=false and the history table's schema missing: Flyway's
// warning (the run then fails creating the table, naming the schema).
void warn_if_default_schema_missing(CommandContext& ctx) {
  if (ctx.database_type() == db::DatabaseType::kSQLite ||
      db::schema_exists(ctx.connection(), ctx.default_schema()))
    return;
  ctx.log().warn(
      "The configuration option 'createSchemas' is false.\n"
      "However, the schema history table still needs a schema to reside "
      "in.\nYou must manually create a schema for the schema history table to "
      "reside in.\nSee https://documentation.red-gate.com/flyway/"
      "flyway-concepts/migrations");
}

void log_notices(CommandContext& ctx, const MergeResult& merged,
                 const std::string& quoted_schema) {
  for (const MigrateNotice& n :
       migrate_notices(merged, quoted_schema, ctx.ignore_patterns())) {
    if (n.level == MigrateNotice::Level::kError)
      ctx.log().error(n.text);
    else
      ctx.log().warn(n.text);
  }
  if (auto failed =
          failed_migration_error(merged, quoted_schema, ctx.ignore_patterns()))
    throw Error(ErrorKind::kMigration, "FAILED_MIGRATION", *failed);
}

MigrateEntry entry_for(const ResolvedMigration& file, int ms) {
  MigrateEntry e;
  e.category = file.kind == MigrationKind::kRepeatable ? "Repeatable"
               : file.kind == MigrationKind::kBaseline ? "Baseline"
                                                       : "Versioned";
  e.version = file.version ? file.version->text() : "";
  e.description = file.description;
  e.type = file.type();
  e.filepath = file.physical_path;
  e.execution_time = ms;
  return e;
}

std::vector<PreparedMigration> prepare_all(
    CommandContext& ctx, const std::vector<MigrateStep>& steps) {
  std::vector<PreparedMigration> prepared;
  // Statements kept from the check for the run, at most this much in all:
  // memory stays bounded however many scripts there are.
  std::size_t keep_budget = 4 * 1024 * 1024;
  for (const MigrateStep& step : steps)
    prepared.push_back(prepare_migration(ctx, *step.info->resolved,
                                         step.out_of_order, &keep_budget));
  if (ctx.settings().group && !ctx.settings().mixed) {
    bool tx = false, non_tx = false;
    for (const PreparedMigration& p : prepared) {
      (p.transactional ? tx : non_tx) = true;
      if (tx && non_tx) {
        std::string v = p.file->version ? p.file->version->text() + " " : "";
        throw Error(ErrorKind::kMigration, "ERROR",
                    "Detected both transactional and non-transactional "
                    "migrations within the same migration group (even though "
                    "mixed is false). First offending migration: \"" +
                        v + p.file->description + "\"" +
                        (p.transactional ? "" : " [non-transactional]"));
      }
    }
  }
  return prepared;
}

void record_skipped(CommandContext& ctx, const PreparedMigration& p, int rank,
                    const std::string& quoted_schema) {
  ctx.log().info("Skipping execution of " +
                 migration_title(quoted_schema, *p.file) +
                 " (skipExecutingMigrations)");
  ctx.history().insert(
      history_row_for(*p.file, rank, ctx.installed_by(), 0, true));
}

/// Applies the plan; fills `result` as it goes (so a failure can report
/// what completed).
void apply_all(CommandContext& ctx, CallbackRunner& callbacks,
               const std::vector<PreparedMigration>& prepared, int rank,
               const std::string& quoted_schema, MigrateResult& result) {
  db::Connection& conn = ctx.connection();
  bool group_tx = ctx.settings().group;
  for (const PreparedMigration& p : prepared) {
    group_tx &= p.transactional;
    if (p.analysis.changes_session_state) ctx.keep_session_state();
  }
  if (group_tx && !prepared.empty()) conn.begin();
  bool versioned_done = false;
  try {
    for (const PreparedMigration& p : prepared) {
      if (!p.file->version && !versioned_done) {
        versioned_done = true;
        callbacks.fire("afterVersioned");
        callbacks.fire("beforeRepeatables");
      }
      int ms = 0;
      if (ctx.settings().skip_executing_migrations) {
        record_skipped(ctx, p, rank, quoted_schema);
      } else {
        ApplyOptions options{rank, quoted_schema, group_tx};
        ms = apply_migration(ctx, callbacks, p, options);
      }
      ++rank;
      result.migrations.push_back(entry_for(*p.file, ms));
      if (p.file->version)
        result.target_schema_version = p.file->version->text();
    }
    if (group_tx && !prepared.empty()) conn.commit();
  } catch (CommandFailed& failed) {
    if (group_tx) result.migrations.clear();  // the whole group rolled back
    result.success = false;
    result.error = failed.details();
    throw CommandFailed(failed.kind(), failed.details(), result);
  } catch (...) {
    if (conn.in_transaction()) conn.rollback();
    throw;
  }
  if (!versioned_done) callbacks.fire("afterVersioned");
}

void log_summary(CommandContext& ctx, const MigrateResult& result,
                 const std::string& quoted_schema) {
  if (result.migrations.empty()) {
    ctx.log().info("Schema " + quoted_schema +
                   " is up to date. No migration necessary.");
    return;
  }
  std::string line = "Successfully applied " +
                     plural(result.migrations.size(), "migration") +
                     " to schema " + quoted_schema;
  if (result.target_schema_version)
    line += ", now at version v" + *result.target_schema_version;
  ctx.log().info(line + " (execution time " +
                 report::format_duration(result.total_migration_time()) + ")");
}

// The lock taken on the main connection while the scripts were read, and
// the history rows read under it.
struct LockOnMain {
  std::unique_ptr<history::MigrationLock> lock;
  std::vector<AppliedMigration> applied;
};

// The history as read under the lock, merged with the scripts.
struct HistorySnapshot {
  MergeResult merged;
  int next_rank = 1;  ///< installed_rank of the next history row
  /// validateOnMigrate ran on `merged` and passed, in this many ms.
  std::optional<std::int64_t> validated_in_ms;
};

// Whether `schema` exists, without a query for the connection's current
// schema when the server named it as existing (asked when the session
// began; only a check before anything is changed relies on that).
bool schema_exists_before_changes(CommandContext& ctx,
                                  const std::string& schema) {
  const db::Connection::SessionFacts& facts = ctx.session_facts();
  if (facts.schema_exists && schema == facts.schema) return true;
  return db::schema_exists(ctx.connection(), schema);
}

// The snapshot when a run would change nothing: the history table and every
// managed schema exist, validation passes (if on), no migration failed and
// none is pending. Reads only.
// `read`, when given, holds the history rows as read under the lock held
// now (the table exists); they are moved out.
std::optional<HistorySnapshot> unchanged_history(
    CommandContext& ctx, const fs::ScanResult& scan,
    std::vector<AppliedMigration>* read = nullptr) {
  if (!read && !ctx.history().exists()) return std::nullopt;
  for (const std::string& schema : ctx.schemas())
    if (!schema_exists_before_changes(ctx, schema)) return std::nullopt;
  HistorySnapshot snapshot;
  std::vector<AppliedMigration> applied =
      read ? std::move(*read) : ctx.history().read_all();
  snapshot.next_rank = next_installed_rank(applied);
  snapshot.merged =
      merge(scan.migrations, std::move(applied), ctx.merge_options());
  const IgnorePatterns patterns = ctx.ignore_patterns();
  if (ctx.settings().validate_on_migrate) {
    const auto start = Clock::now();
    ValidateOptions options;
    options.ignore_patterns = patterns;
    options.on_migrate = true;
    if (!validate(snapshot.merged, options).empty()) return std::nullopt;
    snapshot.validated_in_ms = ms_since(start);
  }
  if (failed_migration_error(snapshot.merged, ctx.quote(ctx.default_schema()),
                             patterns))
    return std::nullopt;
  if (!plan_migrate(snapshot.merged).empty()) return std::nullopt;
  return snapshot;
}

// Lets go of the lock held on the main connection, to be tried at once on
// a connection of its own (try_lock_history): that connection is opened
// first, so that the lock is free for one statement's time, not for a
// connect's. Racing runners took it in that moment, and then every runner
// had to wait for the others to finish reading their scripts.
void move_lock_off_main(CommandContext& ctx,
                        std::unique_ptr<history::MigrationLock> lock) {
  ctx.keep_lock_connection(ctx.lock_connection());
  unlock_history(ctx, std::move(lock));
}

// The lock for this run: `early` if the exclusive lock was taken on a
// connection of its own while the scripts were read. `on_main` is that lock
// taken on the main connection instead, with the history read under it: if
// the run has nothing to do, it stays (no second connection); otherwise it
// is released and taken at once on a connection of its own, where the
// migrations' statements cannot release it. If that fails, or the lock was
// held by someone else from the start, then on PostgreSQL without SQL
// callbacks (which may write) the history is first checked under the SHARED
// lock: runners that find nothing to do, as all but one of many racing
// runners do, check side by side instead of queueing for the exclusive
// lock. A runner that finds work takes the exclusive lock if it is free; if
// not, it checks once more under the shared lock (the holder may be doing
// that work), and then waits for the exclusive lock. `unchanged` receives
// what a check read.
std::unique_ptr<history::MigrationLock> lock_for_migrate(
    CommandContext& ctx, const fs::ScanResult& scan,
    std::unique_ptr<history::MigrationLock> early,
    std::optional<LockOnMain> on_main,
    std::optional<HistorySnapshot>& unchanged) {
  if (early) return early;
  if (on_main) {
    // SQL callbacks may write (beforeValidate runs before the history is
    // read): they always run under a lock on a connection of its own.
    if (scan.callbacks.empty()) {
      unchanged = unchanged_history(ctx, scan, &on_main->applied);
      if (unchanged) return std::move(on_main->lock);
    }
    move_lock_off_main(ctx, std::move(on_main->lock));
    if (auto lock = try_lock_history(ctx)) return lock;
  }
  if (ctx.database_type() != db::DatabaseType::kPostgreSQL ||
      !scan.callbacks.empty())
    return lock_history(ctx);
  for (int round = 0; round < 2; ++round) {
    auto shared = lock_history(ctx, history::LockMode::kShared);
    unchanged = unchanged_history(ctx, scan);
    if (unchanged) return shared;
    unlock_history(ctx, std::move(shared));
    if (round == 0) {
      if (auto lock = try_lock_history(ctx)) return lock;
    }
  }
  return lock_history(ctx);
}

}  // namespace

MigrateResult run_migrate(CommandContext& ctx) {
  MigrateResult result;
  // While the scripts are read, the exclusive lock is taken if it is free
  // (the first of many racing runners starts its work without waiting for
  // the others to finish reading): on the main connection, with the history
  // read under it, unless the history table is missing and there is work
  // for sure; then at once on a connection of its own.
  std::unique_ptr<history::MigrationLock> early;
  std::optional<LockOnMain> on_main;
  fs::ScanResult scan = ctx.scan([&ctx, &early, &on_main] {
    if (auto lock = try_lock_history_on_main(ctx)) {
      if (ctx.history().exists()) {
        on_main.emplace();
        on_main->applied = ctx.history().read_all();
        on_main->lock = std::move(lock);
      } else {
        move_lock_off_main(ctx, std::move(lock));
        early = try_lock_history(ctx);
      }
    }
    // Someone else is migrating: read the scripts in their idle time.
    if (!early && !on_main &&
        ctx.database_type() == db::DatabaseType::kPostgreSQL)
      ctx.let_scan_give_way();
  });
  const std::string quoted_schema = ctx.quote(ctx.default_schema());
  result.schema_name = ctx.configured_schemas_text();
  result.database = ctx.database_name();
  result.database_type =
      std::string(db::database_type_name(ctx.database_type()));
  CallbackRunner callbacks(ctx, scan.callbacks);
  std::optional<HistorySnapshot> unchanged;
  auto lock = lock_for_migrate(ctx, scan, std::move(early), std::move(on_main),
                               unchanged);
  // Held only to check (shared, or on the main connection): nothing may be
  // written under it.
  const bool check_only = unchanged.has_value();

  // The history is read once under the lock, and again only when something
  // may have written to it since: an afterValidate callback, or creating it.
  callbacks.fire("afterConnect");
  // As Flyway's DbValidate, only a default schema that exists is validated:
  // before it is created there is nothing to check (pending migrations pass
  // on migrate), so no validation callbacks and no "Successfully validated".
  const bool validating =
      ctx.settings().validate_on_migrate &&
      (unchanged || schema_exists_before_changes(ctx, ctx.default_schema()));
  if (validating) callbacks.fire("beforeValidate");
  bool history_exists = unchanged || ctx.history().exists();
  int next_rank = 1;
  MergeResult merged;
  // Reads the history again and merges it with the scripts.
  auto merge_history = [&ctx, &scan, &next_rank, &merged] {
    std::vector<AppliedMigration> applied = ctx.history().read_all();
    next_rank = next_installed_rank(applied);
    merged = merge(scan.migrations, std::move(applied), ctx.merge_options());
  };
  if (unchanged) {
    next_rank = unchanged->next_rank;
    merged = std::move(unchanged->merged);
  } else if (history_exists) {
    merge_history();
  } else {
    merged = merge(scan.migrations, {}, ctx.merge_options());
  }
  if (validating) {
    try {
      validate_before_migrate(
          ctx, merged, unchanged ? unchanged->validated_in_ms : std::nullopt);
    } catch (const CommandFailed&) {
      callbacks.fire_quietly("afterValidateError");
      throw;
    }
    callbacks.fire("afterValidate");
  }
  const bool after_validate = validating && callbacks.has("afterValidate");
  if (after_validate) history_exists = ctx.history().exists();

  // A check found every schema there, under the lock still held.
  std::vector<std::string> created;
  if (!check_only && ctx.settings().create_schemas) {
    callbacks.fire("createSchema");  // Flyway's deprecated name, fired too
    callbacks.fire("beforeCreateSchema");
    created = create_missing_schemas(ctx);
  } else if (!ctx.settings().create_schemas) {
    warn_if_default_schema_missing(ctx);
  }
  if (ensure_history_table(ctx, callbacks, created, history_exists) ||
      after_validate)
    merge_history();

  std::vector<PreparedMigration> prepared =
      prepare_all(ctx, plan_migrate(merged));
  if (check_only && !prepared.empty())
    throw Error(ErrorKind::kMigration, "ERROR",
                "Internal error: work found under a migration lock taken "
                "only to check, after the check found none. No migration was "
                "applied; please report this.");
  // As Flyway's DbMigrate: a failing beforeMigrate, afterMigrateApplied or
  // afterMigrate callback is not a failed migration (no afterMigrateError).
  callbacks.fire("beforeMigrate");
  if (merged.current) result.initial_schema_version = merged.current->text();
  ctx.log().info("Current version of schema " + quoted_schema + ": " +
                 current_version_text(merged));
  if (ctx.settings().out_of_order)
    ctx.log().info("outOfOrder mode is active. Migration of schema " +
                   quoted_schema + " may not be reproducible.");
  log_notices(ctx, merged, quoted_schema);
  try {
    apply_all(ctx, callbacks, prepared, next_rank, quoted_schema, result);
  } catch (...) {
    callbacks.fire_quietly("afterMigrateError");
    throw;
  }
  log_summary(ctx, result, quoted_schema);
  if (!result.migrations.empty()) callbacks.fire("afterMigrateApplied");
  callbacks.fire("afterMigrate");
  return result;
}

}  // namespace runway::commands
