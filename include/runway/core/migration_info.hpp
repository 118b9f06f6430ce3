// One line of `info`: a resolved migration file, a history row, or both,
// with the state merge() gave it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runway/core/migration.hpp"
#include "runway/core/migration_state.hpp"

namespace runway {

/// A migration as merge() sees it. At least one of `resolved` and `applied`
/// is set; accessors prefer the history row, as Flyway's MigrationInfo does.
struct MigrationInfo {
  std::optional<ResolvedMigration> resolved;  ///< the file, if found
  std::optional<AppliedMigration> applied;    ///< the history row, if any
  MigrationState state = MigrationState::kPending;
  bool out_of_order = false;  ///< applied after a higher version
  bool deleted = false;       ///< a later DELETE row marks it deleted
  bool undone = false;        ///< a later UNDO_* row reverted it
  /// The `Undoable` column: "" for repeatables, DELETE rows, Deleted and
  /// Undone states and undo migrations; otherwise "Yes" when not failed and
  /// a U file with this version was found, else "No".
  std::string undoable;
  /// Physical path of the U file for this version when the migration is
  /// versioned, not undo, not Undone and not failed; else "" (JSON
  /// `undoFilepath`).
  std::string undo_filepath;

  const std::optional<Version>& version() const;
  bool is_versioned() const { return version().has_value(); }
  /// Version display text, "" for repeatables.
  std::string version_text() const;
  /// The version as in the file name (JSON `rawVersion`); the display text
  /// when there is no file.
  std::string raw_version() const;
  const std::string& description() const;
  /// History `type` value: "SQL", "SQL_BASELINE", "BASELINE", "DELETE", ...
  std::string type() const;
  const std::string& script() const;
  std::optional<std::int32_t> checksum() const;
  std::optional<int> installed_rank() const;
  /// As the database returned it; "" when not applied.
  std::string installed_on() const;
  std::string installed_by() const;
  int execution_time() const;
  /// Absolute path of the file, "" when there is none.
  std::string physical_path() const;
  /// "Versioned", "Repeatable", "Baseline", "Undo", or "" for synthetic
  /// rows (SCHEMA, BASELINE, DELETE).
  std::string category() const;
  bool is_failed() const { return state_is_failed(state); }
};

}  // namespace runway
