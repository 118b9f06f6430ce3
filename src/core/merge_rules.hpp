// Internal to merge: the context Flyway calls MigrationInfoContext, and the
// per-migration rules (state, listing order) that read it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runway/core/migration_info.hpp"

namespace runway::merge_rules {

/// What the state rules need to know about the whole history. A missing
/// version (nullopt) is lower than every version, like Flyway's EMPTY and
/// its compareTo(null).
struct Context {
  std::optional<Version> last_applied;
  std::optional<Version> applied_baseline;
  std::optional<Version> pending_baseline;
  std::optional<Version> last_resolved;
  bool out_of_order = false;
  /// A target limit applies: unapplied versions above `limit` are Above
  /// Target. With `limit` empty (target=current on an empty schema) every
  /// version is above it.
  bool limited = false;
  std::optional<Version> limit;
  /// Highest installed rank per repeatable description.
  std::map<std::string, int> latest_repeatable_runs;
};

/// Flyway's ResolvedMigration.checksumMatches: the stored checksum equals
/// the file's checksum, or its equivalent (raw-text) checksum.
bool checksum_matches(const ResolvedMigration& resolved,
                      std::optional<std::int32_t> stored);

/// A stored description matches the file's: equal to the file's description
/// abbreviated to 200 characters, or the "<< no description >>" marker for
/// an empty one (databases that cannot store "").
bool description_matches(const std::string& resolved,
                         const std::string& stored);

/// The state of `info` (§5.3 for files alone, §5.4 for history rows).
MigrationState state_of(const MigrationInfo& info, const Context& context);

/// Listing order (§5.2 step 11); a strict weak ordering.
bool listed_before(const MigrationInfo& a, const MigrationInfo& b);

// ---- undo (merge_undo.cpp; rules in include/runway/core/merge.hpp) ----

/// Lists, as Available, the U files whose version is currently applied in
/// `infos`.
void add_available_undo(const std::vector<ResolvedMigration>& undo_files,
                        std::vector<MigrationInfo>& infos);

/// Fills the Undoable column and undo_filepath of every listed migration.
void assign_undo_columns(std::vector<MigrationInfo>& infos,
                         const std::vector<ResolvedMigration>& undo_files);

/// The UNDO_* rows as infos (Success or Failed), each with its U file.
std::vector<MigrationInfo> undo_row_infos(
    const std::vector<AppliedMigration>& rows,
    const std::vector<ResolvedMigration>& undo_files);

}  // namespace runway::merge_rules
