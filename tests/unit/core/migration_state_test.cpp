#include "runway/core/migration_state.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "runway/core/migration_type.hpp"

namespace runway {

TEST_CASE("every state has Flyway's enum constant", "[state]") {
  std::vector<std::string> names;
  for (MigrationState state : kAllMigrationStates)
    names.emplace_back(state_enum_name(state));
  CHECK(names == std::vector<std::string>{
                     "PENDING", "ABOVE_TARGET", "BELOW_BASELINE",
                     "BASELINE_IGNORED", "BASELINE", "IGNORED",
                     "MISSING_SUCCESS", "MISSING_FAILED", "SUCCESS", "UNDONE",
                     "AVAILABLE", "FAILED", "OUT_OF_ORDER", "FUTURE_SUCCESS",
                     "FUTURE_FAILED", "OUTDATED", "SUPERSEDED", "DELETED"});
}

TEST_CASE("every state prints Flyway's display name", "[state]") {
  std::vector<std::string> names;
  for (MigrationState state : kAllMigrationStates) {
    names.emplace_back(state_display_name(state));
  }
  CHECK(names == std::vector<std::string>{
                     "Pending", "Above Target", "Below Baseline",
                     "Ignored (Baseline)", "Baseline", "Ignored", "Missing",
                     "Failed (Missing)", "Success", "Undone", "Available",
                     "Failed", "Out of Order", "Future", "Failed (Future)",
                     "Outdated", "Superseded", "Deleted"});
}

TEST_CASE("state flags follow Flyway's resolved/applied/failed table",
          "[state]") {
  // resolved, applied, failed per state, in declaration order.
  const std::vector<std::string> expected = {
      "yn-", "yn-", "yn-", "yn-", "yy-", "yn-", "ny-", "nyf", "yy-",
      "yy-", "yn-", "yyf", "yy-", "ny-", "nyf", "yy-", "yy-", "ny-"};
  std::vector<std::string> actual;
  for (MigrationState state : kAllMigrationStates) {
    std::string flags;
    flags += state_is_resolved(state) ? 'y' : 'n';
    flags += state_is_applied(state) ? 'y' : 'n';
    flags += state_is_failed(state) ? 'f' : '-';
    actual.push_back(flags);
  }
  CHECK(actual == expected);
}

TEST_CASE("history types are classified as synthetic, baseline or undo",
          "[state]") {
  CHECK(is_synthetic_type("SCHEMA"));
  CHECK(is_synthetic_type("BASELINE"));
  CHECK(is_synthetic_type("DELETE"));
  CHECK_FALSE(is_synthetic_type("SQL"));
  CHECK_FALSE(is_synthetic_type("SQL_BASELINE"));
  CHECK(is_baseline_type("BASELINE"));
  CHECK(is_baseline_type("SQL_BASELINE"));
  CHECK(is_baseline_type("JDBC_BASELINE"));
  CHECK_FALSE(is_baseline_type("SQL"));
  CHECK(is_undo_type("UNDO_SQL"));
  CHECK(is_undo_type("UNDO_SCRIPT"));
  CHECK_FALSE(is_undo_type("SQL"));
}

}  // namespace runway
