#include "runway/core/validate.hpp"

#include <catch2/catch.hpp>

#include "migration_builders.hpp"
#include "runway/core/file_name.hpp"

namespace runway {

using namespace runway::test;

namespace {

std::vector<std::string> messages(const std::vector<ValidationIssue>& issues) {
  std::vector<std::string> texts;
  for (const ValidationIssue& found : issues) {
    texts.push_back(found.error_code + ": " + found.message);
  }
  return texts;
}

std::vector<std::string> check(const Files& files, const Rows& rows,
                               ValidateOptions options = {}) {
  return messages(validate(merge(files, rows), options));
}

ValidateOptions patterns(std::string_view value, bool on_migrate = false) {
  return {IgnorePatterns::parse(value), on_migrate};
}

const std::string kRepair =
    "\nEither revert the changes to the migration, or run repair to update "
    "the schema history.";

}  // namespace

TEST_CASE("a consistent history validates", "[validate]") {
  CHECK(check({v_file("1"), r_file("view", 3)},
              {row(1, "1"), row(2, "", "view", 3)})
            .empty());
}

TEST_CASE("rule 1: failed migrations", "[validate]") {
  std::vector<ValidationIssue> issues =
      validate(merge({v_file("1"), r_file("view")},
                     {failed(row(1, "1")), failed(row(2, "", "view"))}));
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].error_code == "FAILED_VERSIONED_MIGRATION");
  CHECK(issues[0].message ==
        "Detected failed migration to version 1 (step).\nPlease remove any "
        "half-completed changes then run repair to fix the schema history.");
  CHECK(issues[0].version == "1");
  CHECK(issues[0].description == "step");
  CHECK(issues[0].filepath == "/proj/sql/V1__step.sql");
  CHECK(issues[1].error_code == "FAILED_REPEATABLE_MIGRATION");
  CHECK(issues[1].message ==
        "Detected failed repeatable migration: view.\nPlease remove any "
        "half-completed changes then run repair to fix the schema history.");
  CHECK(issues[1].version.empty());
}

TEST_CASE("rule 1: a failed future migration passes when future is ignored",
          "[validate]") {
  Files files = {v_file("1")};
  Rows rows = {row(1, "1"), failed(row(2, "2"))};
  CHECK(check(files, rows).empty());  // default *:future
  CHECK(check(files, rows, patterns("")) ==
        std::vector<std::string>{
            "FAILED_VERSIONED_MIGRATION: Detected failed migration to version "
            "2 (step).\nPlease remove any half-completed changes then run "
            "repair to fix the schema history."});
}

TEST_CASE("rule 2: applied migrations without a file", "[validate]") {
  std::vector<ValidationIssue> issues = validate(
      merge({v_file("2")}, {row(1, "1"), row(2, "2"), row(3, "", "view")}));
  CHECK(messages(issues) ==
        std::vector<std::string>{
            "APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED: Detected applied "
            "migration not resolved locally: 1.\nIf you removed this "
            "migration intentionally, run repair to mark the migration as "
            "deleted.",
            "APPLIED_REPEATABLE_MIGRATION_NOT_RESOLVED: Detected applied "
            "migration not resolved locally: view.\nIf you removed this "
            "migration intentionally, run repair to mark the migration as "
            "deleted."});
  CHECK(issues[0].filepath.empty());
}

TEST_CASE("rule 2: missing and future rows pass when ignored", "[validate]") {
  Files files = {v_file("2")};
  Rows rows = {row(1, "1"), row(2, "2"), row(3, "3")};
  CHECK(check(files, rows) ==
        std::vector<std::string>{
            "APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED: Detected applied "
            "migration not resolved locally: 1.\nIf you removed this "
            "migration intentionally, run repair to mark the migration as "
            "deleted."});
  CHECK(check(files, rows, patterns("*:missing,*:future")).empty());
  CHECK(check(files, rows, patterns("")).size() == 2);
  // Pattern skip works per kind: versioned:missing does not cover a
  // repeatable.
  CHECK(check({}, {row(1, "", "view")}, patterns("versioned:missing")).size() ==
        1);
  CHECK(
      check({}, {row(1, "", "view")}, patterns("repeatable:missing")).empty());
}

