#include "runway/core/migration_state.hpp"

#include <cstddef>
#include <iterator>

namespace runway {

namespace {

// Each state's display name (Flyway's MigrationState.getDisplayName) and
// enum constant, in declaration order.
struct StateNames {
  MigrationState state;
  std::string_view display;
  std::string_view constant;
};

constexpr StateNames kNames[] = {
    {MigrationState::kPending, "Pending", "PENDING"},
    {MigrationState::kAboveTarget, "Above Target", "ABOVE_TARGET"},
    {MigrationState::kBelowBaseline, "Below Baseline", "BELOW_BASELINE"},
    {MigrationState::kBaselineIgnored, "Ignored (Baseline)",
     "BASELINE_IGNORED"},
    {MigrationState::kBaseline, "Baseline", "BASELINE"},
    {MigrationState::kIgnored, "Ignored", "IGNORED"},
    {MigrationState::kMissingSuccess, "Missing", "MISSING_SUCCESS"},
    {MigrationState::kMissingFailed, "Failed (Missing)", "MISSING_FAILED"},
    {MigrationState::kSuccess, "Success", "SUCCESS"},
    {MigrationState::kUndone, "Undone", "UNDONE"},
    {MigrationState::kAvailable, "Available", "AVAILABLE"},
    {MigrationState::kFailed, "Failed", "FAILED"},
    {MigrationState::kOutOfOrder, "Out of Order", "OUT_OF_ORDER"},
    {MigrationState::kFutureSuccess, "Future", "FUTURE_SUCCESS"},
    {MigrationState::kFutureFailed, "Failed (Future)", "FUTURE_FAILED"},
    {MigrationState::kOutdated, "Outdated", "OUTDATED"},
    {MigrationState::kSuperseded, "Superseded", "SUPERSEDED"},
    {MigrationState::kDeleted, "Deleted", "DELETED"},
};

static_assert(
    [] {
      if (std::size(kNames) != kAllMigrationStates.size()) return false;
      for (std::size_t i = 0; i < std::size(kNames); ++i)
        if (static_cast<std::size_t>(kNames[i].state) != i) return false;
      return true;
    }(),
    "kNames lists every state in declaration order");

const StateNames& names_of(MigrationState state) {
  // Declaration order: the enum value is the index.
  return kNames[static_cast<std::size_t>(state)];
}

}  // namespace

std::string_view state_display_name(MigrationState state) {
  return names_of(state).display;
}

std::string_view state_enum_name(MigrationState state) {
  return names_of(state).constant;
}

bool state_is_resolved(MigrationState state) {
  switch (state) {
    case MigrationState::kMissingSuccess:
    case MigrationState::kMissingFailed:
    case MigrationState::kFutureSuccess:
    case MigrationState::kFutureFailed:
    case MigrationState::kDeleted:
      return false;
    default:
      return true;
  }
}

bool state_is_applied(MigrationState state) {
  switch (state) {
    case MigrationState::kPending:
    case MigrationState::kAboveTarget:
    case MigrationState::kBelowBaseline:
    case MigrationState::kBaselineIgnored:
    case MigrationState::kIgnored:
    case MigrationState::kAvailable:
      return false;
    default:
      return true;
  }
}

bool state_is_failed(MigrationState state) {
  return state == MigrationState::kFailed ||
         state == MigrationState::kMissingFailed ||
         state == MigrationState::kFutureFailed;
}

}  // namespace runway
