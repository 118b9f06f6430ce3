// The undo side of merge: which U files are Available, the Undoable column
// (MigrationInfoDumper.getUndoableStatus) and the undo rows themselves.
#include <algorithm>

#include "merge_rules.hpp"
#include "runway/core/migration_type.hpp"

namespace runway::merge_rules {
namespace {

// A successful, still effective, regular migration row with `version`.
bool is_live_version(const MigrationInfo& info, const Version& version) {
  return info.applied && info.applied->version == version &&
         info.applied->success && !info.undone && !info.deleted &&
         !is_synthetic_type(info.applied->type) &&
         !is_baseline_type(info.applied->type);
}

const ResolvedMigration* undo_file_for(
    const std::vector<ResolvedMigration>& undo_files,
    const std::optional<Version>& version) {
  auto file = std::find_if(
      undo_files.begin(), undo_files.end(),
      [&](const ResolvedMigration& u) { return u.version == version; });
  return file == undo_files.end() ? nullptr : &*file;
}

}  // namespace

void add_available_undo(const std::vector<ResolvedMigration>& undo_files,
                        std::vector<MigrationInfo>& infos) {
  auto listed = static_cast<std::ptrdiff_t>(infos.size());
  for (const ResolvedMigration& file : undo_files) {
    auto live = [&](const MigrationInfo& info) {
      return is_live_version(info, *file.version);
    };
    if (std::any_of(infos.begin(), infos.begin() + listed, live)) {
      MigrationInfo info;
      info.resolved = file;
      infos.push_back(std::move(info));
    }
  }
}

void assign_undo_columns(std::vector<MigrationInfo>& infos,
                         const std::vector<ResolvedMigration>& undo_files) {
  for (MigrationInfo& info : infos) {
    if (!info.is_versioned() || is_undo_type(info.type()) ||
        info.state == MigrationState::kUndone) {
      continue;
    }
    const ResolvedMigration* file = undo_file_for(undo_files, info.version());
    bool has_undo = file && !info.is_failed();
    if (has_undo) info.undo_filepath = file->physical_path;
    if (info.type() != "DELETE" && info.state != MigrationState::kDeleted) {
      info.undoable = has_undo ? "Yes" : "No";
    }
  }
}

std::vector<MigrationInfo> undo_row_infos(
    const std::vector<AppliedMigration>& rows,
    const std::vector<ResolvedMigration>& undo_files) {
  std::vector<MigrationInfo> infos;
  for (const AppliedMigration& row : rows) {
    MigrationInfo info;
    if (const ResolvedMigration* file =
            undo_file_for(undo_files, row.version)) {
      info.resolved = *file;
    }
    info.applied = row;
    info.state =
        row.success ? MigrationState::kSuccess : MigrationState::kFailed;
    infos.push_back(std::move(info));
  }
  return infos;
}

}  // namespace runway::merge_rules
