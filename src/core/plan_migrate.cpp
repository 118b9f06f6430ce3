// Migrate's plan and its pre-flight checks (Flyway's DbMigrate.migrateGroup).
// Flyway re-reads the history before every migration and takes the first
// Pending one; since applying a Pending migration never changes another's
// state, the Pending list of one merge is the same sequence.
#include <algorithm>

#include "runway/core/migration_type.hpp"
#include "runway/core/plan.hpp"

namespace runway {
namespace {

std::vector<const MigrationInfo*> failed_infos(const MergeResult& merged) {
  std::vector<const MigrationInfo*> failed;
  for (const auto* list : {&merged.infos, &merged.undo_rows}) {
    for (const MigrationInfo& info : *list) {
      if (info.is_failed()) failed.push_back(&info);
    }
  }
  return failed;
}

bool only_failed_future_ignored(const std::vector<const MigrationInfo*>& failed,
                                const IgnorePatterns& configured) {
  return failed.size() == 1 &&
         failed.front()->state == MigrationState::kFutureFailed &&
         configured.is_ignored(MigrationState::kFutureSuccess);
}

}  // namespace

std::vector<MigrateStep> plan_migrate(const MergeResult& merged) {
  std::vector<MigrateStep> steps;
  for (const MigrationInfo& info : merged.infos) {
    if (info.state != MigrationState::kPending) continue;
    bool out_of_order = info.is_versioned() && merged.current &&
                        *info.version() < *merged.current;
    steps.push_back({&info, out_of_order});
    if (merged.options.target.kind == Target::Kind::kNext) break;
  }
  return steps;
}

std::optional<std::string> failed_migration_error(
    const MergeResult& merged, std::string_view quoted_schema,
    const IgnorePatterns& configured) {
  std::vector<const MigrationInfo*> failed = failed_infos(merged);
  if (failed.empty() || only_failed_future_ignored(failed, configured)) {
    return std::nullopt;
  }
  const MigrationInfo& first = *failed.front();
  std::string schema(quoted_schema);
  if (!first.is_versioned()) {
    return "Schema " + schema + " contains a failed repeatable migration (\"" +
           first.description() + "\") !";
  }
  return "Schema " + schema + " contains a failed migration to version " +
         first.version_text() + " !";
}

std::vector<MigrateNotice> migrate_notices(const MergeResult& merged,
                                           std::string_view quoted_schema,
                                           const IgnorePatterns& configured) {
  std::vector<MigrateNotice> notices;
  std::string schema(quoted_schema);
  std::string current = current_version_text(merged);
  bool has_future = std::any_of(
      merged.infos.begin(), merged.infos.end(), [](const MigrationInfo& info) {
        return info.is_versioned() &&
               (info.state == MigrationState::kFutureSuccess ||
                info.state == MigrationState::kFutureFailed);
      });
  if (has_future) {
    // The last listed file with a version (U files excluded: they are not
    // "available migrations").
    auto latest = std::find_if(
        merged.infos.rbegin(), merged.infos.rend(), [](const auto& info) {
          return state_is_resolved(info.state) && info.is_versioned() &&
                 !is_undo_type(info.type());
        });
    bool any_file = std::any_of(merged.infos.begin(), merged.infos.end(),
                                [](const MigrationInfo& info) {
                                  return state_is_resolved(info.state);
                                });
    if (!any_file) {
      notices.push_back({MigrateNotice::Level::kError,
                         "Schema " + schema + " has version " + current +
                             ", but no migration could be resolved in the "
                             "configured locations !"});
    } else if (latest != merged.infos.rend()) {
      notices.push_back({MigrateNotice::Level::kWarning,
                         "Schema " + schema + " has a version (" + current +
                             ") that is newer than the latest available "
                             "migration (" +
                             latest->version_text() + ") !"});
    }
  }
  std::vector<const MigrationInfo*> failed = failed_infos(merged);
  if (only_failed_future_ignored(failed, configured)) {
    notices.push_back({MigrateNotice::Level::kWarning,
                       "Schema " + schema +
                           " contains a failed future migration to version " +
                           failed.front()->version_text() + " !"});
  }
  return notices;
}

}  // namespace runway
