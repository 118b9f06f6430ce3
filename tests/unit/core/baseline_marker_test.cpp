#include "runway/core/baseline_marker.hpp"

#include <catch2/catch.hpp>

#include "migration_builders.hpp"

namespace runway {

using namespace runway::test;

TEST_CASE("the baseline marker is found only in the first two rows",
          "[baseline]") {
  CHECK(find_baseline_marker({baseline_row(1, "1")})->installed_rank == 1);
  CHECK(find_baseline_marker({baseline_row(1, "3"), schema_row(0)})
            ->version->text() == "3");
  CHECK_FALSE(
      find_baseline_marker({schema_row(0), row(1, "1"), baseline_row(2, "1")})
          .has_value());
  CHECK_FALSE(find_baseline_marker({}).has_value());
  // An applied B file is not a marker.
  CHECK_FALSE(
      find_baseline_marker({typed(row(1, "1"), "SQL_BASELINE")}).has_value());
}

TEST_CASE("markers and undo rows are not migrations", "[baseline]") {
  CHECK_FALSE(has_non_synthetic_rows({schema_row(0), baseline_row(1, "1")}));
  CHECK_FALSE(has_non_synthetic_rows({undo_row(1, "1")}));
  CHECK(has_non_synthetic_rows({schema_row(0), row(1, "", "view")}));
}

}  // namespace runway
