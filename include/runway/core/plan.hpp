// What migrate, undo and repair will do, decided from a MergeResult before
// anything runs. Pure: commands execute the steps.
//
// Undo (Flyway Teams; behaviour from its documentation, code not public):
// * Without a version target (latest/current/next) undo reverts the most
//   recently applied versioned migration: the highest installed rank among
//   successful, non-undone, non-deleted versioned rows. If that row is a
//   baseline (BASELINE marker or B file) or there is none, nothing is done.
// * With a version target, rows are reverted in reverse applied order while
//   their version is above the target, so the schema ends at the target
//   version. (Flyway's docs say it stops at a version *below* the target,
//   which would also revert the target itself; we keep the target applied,
//   matching how `target` reads for migrate.) Reaching a baseline row above
//   the target is an error: a baseline cannot be undone.
// * Every step needs a U file with the reverted version; a missing one is an
//   error raised before anything runs (Flyway would silently stop).
// * Failed rows are not undo steps: commands should refuse to run (see
//   failed_migration_error) before planning.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runway/core/ignore_patterns.hpp"
#include "runway/core/merge.hpp"

namespace runway {

// ---- migrate ------------------------------------------------------------

/// One migration migrate will apply.
struct MigrateStep {
  const MigrationInfo* info;  ///< points into the MergeResult's infos
  /// Lower than the schema version when migrate started: logged with
  /// " [out of order]".
  bool out_of_order = false;
};

/// The Pending migrations, in the order migrate applies them: versioned by
/// version (out-of-order ones, when allowed, come first since they are
/// lower), then repeatables by description. Above Target, Ignored etc. are
/// not included; with target=next only the first. On an empty schema a
/// B file is Pending and every lower migration is not, so it runs first.
std::vector<MigrateStep> plan_migrate(const MergeResult& merged);

/// Migrate's refusal to run over failed history rows (checked before every
/// migration). `quoted_schema` as Flyway prints it, e.g. "\"public\"".
/// Returns `Schema <s> contains a failed migration to version <v> !` or
/// `Schema <s> contains a failed repeatable migration ("<desc>") !` for the
/// first failed row, or nothing. A single Failed (Future) row with future
/// ignored is only a warning (see migrate_notices).
std::optional<std::string> failed_migration_error(
    const MergeResult& merged, std::string_view quoted_schema,
    const IgnorePatterns& configured);

struct MigrateNotice {
  enum class Level { kWarning, kError };
  Level level = Level::kWarning;
  std::string text;
};

/// Log lines migrate prints before applying (nothing is thrown):
/// * Future rows: WARN `Schema <s> has a version (<cur>) that is newer than
///   the latest available migration (<v>) !`, or ERROR `Schema <s> has
///   version <cur>, but no migration could be resolved in the configured
///   locations !` when no file was found at all;
/// * a single Failed (Future) row with future ignored: WARN `Schema <s>
///   contains a failed future migration to version <v> !`.
std::vector<MigrateNotice> migrate_notices(const MergeResult& merged,
                                           std::string_view quoted_schema,
                                           const IgnorePatterns& configured);

// ---- undo ---------------------------------------------------------------

struct UndoStep {
  const MigrationInfo* undone;           ///< the applied row to revert
  const ResolvedMigration* undo_script;  ///< its U file (in merged)
};

/// The undo steps in execution order (see the header comment). Throws
/// runway::Error (ErrorKind::kMigration) with
/// `Unable to undo migration to version <v>: no undo migration found
/// (U<v>__*.sql)` for a step without a U file, `Unable to undo migration to
/// version <v>: it is a baseline and cannot be undone` for a baseline above
/// the target, and the merge's missing-target error for a version target
/// no migration has (unless it ended in `?`).
std::vector<UndoStep> plan_undo(const MergeResult& merged,
                                const Target& target);

// ---- repair -------------------------------------------------------------

/// A history row to update so it matches its file again.
struct RepairRealignment {
  AppliedMigration row;  ///< as stored (installed_rank identifies it)
  std::string description;
  std::string type;
  std::int32_t checksum = 0;
  std::string filepath;  ///< the file, for JSON output
};

struct RepairPlan {
  /// Step 1: every success=false row, by installed rank.
  std::vector<AppliedMigration> failed_rows;
  /// Step 3: Missing / Future rows (not matched by the configured patterns)
  /// to mark deleted with a new DELETE row copying version, description,
  /// script, checksum and success.
  std::vector<AppliedMigration> rows_to_delete;
  /// Step 4: rows whose checksum, description or type no longer match.
  std::vector<RepairRealignment> rows_to_realign;
  bool empty() const {
    return failed_rows.empty() && rows_to_delete.empty() &&
           rows_to_realign.empty();
  }
};

/// Repair's plan (Flyway's DbRepair). Steps 3 and 4 are decided on the
/// history as it will be after step 1, merged with target=latest and
/// outOfOrder=true, hence the raw inputs.
///
/// Deliberate difference: a description is compared and written
/// abbreviated to 200 characters, so a long description is not rewritten
/// on every repair (Flyway compares the full text with the stored,
/// abbreviated one, and then writes the full text).
RepairPlan plan_repair(const std::vector<ResolvedMigration>& resolved,
                       const std::vector<AppliedMigration>& applied,
                       const IgnorePatterns& configured);

}  // namespace runway