TEST_CASE("rule 3: ignored files", "[validate]") {
  Files files = {v_file("1"), v_file("2"), v_file("3")};
  Rows rows = {row(1, "1"), row(2, "3")};
  CHECK(check(files, rows) ==
        std::vector<std::string>{
            "RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED: Detected resolved "
            "migration not applied to database: 2.\nTo ignore this "
            "migration, set -ignoreMigrationPatterns='*:ignored'. To allow "
            "executing this migration, set -outOfOrder=true."});
  CHECK(check(files, rows, patterns("*:ignored")).empty());
  // Still an error during migrate: out of order is not allowed.
  CHECK(check(files, rows, patterns("*:future", true)).size() == 1);
}

TEST_CASE("rule 3: an ignored B file is not an error", "[validate]") {
  CHECK(check({v_file("1"), b_file("2")}, {row(1, "1")}, patterns("")).empty());
}

TEST_CASE("rule 4: pending files", "[validate]") {
  CHECK(check({v_file("1"), v_file("2"), r_file("view")}, {row(1, "1")}) ==
        std::vector<std::string>{
            "RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED: Detected resolved "
            "migration not applied to database: 2.\nTo fix this error, either "
            "run migrate, or set -ignoreMigrationPatterns='*:pending'.",
            "RESOLVED_REPEATABLE_MIGRATION_NOT_APPLIED: Detected resolved "
            "repeatable migration not applied to database: view.\nTo fix this "
            "error, either run migrate, or set "
            "-ignoreMigrationPatterns='*:pending'."});
}

TEST_CASE("rule 5: outdated repeatables", "[validate]") {
  CHECK(check({r_file("view", 2)}, {row(1, "", "view", 1)}) ==
        std::vector<std::string>{
            "OUTDATED_REPEATABLE_MIGRATION: Detected outdated resolved "
            "repeatable migration that should be re-applied to database: "
            "view.\nRun migrate to execute this migration.",
            "RESOLVED_REPEATABLE_MIGRATION_NOT_APPLIED: Detected resolved "
            "repeatable migration not applied to database: view.\nTo fix this "
            "error, either run migrate, or set "
            "-ignoreMigrationPatterns='*:pending'."});
}

TEST_CASE("migrate's validation ignores pending and outdated migrations",
          "[validate]") {
  Files files = {v_file("1"), v_file("2"), r_file("view", 2)};
  Rows rows = {row(1, "1"), row(2, "", "view", 1)};
  CHECK(check(files, rows).size() == 3);
  CHECK(check(files, rows, patterns("*:future", true)).empty());
}

TEST_CASE("rule 6: type mismatch names the script of a repeatable",
          "[validate]") {
  CHECK(check({r_file("view")}, {typed(row(1, "", "view"), "JDBC")}) ==
        std::vector<std::string>{"TYPE_MISMATCH: Migration type mismatch for "
                                 "migration R__view.sql\n-> Applied to "
                                 "database : JDBC\n-> Resolved locally    : "
                                 "SQL" +
                                 kRepair});
}

TEST_CASE("rule 7: checksum mismatch of a versioned migration", "[validate]") {
  std::vector<std::string> expected = {
      "CHECKSUM_MISMATCH: Migration checksum mismatch for migration version "
      "1\n-> Applied to database : 1203432\n-> Resolved locally    : -99812" +
      kRepair};
  Files files = {v_file("1", "step", -99812)};
  Rows rows = {row(1, "1", "step", 1203432)};
  CHECK(check(files, rows) == expected);
  CHECK(check(files, rows, patterns("*:*", true)) ==
        std::vector<std::string>{});
  CHECK(check(files, rows, patterns("*:future", true)) == expected);
  // A row without a checksum never mismatches.
  CHECK(check(files, {row(1, "1", "step", std::nullopt)}).empty());
}

