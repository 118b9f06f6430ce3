// Option effects and history shapes beyond the single states: target,
// outOfOrder, DELETE rows, repeatable checksums, B files, listing order and
// the info columns.
#include <catch2/catch.hpp>

#include "migration_builders.hpp"
#include "runway/core/error.hpp"
#include "runway/core/merge.hpp"

namespace runway {

using namespace runway::test;
using Lines = std::vector<std::string>;

namespace {

MergeOptions with_target(std::string_view target, bool out_of_order = false) {
  return {Target::parse(target), out_of_order};
}

std::string merge_error(const Files& files, const Rows& rows,
                        const MergeOptions& options = {}) {
  try {
    merge(files, rows, options);
  } catch (const Error& e) {
    return e.code() + ": " + e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("target latest puts no limit on pending migrations",
          "[merge][target]") {
  MergeResult merged =
      merge({v_file("1"), v_file("2")}, {row(1, "1")}, with_target("latest"));
  CHECK(listing(merged) == Lines{"1=Success", "2=Pending"});
}

TEST_CASE("target current keeps newer versions above target",
          "[merge][target]") {
  MergeResult merged = merge({v_file("1"), v_file("2"), r_file("view")},
                             {row(1, "1")}, with_target("current"));
  CHECK(listing(merged) ==
        Lines{"1=Success", "2=Above Target", "view=Pending"});
  MergeResult empty =
      merge({v_file("1"), r_file("view")}, {}, with_target("current"));
  CHECK(listing(empty) == Lines{"1=Above Target", "view=Pending"});
}

TEST_CASE("target next allows only the first pending migration",
          "[merge][target]") {
  MergeResult merged = merge({v_file("1"), v_file("2"), v_file("3")},
                             {row(1, "1")}, with_target("next"));
  CHECK(listing(merged) == Lines{"1=Success", "2=Pending", "3=Above Target"});
  MergeResult repeatable_only =
      merge({v_file("1"), r_file("view")}, {row(1, "1")}, with_target("next"));
  CHECK(listing(repeatable_only) == Lines{"1=Success", "view=Pending"});
}

TEST_CASE("a version target includes that version", "[merge][target]") {
  MergeResult merged =
      merge({v_file("1"), v_file("1.1"), v_file("2")}, {}, with_target("1_1"));
  CHECK(listing(merged) == Lines{"1=Pending", "1.1=Pending", "2=Above Target"});
}

TEST_CASE("a target version no migration has is an error unless optional",
          "[merge][target]") {
  CHECK(merge_error({v_file("1")}, {}, with_target("2")) ==
        "ERROR: No migration with a target version 2 could be found. Ensure "
        "target is specified correctly and the migration exists.");
  CHECK(merge_error({v_file("1")}, {}, with_target("2?")) == "no error");
  // An applied row without its file still counts as existing.
  CHECK(merge_error({}, {row(1, "2")}, with_target("2.0")) == "no error");
}

TEST_CASE("outOfOrder makes older unapplied files Pending", "[merge][option]") {
  Files files = {v_file("1"), v_file("2"), v_file("3")};
  Rows rows = {row(1, "1"), row(2, "3")};
  CHECK(listing(merge(files, rows, with_target("latest", false))) ==
        Lines{"1=Success", "3=Success", "2=Ignored"});
  CHECK(listing(merge(files, rows, with_target("latest", true))) ==
        Lines{"1=Success", "3=Success", "2=Pending"});
}

TEST_CASE("a deleted versioned row lets its file be pending again",
          "[merge][delete]") {
  AppliedMigration original = row(1, "1");
  MergeResult merged =
      merge({v_file("1")}, {original, delete_row(2, original)});
  CHECK(listing(merged) == Lines{"1=Deleted", "1=Pending"});
}

TEST_CASE("a repeatable DELETE row is listed as Success", "[merge][delete]") {
  AppliedMigration original = row(1, "", "view", 4);
  MergeResult merged =
      merge({r_file("view", 4)}, {original, delete_row(2, original)});
  CHECK(listing(merged) ==
        Lines{"view=Deleted", "view(DELETE)=Success", "view=Pending"});
  CHECK(merged.infos[1].category().empty());
}

TEST_CASE("a second DELETE for an already deleted row is corruption",
          "[merge][delete]") {
  AppliedMigration original = row(1, "1.0");
  CHECK(merge_error(
            {}, {original, delete_row(2, original), delete_row(3, original)}) ==
        "DUPLICATE_DELETED_MIGRATION: Corrupted schema history: multiple "
        "delete entries for version 1.0");
  // Re-applied in between: each DELETE has its own row to mark.
  CHECK(merge_error({}, {original, delete_row(2, original), row(3, "1"),
                         delete_row(4, original)}) == "no error");
}

TEST_CASE("a repeatable row with the pre-6.3 raw checksum still matches",
          "[merge][checksum]") {
  // The file's replaced checksum is 9, its raw-text checksum 5.
  MergeResult merged = merge({r_file("view", 9, 5)}, {row(1, "", "view", 5)});
  CHECK(listing(merged) == Lines{"view=Success"});
}

TEST_CASE("on an empty history the highest B file is Pending",
          "[merge][baseline]") {
  MergeResult merged = merge(
      {v_file("1"), v_file("2"), b_file("2"), v_file("3"), b_file("1")}, {});
  CHECK(listing(merged) ==
        Lines{"1=Below Baseline", "1(SQL_BASELINE)=Below Baseline",
              "2=Ignored (Baseline)", "2(SQL_BASELINE)=Pending", "3=Pending"});
  CHECK(merged.pending_baseline->text() == "2");
}

TEST_CASE("B files are Ignored once the history has migrations",
          "[merge][baseline]") {
  MergeResult merged =
      merge({v_file("1"), b_file("2"), v_file("3")}, {row(1, "1")});
  CHECK(listing(merged) ==
        Lines{"1=Success", "2(SQL_BASELINE)=Ignored", "3=Pending"});
}

TEST_CASE("an applied B file is the baseline for older files",
          "[merge][baseline]") {
  MergeResult merged = merge({v_file("1"), b_file("2"), v_file("3")},
                             {typed(row(1, "2", "base"), "SQL_BASELINE")});
  CHECK(listing(merged) ==
        Lines{"1=Below Baseline", "2(SQL_BASELINE)=Baseline", "3=Pending"});
  CHECK(merged.applied_baseline->text() == "2");
}

TEST_CASE("history rows are read in installed rank order", "[merge][order]") {
  MergeResult merged =
      merge({v_file("1"), v_file("2")}, {row(2, "2"), row(1, "1")});
  CHECK(listing(merged) == Lines{"1=Success", "2=Success"});
}

TEST_CASE("listing: applied by rank, then files by version, then repeatables",
          "[merge][order]") {
  MergeResult merged =
      merge({r_file("b view"), r_file("B view"), r_file("a view"), v_file("10"),
             v_file("9"), v_file("1.10"), v_file("1.9"), u_file("9")},
            {row(1, "1.9"), row(2, "9"), row(3, "", "a view")});
  // Repeatables sort case-sensitively ("B" < "a"); an undo file comes after
  // the regular file of its version.
  CHECK(listing(merged) == Lines{"1.9=Success", "9=Success", "a view=Success",
                                 "1.10=Ignored", "9(UNDO_SQL)=Available",
                                 "10=Pending", "B view=Pending",
                                 "b view=Pending"});
}

TEST_CASE("files in any order meet their rows by version and type",
          "[merge][order]") {
  // A B file and a V file of one version are different migrations: each row
  // meets the file of its type.
  MergeResult merged =
      merge({v_file("3"), b_file("2"), v_file("2"), v_file("1")},
            {row(1, "1"), typed(row(2, "2", "base"), "SQL_BASELINE")});
  CHECK(listing(merged) == Lines{"2=Ignored (Baseline)", "1=Success",
                                 "2(SQL_BASELINE)=Baseline", "3=Pending"});
  REQUIRE(merged.infos[0].resolved);
  CHECK(merged.infos[0].resolved->kind == MigrationKind::kVersioned);
  REQUIRE(merged.infos[2].resolved);
  CHECK(merged.infos[2].resolved->kind == MigrationKind::kBaseline);
}

TEST_CASE("of two files with one version and type, the last given counts",
          "[merge][order]") {
  // The scanner refuses such pairs; merge itself keeps the later one.
  MergeResult merged =
      merge({v_file("2", "first", 5), v_file("1"), v_file("2", "second", 7)},
            {row(1, "1"), row(2, "2", "second", 7)});
  REQUIRE(merged.infos.size() == 2);
  REQUIRE(merged.infos[1].resolved);
  CHECK(merged.infos[1].resolved->description == "second");
  CHECK(merged.infos[1].state == MigrationState::kSuccess);
}

TEST_CASE("info columns: category and undoable", "[merge][info]") {
  MergeResult merged =
      merge({v_file("2"), v_file("3"), v_file("4"), u_file("2"), u_file("4"),
             r_file("view")},
            {baseline_row(1, "1"), row(2, "2"), failed(row(3, "4"))});
  REQUIRE(merged.infos.size() == 6);
  const MigrationInfo& marker = merged.infos[0];
  CHECK(marker.category().empty());
  CHECK(marker.undoable == "No");
  const MigrationInfo& v2 = merged.infos[1];
  CHECK(v2.category() == "Versioned");
  CHECK(v2.undoable == "Yes");
  CHECK(v2.undo_filepath == "/proj/sql/U2__step.sql");
  const MigrationInfo& v4 = merged.infos[2];
  CHECK(v4.state == MigrationState::kFailed);
  CHECK(v4.undoable == "No");
  CHECK(v4.undo_filepath.empty());
  CHECK(merged.infos[3].category() == "Undo");
  CHECK(merged.infos[3].undoable.empty());
  CHECK(merged.infos[4].version_text() == "3");
  CHECK(merged.infos[4].undoable == "No");
  CHECK(merged.infos[5].category() == "Repeatable");
  CHECK(merged.infos[5].undoable.empty());
}

TEST_CASE("info accessors prefer the history row", "[merge][info]") {
  MergeResult merged =
      merge({v_file("1", "new name", 9)}, {row(1, "1", "old name", 8)});
  const MigrationInfo& info = merged.infos.front();
  CHECK(info.description() == "old name");
  CHECK(info.checksum() == 8);
  CHECK(info.installed_rank() == 1);
  CHECK(info.installed_by() == "app");
  CHECK(info.execution_time() == 7);
  CHECK(info.physical_path() == "/proj/sql/V1__new_name.sql");
  MergeResult pending = merge({v_file("1_1")}, {});
  CHECK(pending.infos.front().raw_version() == "1_1");
  CHECK(pending.infos.front().version_text() == "1.1");
  CHECK(pending.infos.front().installed_on().empty());
  CHECK_FALSE(pending.infos.front().installed_rank().has_value());
}

TEST_CASE("current version text for the migrate log", "[merge][info]") {
  CHECK(current_version_text(merge({v_file("1")}, {})) == "<< Empty Schema >>");
  CHECK(current_version_text(merge({r_file("view")}, {row(1, "", "view")})) ==
        "null");
  CHECK(current_version_text(merge({v_file("1.0")}, {row(1, "1.0")})) == "1.0");
}

}  // namespace runway
