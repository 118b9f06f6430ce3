#include <catch2/catch.hpp>

#include "migration_builders.hpp"
#include "runway/core/error.hpp"
#include "runway/core/plan.hpp"

namespace runway {

using namespace runway::test;

namespace {

std::vector<std::string> undo_steps(const MergeResult& merged,
                                    std::string_view target) {
  std::vector<std::string> names;
  for (const UndoStep& step : plan_undo(merged, Target::parse(target))) {
    names.push_back(step.undone->version_text() + " by " +
                    step.undo_script->script);
  }
  return names;
}

std::string undo_error(const MergeResult& merged, std::string_view target) {
  try {
    plan_undo(merged, Target::parse(target));
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

using Names = std::vector<std::string>;

const Files kFiles = {v_file("1"), v_file("2"), v_file("3"),
                      u_file("1"), u_file("2"), u_file("3")};

}  // namespace

TEST_CASE("undo reverts the most recently applied versioned migration",
          "[plan][undo]") {
  MergeResult merged =
      merge(kFiles, {row(1, "1"), row(2, "2"), row(3, "", "view")});
  CHECK(undo_steps(merged, "current") == Names{"2 by U2__step.sql"});
  CHECK(undo_steps(merged, "latest") == Names{"2 by U2__step.sql"});
  // Most recent by rank, not the highest version.
  MergeResult out_of_order = merge(kFiles, {row(1, "3"), row(2, "1")});
  CHECK(undo_steps(out_of_order, "current") == Names{"1 by U1__step.sql"});
}

TEST_CASE("undo with a target walks back to that version", "[plan][undo]") {
  MergeResult merged = merge(kFiles, {row(1, "1"), row(2, "2"), row(3, "3")});
  CHECK(undo_steps(merged, "1") ==
        Names{"3 by U3__step.sql", "2 by U2__step.sql"});
  CHECK(undo_steps(merged, "3").empty());
  CHECK(undo_steps(merged, "0.5?") ==
        Names{"3 by U3__step.sql", "2 by U2__step.sql", "1 by U1__step.sql"});
}

TEST_CASE("undo skips rows already undone", "[plan][undo]") {
  MergeResult merged =
      merge(kFiles, {row(1, "1"), row(2, "2"), row(3, "3"), undo_row(4, "3")});
  CHECK(undo_steps(merged, "current") == Names{"2 by U2__step.sql"});
}

TEST_CASE("undo without a U file fails before anything runs", "[plan][undo]") {
  MergeResult merged =
      merge({v_file("1"), v_file("2"), v_file("3"), u_file("3")},
            {row(1, "1"), row(2, "2"), row(3, "3")});
  CHECK(undo_error(merged, "1") ==
        "Unable to undo migration to version 2: no undo migration found "
        "(U2__*.sql)");
  CHECK(undo_error(merge({v_file("1.1")}, {row(1, "1.1")}), "current") ==
        "Unable to undo migration to version 1.1: no undo migration found "
        "(U1.1__*.sql)");
}

TEST_CASE("undo does not go below a baseline", "[plan][undo]") {
  MergeResult merged = merge(kFiles, {baseline_row(1, "2"), row(2, "3")});
  CHECK(undo_steps(merged, "current") == Names{"3 by U3__step.sql"});
  CHECK(undo_error(merged, "1") ==
        "Unable to undo migration to version 2: it is a baseline and cannot "
        "be undone");
  CHECK(undo_steps(merge(kFiles, {baseline_row(1, "2")}), "current").empty());
}

TEST_CASE("undo with nothing applied does nothing", "[plan][undo]") {
  CHECK(undo_steps(merge(kFiles, {}), "current").empty());
}

TEST_CASE("undo to a version no migration has is an error unless optional",
          "[plan][undo]") {
  MergeResult merged = merge(kFiles, {row(1, "1")});
  CHECK(undo_error(merged, "0.5") ==
        "No migration with a target version 0.5 could be found. Ensure target "
        "is specified correctly and the migration exists.");
}

TEST_CASE("a re-applied migration after undo is Success and undoable again",
          "[plan][undo]") {
  MergeResult merged = merge({v_file("1"), u_file("1")},
                             {row(1, "1"), undo_row(2, "1"), row(3, "1")});
  CHECK(listing(merged) == std::vector<std::string>{"1=Undone", "1=Success",
                                                    "1(UNDO_SQL)=Available"});
  CHECK(merged.infos[0].undoable.empty());
  CHECK(merged.infos[1].undoable == "Yes");
  CHECK(undo_steps(merged, "current") == Names{"1 by U1__step.sql"});
  CHECK(plan_undo(merged, Target::current()).front().undone ==
        &merged.infos[1]);
}

}  // namespace runway