TEST_CASE(
    "rule 7: repeatable checksums are compared only when pending is "
    "ignored",
    "[validate]") {
  // The row is the latest run and matches by its raw-text checksum (5): a
  // pre-6.3 history, accepted.
  Files files = {r_file("view", 9, 5)};
  Rows rows = {row(1, "", "view", 5)};
  CHECK(check(files, rows, patterns("*:future", true)).empty());
  // An outdated repeatable is re-applied by migrate, not a mismatch.
  CHECK(check({r_file("view", 9)}, {row(1, "", "view", 4)},
              patterns("*:future", true))
            .empty());
}

TEST_CASE("rule 8: description mismatch", "[validate]") {
  CHECK(check({v_file("1", "new name")}, {row(1, "1", "old name")}) ==
        std::vector<std::string>{
            "DESCRIPTION_MISMATCH: Migration description mismatch for "
            "migration version 1\n-> Applied to database : old name\n-> "
            "Resolved locally    : new name" +
            kRepair});
  std::string long_name(250, 'x');
  CHECK(check({v_file("1", long_name)},
              {row(1, "1", abbreviate_description(long_name))})
            .empty());
  CHECK(
      check({v_file("1", "")}, {row(1, "1", "<< no description >>")}).empty());
}

TEST_CASE("mismatches are not checked at or below the applied baseline",
          "[validate]") {
  CHECK(check({b_file("2", "base", 5), v_file("3")},
              {typed(row(1, "2", "base", 4), "SQL_BASELINE"),
               row(2, "3", "step", 6)}) ==
        std::vector<std::string>{
            "CHECKSUM_MISMATCH: Migration checksum mismatch for migration "
            "version 3\n-> Applied to database : 6\n-> Resolved locally    : "
            "1" +
            kRepair});
}

TEST_CASE("undone, above-target and deleted migrations are not validated",
          "[validate]") {
  AppliedMigration original = row(1, "1");
  CHECK(check({}, {original, delete_row(2, original)}).empty());
  CHECK(messages(validate(merge({v_file("1"), v_file("2")}, {row(1, "1")},
                                {Target::parse("1"), false})))
            .empty());
  MergeResult undone = merge({v_file("1"), u_file("1")},
                             {row(1, "1", "step", 7), undo_row(2, "1")});
  // The undone row (checksum 7 vs file 1) is skipped; the V file is Pending.
  CHECK(messages(validate(undone, patterns("*:pending"))).empty());
}

TEST_CASE("a failed undo row fails validation", "[validate][undo]") {
  CHECK(check({v_file("1"), u_file("1")},
              {row(1, "1"), failed(undo_row(2, "1"))}) ==
        std::vector<std::string>{
            "FAILED_VERSIONED_MIGRATION: Detected failed migration to version "
            "1 (step).\nPlease remove any half-completed changes then run "
            "repair to fix the schema history."});
}

TEST_CASE("every migration is checked and all problems are reported",
          "[validate]") {
  std::vector<ValidationIssue> issues =
      validate(merge({v_file("1", "a", 2), v_file("2"), v_file("3")},
                     {row(1, "1", "a", 1), failed(row(2, "2"))}));
  REQUIRE(issues.size() == 3);
  CHECK(issues[0].error_code == "CHECKSUM_MISMATCH");
  CHECK(issues[1].error_code == "FAILED_VERSIONED_MIGRATION");
  CHECK(issues[2].error_code == "RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED");
}

TEST_CASE("the validate failure message lists every problem", "[validate]") {
  std::vector<ValidationIssue> issues = {
      {"CHECKSUM_MISMATCH", "first\nline", "1", "a", ""},
      {"FAILED_VERSIONED_MIGRATION", "second", "2", "b", ""}};
  CHECK(validation_failed_message(issues) ==
        "Validate failed: Migrations have failed validation\nfirst\nline\n"
        "second\nNeed more flexibility with validation rules? Learn more: "
        "https://documentation.red-gate.com/flyway/flyway-blog/older-posts/"
        "customize-validation-rules-with-ignoremigrationpatterns");
}

}  // namespace runway
