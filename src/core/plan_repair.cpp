// Repair's plan (Flyway's DbRepair): remove failed rows; on what remains,
// merged with target=latest and outOfOrder=true, mark Missing/Future rows
// deleted unless a configured pattern covers them, and realign rows whose
// file changed. Repeatables are realigned only when the stored checksum is
// the file's raw-text checksum but not its placeholder-replaced one (rows
// written before Flyway 6.3); otherwise a changed repeatable stays Outdated
// and is simply re-applied.
#include <algorithm>

#include "merge_rules.hpp"
#include "runway/core/file_name.hpp"
#include "runway/core/migration_type.hpp"
#include "runway/core/plan.hpp"

namespace runway {
namespace {

bool is_missing_or_future(MigrationState state) {
  return state == MigrationState::kMissingSuccess ||
         state == MigrationState::kMissingFailed ||
         state == MigrationState::kFutureSuccess ||
         state == MigrationState::kFutureFailed;
}

bool needs_realignment(const MigrationInfo& info) {
  const ResolvedMigration& file = *info.resolved;
  const AppliedMigration& row = *info.applied;
  if (file.version) {
    return !merge_rules::checksum_matches(file, row.checksum) ||
           !merge_rules::description_matches(file.description,
                                             row.description) ||
           file.type() != row.type;
  }
  return row.checksum == file.equivalent_checksum &&
         row.checksum != file.checksum;
}

}  // namespace

RepairPlan plan_repair(const std::vector<ResolvedMigration>& resolved,
                       const std::vector<AppliedMigration>& applied,
                       const IgnorePatterns& configured) {
  RepairPlan plan;
  std::vector<AppliedMigration> kept;
  for (const AppliedMigration& row : applied) {
    (row.success ? kept : plan.failed_rows).push_back(row);
  }
  std::stable_sort(plan.failed_rows.begin(), plan.failed_rows.end(),
                   [](const AppliedMigration& a, const AppliedMigration& b) {
                     return a.installed_rank < b.installed_rank;
                   });

  MergeResult merged = merge(resolved, kept, {Target::latest(), true});
  for (const MigrationInfo& info : merged.infos) {
    if (!info.applied || is_synthetic_type(info.applied->type) ||
        is_undo_type(info.applied->type)) {
      continue;
    }
    if (is_missing_or_future(info.state) &&
        !configured.matches(info.is_versioned(), info.state)) {
      plan.rows_to_delete.push_back(*info.applied);
    }
    if (info.resolved && info.state != MigrationState::kUndone &&
        info.state != MigrationState::kIgnored && needs_realignment(info)) {
      plan.rows_to_realign.push_back(
          {*info.applied, abbreviate_description(info.resolved->description),
           info.resolved->type(), info.resolved->checksum,
           info.resolved->physical_path});
    }
  }
  return plan;
}

}  // namespace runway
