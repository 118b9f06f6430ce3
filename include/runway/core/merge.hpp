// merge(): resolved migration files + schema history rows -> the states
// `info`, validate and the planners work from (Flyway's
// MigrationInfoServiceImpl.refresh). Pure: no I/O.
//
// Undo (Flyway Teams; its code is not public, so these are Runway's rules):
// * A successful UNDO_* row marks the latest earlier history row with the
//   same version that is a successful, non-synthetic, non-baseline
//   migration not already deleted or undone as *undone*. An undo row with
//   no such row is kept but marks nothing. A failed UNDO_* row marks
//   nothing.
// * Undone rows show `Undone`, do not count for the current version, and do
//   not stop their V file from being `Pending` again.
// * UNDO_* rows are not listed in `infos` (Flyway's info output drops undo
//   rows); they are in `undo_rows` with state Success or Failed.
// * A U file is listed in `infos`, state `Available`, when its version is
//   currently applied: a successful, non-undone, non-deleted, non-baseline
//   versioned row exists. Other U files are not listed; all U files are in
//   `undo_migrations`. U files never count for the latest resolved version.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runway/core/migration.hpp"
#include "runway/core/migration_info.hpp"
#include "runway/core/target.hpp"

namespace runway {

/// The settings that change states. (ignoreMigrationPatterns never does: it
/// only matters to validate and repair.)
struct MergeOptions {
  Target target;
  bool out_of_order = false;
};

struct MergeResult {
  /// Every migration to list, in Flyway's order: applied rows by installed
  /// rank, with Below Baseline / Ignored (Baseline) files before them and
  /// every other unapplied file after them, by version (for one version:
  /// regular < baseline < undo), then repeatables by description.
  std::vector<MigrationInfo> infos;
  /// Applied UNDO_* rows, by installed rank (not listed by `info`).
  std::vector<MigrationInfo> undo_rows;
  /// Every resolved U file, by version.
  std::vector<ResolvedMigration> undo_migrations;
  /// Highest applied version that is not deleted, undone or a DELETE row
  /// (Flyway's lastApplied); nullopt for an empty schema.
  std::optional<Version> current;
  /// Highest version among BASELINE / SQL_BASELINE rows.
  std::optional<Version> applied_baseline;
  /// Highest version among pending B files.
  std::optional<Version> pending_baseline;
  /// Highest version among V and B files.
  std::optional<Version> last_resolved;
  MergeOptions options;  ///< as given to merge()
};

/// Merges files and history rows (rows in any order; they are read by
/// installed rank). Throws runway::Error:
/// * "Corrupted schema history: multiple delete entries for version <v>"
///   (code DUPLICATE_DELETED_MIGRATION) for a second DELETE row hitting an
///   already deleted row;
/// * "No migration with a target version <t> could be found. Ensure target
///   is specified correctly and the migration exists." (ErrorKind::kConfig)
///   when a version target matches nothing and did not end in `?`.
MergeResult merge(const std::vector<ResolvedMigration>& resolved,
                  std::vector<AppliedMigration> applied,
                  const MergeOptions& options = {});

/// The schema version as migrate logs it ("Current version of schema ...:"):
/// the current version's text, "<< Empty Schema >>" when nothing is
/// applied, or "null" when only repeatables or markers without a version
/// are applied (Flyway's fallback to the latest repeatable).
std::string current_version_text(const MergeResult& merged);

}  // namespace runway
