// One test per state: the smallest literal history that produces it.
#include <catch2/catch.hpp>

#include "migration_builders.hpp"
#include "runway/core/merge.hpp"

namespace runway {

using namespace runway::test;
using Lines = std::vector<std::string>;

TEST_CASE("a file not in the history is Pending", "[merge][state]") {
  CHECK(listing(merge({v_file("1"), r_file("view")}, {})) ==
        Lines{"1=Pending", "view=Pending"});
}

TEST_CASE("a file above the target is Above Target", "[merge][state]") {
  MergeResult merged = merge({v_file("1"), v_file("2"), r_file("view")}, {},
                             {Target::parse("1"), false});
  CHECK(listing(merged) ==
        Lines{"1=Pending", "2=Above Target", "view=Pending"});
}

TEST_CASE("files below the baseline marker are Below Baseline",
          "[merge][state]") {
  MergeResult merged =
      merge({v_file("1"), v_file("2"), v_file("3")}, {baseline_row(1, "2")});
  CHECK(listing(merged) == Lines{"1=Below Baseline", "2=Ignored (Baseline)",
                                 "2(BASELINE)=Baseline", "3=Pending"});
}

TEST_CASE("the file with the baseline's version is Ignored (Baseline)",
          "[merge][state]") {
  MergeResult merged = merge({v_file("1")}, {baseline_row(1, "1")});
  CHECK(listing(merged) ==
        Lines{"1=Ignored (Baseline)", "1(BASELINE)=Baseline"});
}

TEST_CASE("a baseline marker and an applied B file are Baseline",
          "[merge][state]") {
  CHECK(listing(merge({}, {baseline_row(1, "1")})) ==
        Lines{"1(BASELINE)=Baseline"});
  MergeResult merged =
      merge({b_file("2")}, {typed(row(1, "2"), "SQL_BASELINE")});
  CHECK(listing(merged) == Lines{"2(SQL_BASELINE)=Baseline"});
}

TEST_CASE("a file older than the current version is Ignored",
          "[merge][state]") {
  MergeResult merged = merge({v_file("1"), v_file("2"), v_file("3")},
                             {row(1, "1"), row(2, "3")});
  CHECK(listing(merged) == Lines{"1=Success", "3=Success", "2=Ignored"});
}

TEST_CASE("a row whose file is gone is Missing when older than the files",
          "[merge][state]") {
  MergeResult merged = merge({v_file("2")}, {row(1, "1"), row(2, "2")});
  CHECK(listing(merged) == Lines{"1=Missing", "2=Success"});
}

TEST_CASE("a failed row whose file is gone is Failed (Missing)",
          "[merge][state]") {
  MergeResult merged = merge({v_file("2")}, {failed(row(1, "1"))});
  CHECK(listing(merged) == Lines{"1=Failed (Missing)", "2=Pending"});
}

TEST_CASE("a row matching its file is Success", "[merge][state]") {
  MergeResult merged = merge({v_file("1"), r_file("view", 5)},
                             {row(1, "1"), row(2, "", "view", 5)});
  CHECK(listing(merged) == Lines{"1=Success", "view=Success"});
}

TEST_CASE("a row reverted by an undo row is Undone and its file Pending again",
          "[merge][state][undo]") {
  MergeResult merged =
      merge({v_file("1"), u_file("1")}, {row(1, "1"), undo_row(2, "1")});
  CHECK(listing(merged) == Lines{"1=Undone", "1=Pending"});
  REQUIRE(merged.undo_rows.size() == 1);
  CHECK(merged.undo_rows[0].state == MigrationState::kSuccess);
  CHECK(merged.undo_rows[0].category() == "Undo");
  CHECK_FALSE(merged.current.has_value());
}

TEST_CASE("a U file for an applied version is Available",
          "[merge][state][undo]") {
  MergeResult merged = merge(
      {v_file("1"), v_file("2"), u_file("1"), u_file("2")}, {row(1, "1")});
  CHECK(listing(merged) ==
        Lines{"1=Success", "1(UNDO_SQL)=Available", "2=Pending"});
  CHECK(merged.undo_migrations.size() == 2);
}

TEST_CASE("a failed row with its file is Failed", "[merge][state]") {
  // A failed repeatable run with an unchanged file is not Pending again:
  // Flyway looks only at the latest run's checksum.
  MergeResult merged = merge({v_file("1"), r_file("view")},
                             {failed(row(1, "1")), failed(row(2, "", "view"))});
  CHECK(listing(merged) == Lines{"1=Failed", "view=Failed"});
}

TEST_CASE("a row applied after a higher version is Out of Order",
          "[merge][state]") {
  MergeResult merged =
      merge({v_file("1"), v_file("2")}, {row(1, "2"), row(2, "1")});
  CHECK(listing(merged) == Lines{"2=Success", "1=Out of Order"});
  CHECK(merged.current->text() == "2");
}

TEST_CASE("a row newer than every file is Future", "[merge][state]") {
  MergeResult merged = merge({v_file("1")}, {row(1, "1"), row(2, "2")});
  CHECK(listing(merged) == Lines{"1=Success", "2=Future"});
}

TEST_CASE("without any file every applied versioned row is Future",
          "[merge][state]") {
  MergeResult merged = merge({}, {row(1, "1"), row(2, "2")});
  CHECK(listing(merged) == Lines{"1=Future", "2=Future"});
}

TEST_CASE("a failed row newer than every file is Failed (Future)",
          "[merge][state]") {
  MergeResult merged = merge({v_file("1")}, {row(1, "1"), failed(row(2, "2"))});
  CHECK(listing(merged) == Lines{"1=Success", "2=Failed (Future)"});
}

TEST_CASE("a repeatable whose file changed is Outdated and Pending again",
          "[merge][state]") {
  MergeResult merged = merge({r_file("view", 2)}, {row(1, "", "view", 1)});
  CHECK(listing(merged) == Lines{"view=Outdated", "view=Pending"});
}

TEST_CASE("an earlier run of a repeatable is Superseded", "[merge][state]") {
  MergeResult merged = merge({r_file("view", 2)},
                             {row(1, "", "view", 1), row(2, "", "view", 2)});
  CHECK(listing(merged) == Lines{"view=Superseded", "view=Success"});
  MergeResult gone = merge({}, {row(1, "", "view", 1), row(2, "", "view", 2)});
  CHECK(listing(gone) == Lines{"view=Superseded", "view=Missing"});
}

TEST_CASE("a row marked by a DELETE row is Deleted and the marker hidden",
          "[merge][state]") {
  AppliedMigration original = row(1, "1");
  MergeResult merged = merge({}, {original, delete_row(2, original)});
  CHECK(listing(merged) == Lines{"1=Deleted"});
  CHECK(merged.infos[0].undoable.empty());
  CHECK_FALSE(merged.current.has_value());
}

TEST_CASE("a schema creation marker is Success without a category",
          "[merge][state]") {
  MergeResult merged = merge({v_file("1")}, {schema_row(0)});
  CHECK(listing(merged) ==
        Lines{"<< Flyway Schema Creation >>(SCHEMA)=Success", "1=Pending"});
  CHECK(merged.infos[0].category().empty());
  CHECK(current_version_text(merged) == "null");
}

}  // namespace runway
