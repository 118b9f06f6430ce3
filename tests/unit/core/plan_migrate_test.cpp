#include <catch2/catch.hpp>

#include "migration_builders.hpp"
#include "runway/core/plan.hpp"

namespace runway {

using namespace runway::test;

namespace {

std::vector<std::string> steps(const MergeResult& merged) {
  std::vector<std::string> names;
  for (const MigrateStep& step : plan_migrate(merged)) {
    std::string name = step.info->is_versioned() ? step.info->version_text()
                                                 : step.info->description();
    if (step.out_of_order) name += " [out of order]";
    names.push_back(name);
  }
  return names;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE(
    "migrate applies versioned by version, then repeatables by "
    "description",
    "[plan][migrate]") {
  MergeResult merged = merge({r_file("b"), v_file("2"), r_file("a"),
                              v_file("1.10"), v_file("1.9"), r_file("c", 5)},
                             {row(1, "", "c", 5)});
  CHECK(steps(merged) == Names{"1.9", "1.10", "2", "a", "b"});
}

TEST_CASE("migrate re-applies outdated repeatables", "[plan][migrate]") {
  MergeResult merged = merge({v_file("1"), r_file("view", 2)},
                             {row(1, "1"), row(2, "", "view", 1)});
  CHECK(steps(merged) == Names{"view"});
}

TEST_CASE("with outOfOrder, lower versions run first and are flagged",
          "[plan][migrate]") {
  Files files = {v_file("1"), v_file("2"), v_file("3"), v_file("4")};
  Rows rows = {row(1, "1"), row(2, "3")};
  CHECK(steps(merge(files, rows, {Target::latest(), true})) ==
        Names{"2 [out of order]", "4"});
  CHECK(steps(merge(files, rows, {Target::latest(), false})) == Names{"4"});
}

TEST_CASE("migrate stops at the target", "[plan][migrate]") {
  Files files = {v_file("1"), v_file("2"), v_file("3"), r_file("view")};
  CHECK(steps(merge(files, {}, {Target::parse("2"), false})) ==
        Names{"1", "2", "view"});
  CHECK(steps(merge(files, {row(1, "1")}, {Target::current(), false})) ==
        Names{"view"});
  CHECK(steps(merge(files, {row(1, "1")}, {Target::next(), false})) ==
        Names{"2"});
  CHECK(steps(merge({r_file("a"), r_file("b")}, {}, {Target::next(), false})) ==
        Names{"a"});
}

TEST_CASE("on an empty history the B file runs first and alone below it",
          "[plan][migrate]") {
  Files files = {v_file("1"), v_file("2"), b_file("2"), v_file("3")};
  MergeResult empty = merge(files, {});
  CHECK(steps(empty) == Names{"2", "3"});
  CHECK(plan_migrate(empty).front().info->type() == "SQL_BASELINE");
  MergeResult started = merge(files, {row(1, "1")});
  CHECK(steps(started) == Names{"2", "3"});
  CHECK(plan_migrate(started).front().info->type() == "SQL");
}

TEST_CASE("a failed migration blocks migrate", "[plan][migrate]") {
  IgnorePatterns defaults = IgnorePatterns::defaults();
  CHECK(failed_migration_error(merge({v_file("1")}, {row(1, "1")}),
                               "\"public\"", defaults) == std::nullopt);
  CHECK(failed_migration_error(merge({v_file("1"), v_file("2")},
                                     {row(1, "1"), failed(row(2, "2"))}),
                               "\"public\"", defaults) ==
        "Schema \"public\" contains a failed migration to version 2 !");
  CHECK(failed_migration_error(
            merge({r_file("view")}, {failed(row(1, "", "view"))}), "`app`",
            defaults) ==
        "Schema `app` contains a failed repeatable migration (\"view\") !");
}

TEST_CASE(
    "a single failed future migration only warns when future is "
    "ignored",
    "[plan][migrate]") {
  MergeResult merged = merge({v_file("1")}, {row(1, "1"), failed(row(2, "2"))});
  CHECK(failed_migration_error(merged, "\"public\"",
                               IgnorePatterns::defaults()) == std::nullopt);
  CHECK(failed_migration_error(merged, "\"public\"", IgnorePatterns()) ==
        "Schema \"public\" contains a failed migration to version 2 !");
  std::vector<MigrateNotice> notices =
      migrate_notices(merged, "\"public\"", IgnorePatterns::defaults());
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].level == MigrateNotice::Level::kWarning);
  CHECK(notices[0].text ==
        "Schema \"public\" has a version (2) that is newer than the latest "
        "available migration (1) !");
  CHECK(notices[1].text ==
        "Schema \"public\" contains a failed future migration to version 2 !");
}

TEST_CASE("future rows without any file are logged as an error",
          "[plan][migrate]") {
  std::vector<MigrateNotice> notices =
      migrate_notices(merge({}, {row(1, "1"), row(2, "2")}), "\"public\"",
                      IgnorePatterns::defaults());
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].level == MigrateNotice::Level::kError);
  CHECK(notices[0].text ==
        "Schema \"public\" has version 2, but no migration could be resolved "
        "in the configured locations !");
  CHECK(migrate_notices(merge({v_file("1")}, {row(1, "1")}), "\"public\"",
                        IgnorePatterns::defaults())
            .empty());
}

}  // namespace runway
