// Undo's plan; the rules (Runway's reading of Flyway Teams' documentation)
// are in the header comment of include/runway/core/plan.hpp.
#include <algorithm>

#include "runway/core/error.hpp"
#include "runway/core/migration_type.hpp"
#include "runway/core/plan.hpp"

namespace runway {
namespace {

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorKind::kMigration, "ERROR", message);
}

void check_target_exists(const MergeResult& merged, const Target& target) {
  if (target.kind != Target::Kind::kVersion || !target.fail_if_missing) return;
  bool found = std::any_of(merged.infos.begin(), merged.infos.end(),
                           [&](const MigrationInfo& info) {
                             return info.version() == target.version;
                           });
  if (!found) {
    throw Error(ErrorKind::kConfig, "ERROR",
                "No migration with a target version " + target.version->text() +
                    " could be found. Ensure target is specified correctly "
                    "and the migration exists.");
  }
}

// Applied versioned rows still in effect, most recent first.
std::vector<const MigrationInfo*> live_rows(const MergeResult& merged) {
  std::vector<const MigrationInfo*> rows;
  for (const MigrationInfo& info : merged.infos) {
    if (!info.applied || !info.is_versioned() || !info.applied->success ||
        info.undone || info.deleted || info.applied->type == "DELETE" ||
        is_undo_type(info.applied->type)) {
      continue;
    }
    rows.push_back(&info);
  }
  std::sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
    return a->applied->installed_rank > b->applied->installed_rank;
  });
  return rows;
}

const ResolvedMigration* undo_file_for(const MergeResult& merged,
                                       const Version& version) {
  for (const ResolvedMigration& file : merged.undo_migrations) {
    if (file.version == version) return &file;
  }
  return nullptr;
}

}  // namespace

std::vector<UndoStep> plan_undo(const MergeResult& merged,
                                const Target& target) {
  check_target_exists(merged, target);
  bool to_version = target.kind == Target::Kind::kVersion;
  std::vector<UndoStep> steps;
  for (const MigrationInfo* row : live_rows(merged)) {
    const Version& version = *row->version();
    if (to_version && !(version > *target.version)) break;
    if (is_baseline_type(row->applied->type) ||
        is_synthetic_type(row->applied->type)) {
      if (!to_version) break;
      fail("Unable to undo migration to version " + version.text() +
           ": it is a baseline and cannot be undone");
    }
    const ResolvedMigration* file = undo_file_for(merged, version);
    if (!file) {
      fail("Unable to undo migration to version " + version.text() +
           ": no undo migration found (U" + version.text() + "__*.sql)");
    }
    steps.push_back({row, file});
    if (!to_version) break;
  }
  return steps;
}

}  // namespace runway
