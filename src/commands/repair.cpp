// repair: make the schema history agree with the files again (reference
// flyway-core.md §9.2, Flyway's DbRepair). Three steps, decided up front by
// plan_repair and carried out in one transaction: remove failed rows, mark
// rows whose file is gone as deleted (a new DELETE row; the original stays),
// and realign description, type and checksum of rows whose file changed.
// Flyway takes no lock here; Runway holds the migration lock so a repair
// never interleaves with a concurrent migrate.
#include <chrono>
#include <set>

#include "history_steps.hpp"
#include "runway/commands/callbacks.hpp"
#include "runway/commands/commands.hpp"
#include "runway/core/plan.hpp"
#include "runway/history/migration_lock.hpp"
#include "runway/report/time_format.hpp"

namespace runway::commands {
namespace {

RepairItem item_of(const AppliedMigration& row, const std::string& filepath) {
  return {row.version ? row.version->text() : "", row.description, filepath};
}

void remove_failed_rows(CommandContext& ctx, const RepairPlan& plan,
                        RepairResult& result) {
  if (plan.failed_rows.empty()) {
    ctx.log().info("Repair of failed migration in Schema History table " +
                   ctx.history().quoted_table() +
                   " not necessary. No failed migration detected.");
    return;
  }
  // delete_failed removes every failed row of a version (or description).
  std::set<std::string> done;
  for (const AppliedMigration& row : plan.failed_rows) {
    result.migrations_removed.push_back(item_of(row, ""));
    const std::string key =
        row.version ? "V" + row.version->text() : "R" + row.description;
    if (done.insert(key).second) ctx.history().delete_failed(row);
  }
  result.repair_actions.push_back("Removed failed migrations");
}

void mark_missing_deleted(CommandContext& ctx, const RepairPlan& plan,
                          RepairResult& result) {
  if (plan.rows_to_delete.empty()) return;
  int rank =
      next_installed_rank(ctx.history().read_all());  // after the removals
  for (const AppliedMigration& row : plan.rows_to_delete) {
    ctx.log().info(std::string("Repairing Schema History table for ") +
                   (row.version ? "version \"" + row.version->text()
                                : "description \"" + row.description) +
                   "\" (Marking as DELETED)  ...");
    AppliedMigration marker = row;
    marker.installed_rank = rank++;
    marker.type = "DELETE";
    marker.installed_by = ctx.installed_by();
    marker.execution_time = 0;
    ctx.history().insert(marker);
    result.migrations_deleted.push_back(item_of(row, ""));
  }
  result.repair_actions.push_back("Marked missing migrations as deleted");
}

void realign_rows(CommandContext& ctx, const RepairPlan& plan,
                  RepairResult& result) {
  if (plan.rows_to_realign.empty()) return;
  for (const RepairRealignment& r : plan.rows_to_realign) {
    ctx.log().info("Repairing Schema History table for version " +
                   (r.row.version ? r.row.version->text() : "null") +
                   " (Description: " + r.description + ", Type: " + r.type +
                   ", Checksum: " + std::to_string(r.checksum) + ")  ...");
    ctx.history().update_row(r.row.installed_rank, r.description, r.type,
                             r.checksum);
    RepairItem item = item_of(r.row, r.filepath);
    item.description = r.description;
    result.migrations_aligned.push_back(item);
  }
  result.repair_actions.push_back("Aligned applied migration checksums");
}

void repair_in_one_transaction(CommandContext& ctx, const RepairPlan& plan,
                               RepairResult& result) {
  db::Connection& conn = ctx.connection();
  conn.begin();
  try {
    remove_failed_rows(ctx, plan, result);
    mark_missing_deleted(ctx, plan, result);
    realign_rows(ctx, plan, result);
    conn.commit();
  } catch (...) {
    if (conn.in_transaction()) conn.rollback();
    throw;
  }
}

bool has_ddl_transactions(db::DatabaseType type) {
  return type == db::DatabaseType::kPostgreSQL ||
         type == db::DatabaseType::kSQLite;
}

void log_summary(CommandContext& ctx, const RepairResult& result,
                 std::int64_t ms) {
  ctx.log().info("Successfully repaired schema history table " +
                 ctx.history().quoted_table() + " (execution time " +
                 report::format_duration(ms) + ").");
  if (!result.migrations_deleted.empty())
    ctx.log().info(
        "Please ensure the previous contents of the deleted migrations are "
        "removed from the database, or moved into an existing migration.");
  if (!result.migrations_removed.empty() &&
      !has_ddl_transactions(ctx.database_type()))
    ctx.log().info(
        "Manual cleanup of the remaining effects of the failed migration may "
        "still be required.");
}

}  // namespace

RepairResult run_repair(CommandContext& ctx) {
  fs::ScanResult scan = ctx.scan();
  RepairResult result;
  result.database = ctx.database_name();
  CallbackRunner callbacks(ctx, scan.callbacks);
  auto lock = lock_history(ctx);
  callbacks.fire("afterConnect");

  callbacks.fire("beforeRepair");
  const auto start = std::chrono::steady_clock::now();
  try {
    history::SchemaHistory& history = ctx.history();
    if (history.exists()) {
      const RepairPlan plan = plan_repair(scan.migrations, history.read_all(),
                                          ctx.ignore_patterns());
      repair_in_one_transaction(ctx, plan, result);
    } else {
      ctx.log().info("Repair of failed migration in Schema History table " +
                     history.quoted_table() +
                     " not necessary as table doesn't exist.");
    }
  } catch (...) {
    callbacks.fire_quietly("afterRepairError");
    throw;
  }
  log_summary(ctx, result,
              std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count());
  callbacks.fire("afterRepair");
  return result;
}

}  // namespace runway::commands
