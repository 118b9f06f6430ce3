// The 18 states a migration can be in once resolved files and history rows
// are merged (Flyway's MigrationState), with their printed names.
#pragma once

#include <array>
#include <string_view>

namespace runway {

/// Where a migration stands. Names as Flyway prints them are given by
/// state_display_name(); the flags by state_is_resolved/applied/failed.
enum class MigrationState {
  kPending,          ///< "Pending": resolved, waiting to be applied
  kAboveTarget,      ///< "Above Target": newer than the target version
  kBelowBaseline,    ///< "Below Baseline": older than the baseline
  kBaselineIgnored,  ///< "Ignored (Baseline)": same version as the baseline
  kBaseline,         ///< "Baseline": a baseline marker or applied B file
  kIgnored,          ///< "Ignored": older than the current version
  kMissingSuccess,   ///< "Missing": applied, file no longer found
  kMissingFailed,    ///< "Failed (Missing)"
  kSuccess,          ///< "Success"
  kUndone,           ///< "Undone": applied, then reverted by a U file
  kAvailable,        ///< "Available": a U file that could be run now
  kFailed,           ///< "Failed"
  kOutOfOrder,       ///< "Out of Order": applied after a higher version
  kFutureSuccess,    ///< "Future": applied, newer than every file found
  kFutureFailed,     ///< "Failed (Future)"
  kOutdated,         ///< "Outdated": repeatable whose file has changed
  kSuperseded,       ///< "Superseded": repeatable run replaced by a later one
  kDeleted,          ///< "Deleted": marked deleted by repair
};

/// Every state, in declaration order (handy for tables and tests).
inline constexpr std::array<MigrationState, 18> kAllMigrationStates = {
    MigrationState::kPending,        MigrationState::kAboveTarget,
    MigrationState::kBelowBaseline,  MigrationState::kBaselineIgnored,
    MigrationState::kBaseline,       MigrationState::kIgnored,
    MigrationState::kMissingSuccess, MigrationState::kMissingFailed,
    MigrationState::kSuccess,        MigrationState::kUndone,
    MigrationState::kAvailable,      MigrationState::kFailed,
    MigrationState::kOutOfOrder,     MigrationState::kFutureSuccess,
    MigrationState::kFutureFailed,   MigrationState::kOutdated,
    MigrationState::kSuperseded,     MigrationState::kDeleted,
};

/// The name Flyway prints in `info` and JSON, e.g. "Failed (Missing)".
std::string_view state_display_name(MigrationState state);
/// Flyway's enum constant: "PENDING", "ABOVE_TARGET", "MISSING_SUCCESS",
/// ... (what `-infoOfState` takes).
std::string_view state_enum_name(MigrationState state);

/// True when a file on disk backs this state.
bool state_is_resolved(MigrationState state);
/// True when a history row backs this state.
bool state_is_applied(MigrationState state);
/// True for Failed, Failed (Missing) and Failed (Future).
bool state_is_failed(MigrationState state);

}  // namespace runway
