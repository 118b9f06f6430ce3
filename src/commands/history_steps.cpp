#include "history_steps.hpp"

#include <algorithm>

#include "runway/commands/interrupt.hpp"
#include "runway/db/schema_ops.hpp"

namespace runway::commands {
namespace {

// postgresql.transactional.lock=true: the lock is held in a transaction,
// for a pooler in transaction mode (README). Runway's default is false.
bool lock_in_transaction(CommandContext& ctx) {
  return ctx.settings().postgresql_transactional_lock &&
         ctx.database_type() == db::DatabaseType::kPostgreSQL;
}

}  // namespace

std::unique_ptr<history::MigrationLock> lock_history(CommandContext& ctx,
                                                     history::LockMode mode) {
  return history::acquire_migration_lock(
      ctx.connection(), [&ctx] { return ctx.lock_connection(); },
      ctx.history().quoted_table(),
      history::effective_lock_retry_count(
          ctx.database_type(), ctx.settings().lock_retry_count,
          ctx.settings().origin.count("lockRetryCount") != 0 ||
              ctx.settings().lock_retry_count != Settings{}.lock_retry_count),
      [&ctx](const std::string& line) { ctx.log().info(line); },
      [] { return interrupt_requested(); }, mode,
      // A SIGTERM cancels the blocked lock call, then the main connection's
      // statements again.
      [&ctx](db::Connection* waiting) {
        set_cancel_target(waiting ? waiting : &ctx.connection());
      },
      lock_in_transaction(ctx));
}

std::unique_ptr<history::MigrationLock> try_lock_history(CommandContext& ctx) {
  return history::try_migration_lock(
      ctx.connection(), [&ctx] { return ctx.lock_connection(); },
      [&ctx](std::unique_ptr<db::Connection> c) {
        ctx.keep_lock_connection(std::move(c));
      },
      ctx.history().quoted_table(), lock_in_transaction(ctx));
}

std::unique_ptr<history::MigrationLock> try_lock_history_on_main(
    CommandContext& ctx) {
  return history::try_migration_lock_on_main(
      ctx.connection(), ctx.history().quoted_table(), lock_in_transaction(ctx));
}

void unlock_history(CommandContext& ctx,
                    std::unique_ptr<history::MigrationLock> lock) {
  if (std::unique_ptr<db::Connection> c = lock->take_dedicated_connection())
    ctx.keep_lock_connection(std::move(c));
}

AppliedMigration baseline_marker_row(CommandContext& ctx,
                                     const Version& version) {
  AppliedMigration row;
  row.installed_rank = 1;
  row.version = version;
  row.description = ctx.settings().baseline_description;
  row.type = "BASELINE";
  row.script = ctx.settings().baseline_description;
  row.installed_by = ctx.installed_by();
  return row;
}

AppliedMigration schema_marker_row(CommandContext& ctx,
                                   const std::vector<std::string>& created,
                                   int rank) {
  AppliedMigration row;
  row.installed_rank = rank;
  row.description = "<< Flyway Schema Creation >>";
  row.type = "SCHEMA";
  for (const std::string& s : created)
    row.script += (row.script.empty() ? "" : ",") + ctx.quote(s);
  row.installed_by = ctx.installed_by();
  return row;
}

std::vector<std::string> create_missing_schemas(CommandContext& ctx) {
  std::vector<std::string> created;
  if (!ctx.settings().create_schemas ||
      ctx.database_type() == db::DatabaseType::kSQLite)
    return created;
  for (const std::string& schema : ctx.schemas()) {
    if (db::schema_exists(ctx.connection(), schema)) continue;
    ctx.log().info("Creating schema " + ctx.quote(schema) + " ...");
    db::create_schema(ctx.connection(), schema);
    created.push_back(schema);
  }
  return created;
}

int next_installed_rank(const std::vector<AppliedMigration>& rows) {
  int rank = 0;
  for (const AppliedMigration& r : rows)
    rank = std::max(rank, r.installed_rank);
  return rank + 1;
}

}  // namespace runway::commands
