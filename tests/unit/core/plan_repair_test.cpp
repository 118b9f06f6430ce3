#include <catch2/catch.hpp>

#include "migration_builders.hpp"
#include "runway/core/file_name.hpp"
#include "runway/core/plan.hpp"

namespace runway {

using namespace runway::test;

namespace {

std::vector<std::string> ranks(const std::vector<AppliedMigration>& rows) {
  std::vector<std::string> ids;
  for (const AppliedMigration& r : rows) {
    ids.push_back(std::to_string(r.installed_rank));
  }
  return ids;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("repair of a consistent history does nothing", "[plan][repair]") {
  RepairPlan plan = plan_repair({v_file("1"), r_file("view")},
                                {row(1, "1"), row(2, "", "view")},
                                IgnorePatterns::defaults());
  CHECK(plan.empty());
}

TEST_CASE("repair removes every failed row", "[plan][repair]") {
  RepairPlan plan = plan_repair(
      {v_file("1"), v_file("2"), r_file("view")},
      {failed(row(3, "", "view")), row(1, "1"), failed(row(2, "2"))},
      IgnorePatterns::defaults());
  CHECK(ranks(plan.failed_rows) == Ids{"2", "3"});
  CHECK(plan.rows_to_delete.empty());
  CHECK(plan.rows_to_realign.empty());
}

TEST_CASE(
    "repair marks missing rows deleted, future ones only if not "
    "ignored",
    "[plan][repair]") {
  Files files = {v_file("2")};
  Rows rows = {row(1, "1"), row(2, "2"), row(3, "3"), row(4, "", "view")};
  CHECK(ranks(plan_repair(files, rows, IgnorePatterns::defaults())
                  .rows_to_delete) == Ids{"1", "4"});
  CHECK(ranks(plan_repair(files, rows, IgnorePatterns()).rows_to_delete) ==
        Ids{"1", "3", "4"});
  CHECK(ranks(plan_repair(files, rows, IgnorePatterns::parse("*:missing"))
                  .rows_to_delete) == Ids{"3"});
}

TEST_CASE("repair judges missing rows after removing failed ones",
          "[plan][repair]") {
  // The failed row 2 would hide nothing, but once it is gone row 1 (no
  // file, older than V2) is Missing.
  RepairPlan plan =
      plan_repair({v_file("2")}, {row(1, "1"), failed(row(2, "2"))},
                  IgnorePatterns::defaults());
  CHECK(ranks(plan.failed_rows) == Ids{"2"});
  CHECK(ranks(plan.rows_to_delete) == Ids{"1"});
}

TEST_CASE("repair does not mark markers or already deleted rows",
          "[plan][repair]") {
  AppliedMigration gone = row(2, "1");
  RepairPlan plan = plan_repair(
      {v_file("2")},
      {schema_row(0), baseline_row(1, "0.5"), gone, delete_row(3, gone)},
      IgnorePatterns());
  CHECK(plan.empty());
}

TEST_CASE("repair realigns checksum, description and type of versioned rows",
          "[plan][repair]") {
  RepairPlan plan = plan_repair(
      {v_file("1", "first", 10), v_file("2", "renamed", 1), v_file("3")},
      {row(1, "1", "first", 9), row(2, "2", "second", 1), row(3, "3")},
      IgnorePatterns::defaults());
  REQUIRE(plan.rows_to_realign.size() == 2);
  const RepairRealignment& checksum = plan.rows_to_realign[0];
  CHECK(checksum.row.installed_rank == 1);
  CHECK(checksum.checksum == 10);
  CHECK(checksum.description == "first");
  CHECK(checksum.type == "SQL");
  CHECK(checksum.filepath == "/proj/sql/V1__first.sql");
  CHECK(plan.rows_to_realign[1].row.installed_rank == 2);
  CHECK(plan.rows_to_realign[1].description == "renamed");
}

TEST_CASE("repair writes long descriptions abbreviated and leaves them be",
          "[plan][repair]") {
  std::string long_name(230, 'd');
  RepairPlan first = plan_repair({v_file("1", long_name)},
                                 {row(1, "1", "short")}, IgnorePatterns());
  REQUIRE(first.rows_to_realign.size() == 1);
  CHECK(first.rows_to_realign[0].description == std::string(197, 'd') + "...");
  RepairPlan again = plan_repair(
      {v_file("1", long_name)},
      {row(1, "1", abbreviate_description(long_name))}, IgnorePatterns());
  CHECK(again.empty());
}

TEST_CASE("repair realigns a repeatable only from its raw checksum",
          "[plan][repair]") {
  // Stored 5 = raw-text checksum, file now stores 9: a pre-6.3 row.
  RepairPlan upgrade = plan_repair({r_file("view", 9, 5)},
                                   {row(1, "", "view", 5)}, IgnorePatterns());
  REQUIRE(upgrade.rows_to_realign.size() == 1);
  CHECK(upgrade.rows_to_realign[0].checksum == 9);
  // A changed repeatable stays Outdated; migrate re-applies it.
  RepairPlan changed = plan_repair({r_file("view", 9, 8)},
                                   {row(1, "", "view", 5)}, IgnorePatterns());
  CHECK(changed.empty());
}

TEST_CASE("repair leaves undone and ignored rows alone", "[plan][repair]") {
  RepairPlan plan =
      plan_repair({v_file("1", "step", 2), u_file("1")},
                  {row(1, "1", "step", 1), undo_row(2, "1")}, IgnorePatterns());
  CHECK(plan.rows_to_realign.empty());
}

}  // namespace runway
