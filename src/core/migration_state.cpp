#include "runway/core/migration_state.hpp"

namespace runway {

std::string_view state_display_name(MigrationState state) {
  switch (state) {
    case MigrationState::kPending:
      return "Pending";
    case MigrationState::kAboveTarget:
      return "Above Target";
    case MigrationState::kBelowBaseline:
      return "Below Baseline";
    case MigrationState::kBaselineIgnored:
      return "Ignored (Baseline)";
    case MigrationState::kBaseline:
      return "Baseline";
    case MigrationState::kIgnored:
      return "Ignored";
    case MigrationState::kMissingSuccess:
      return "Missing";
    case MigrationState::kMissingFailed:
      return "Failed (Missing)";
    case MigrationState::kSuccess:
      return "Success";
    case MigrationState::kUndone:
      return "Undone";
    case MigrationState::kAvailable:
      return "Available";
    case MigrationState::kFailed:
      return "Failed";
    case MigrationState::kOutOfOrder:
      return "Out of Order";
    case MigrationState::kFutureSuccess:
      return "Future";
    case MigrationState::kFutureFailed:
      return "Failed (Future)";
    case MigrationState::kOutdated:
      return "Outdated";
    case MigrationState::kSuperseded:
      return "Superseded";
    case MigrationState::kDeleted:
      return "Deleted";
  }
  return "";
}

std::string_view state_enum_name(MigrationState state) {
  switch (state) {
    case MigrationState::kPending:
      return "PENDING";
    case MigrationState::kAboveTarget:
      return "ABOVE_TARGET";
    case MigrationState::kBelowBaseline:
      return "BELOW_BASELINE";
    case MigrationState::kBaselineIgnored:
      return "BASELINE_IGNORED";
    case MigrationState::kBaseline:
      return "BASELINE";
    case MigrationState::kIgnored:
      return "IGNORED";
    case MigrationState::kMissingSuccess:
      return "MISSING_SUCCESS";
    case MigrationState::kMissingFailed:
      return "MISSING_FAILED";
    case MigrationState::kSuccess:
      return "SUCCESS";
    case MigrationState::kUndone:
      return "UNDONE";
    case MigrationState::kAvailable:
      return "AVAILABLE";
    case MigrationState::kFailed:
      return "FAILED";
    case MigrationState::kOutOfOrder:
      return "OUT_OF_ORDER";
    case MigrationState::kFutureSuccess:
      return "FUTURE_SUCCESS";
    case MigrationState::kFutureFailed:
      return "FUTURE_FAILED";
    case MigrationState::kOutdated:
      return "OUTDATED";
    case MigrationState::kSuperseded:
      return "SUPERSEDED";
    case MigrationState::kDeleted:
      return "DELETED";
  }
  return "";
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
