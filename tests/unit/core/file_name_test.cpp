#include "runway/core/file_name.hpp"

#include <catch2/catch.hpp>

namespace runway {
namespace {

ParsedFileName parse_ok(std::string_view name,
                        const NamingOptions& options = {}) {
  std::string error;
  auto parsed = parse_file_name(name, options, &error);
  INFO(name << ": " << error);
  REQUIRE(parsed.has_value());
  return *parsed;
}

std::string parse_error(std::string_view name,
                        const NamingOptions& options = {}) {
  std::string error;
  auto parsed = parse_file_name(name, options, &error);
  CHECK_FALSE(parsed.has_value());
  return error;
}

}  // namespace

TEST_CASE("versioned name gives version, raw version and description",
          "[file_name]") {
  auto parsed = parse_ok("V1_1__Second_step.sql");
  CHECK_FALSE(parsed.is_callback);
  CHECK(parsed.kind == MigrationKind::kVersioned);
  CHECK(parsed.raw_version == "1_1");
  REQUIRE(parsed.version.has_value());
  CHECK(parsed.version->text() == "1.1");
  CHECK(parsed.description == "Second step");
  CHECK(parsed.prefix == "V");
  CHECK(parsed.suffix == ".sql");
}

TEST_CASE("name is split at the first separator only", "[file_name]") {
  auto parsed = parse_ok("V1__2__x.sql");
  CHECK(parsed.raw_version == "1");
  CHECK(parsed.description == "2  x");
}

TEST_CASE("description may be empty", "[file_name]") {
  CHECK(parse_ok("V1.sql").description.empty());
  CHECK(parse_ok("V1__.sql").description.empty());
  auto repeatable = parse_ok("R__.sql");
  CHECK(repeatable.kind == MigrationKind::kRepeatable);
  CHECK(repeatable.description.empty());
}

TEST_CASE("R, B and U prefixes give their kinds", "[file_name]") {
  auto repeatable = parse_ok("R__My_view.sql");
  CHECK(repeatable.kind == MigrationKind::kRepeatable);
  CHECK_FALSE(repeatable.version.has_value());
  CHECK(repeatable.raw_version.empty());
  CHECK(repeatable.description == "My view");

  auto baseline = parse_ok("B2__base.sql");
  CHECK(baseline.kind == MigrationKind::kBaseline);
  CHECK(baseline.version->text() == "2");

  auto undo = parse_ok("U1.1__undo_it.sql");
  CHECK(undo.kind == MigrationKind::kUndo);
  CHECK(undo.version->text() == "1.1");
  CHECK(undo.description == "undo it");
}

TEST_CASE("suffix matches without regard to case, prefix with regard to it",
          "[file_name]") {
  auto parsed = parse_ok("V1__x.SQL");
  CHECK(parsed.suffix == ".SQL");
  CHECK(parsed.description == "x");
  CHECK(parse_error("v1__x.sql") ==
        "Unrecognised migration name format: v1__x.sql");
}

TEST_CASE("callback names are recognised by event id", "[file_name]") {
  auto before = parse_ok("beforeMigrate.sql");
  CHECK(before.is_callback);
  CHECK(before.event == "beforeMigrate");
  CHECK(before.description.empty());
  CHECK(before.name_without_suffix() == "beforeMigrate");

  auto note = parse_ok("afterEachMigrate__note_one.sql");
  CHECK(note.is_callback);
  CHECK(note.event == "afterEachMigrate");
  CHECK(note.description == "note one");
  CHECK(note.name_without_suffix() == "afterEachMigrate__note one");
}

TEST_CASE("the longest matching prefix wins", "[file_name]") {
  CHECK(parse_ok("afterMigrateApplied.sql").event == "afterMigrateApplied");
  CHECK(parse_ok("afterMigrate.sql").event == "afterMigrate");
  CHECK(parse_ok("afterEachMigrateStatementError__x.sql").event ==
        "afterEachMigrateStatementError");
  CHECK(parse_ok("afterInfoOperationFinish.sql").event ==
        "afterInfoOperationFinish");
}

TEST_CASE("versioned names without a valid version are rejected",
          "[file_name]") {
  CHECK(parse_error("V__x.sql") ==
        "Invalid versioned migration name format: V__x.sql (It must contain "
        "a version and should look like this: V1.2__x.sql)");
  CHECK(parse_error("B__.sql") ==
        "Invalid versioned migration name format: B__.sql (It must contain "
        "a version and should look like this: B1.2__description.sql)");
  CHECK(parse_error("V1..2__x.sql") ==
        "Invalid versioned migration name format: V1..2__x.sql (could not "
        "recognise version number 1..2)");
  CHECK(parse_error("V1_a__x.SQL") ==
        "Invalid versioned migration name format: V1_a__x.SQL (could not "
        "recognise version number 1_a)");
}

TEST_CASE("repeatables and callbacks may not carry a version", "[file_name]") {
  CHECK(parse_error("README.sql") ==
        "Invalid repeatable migration / callback name format: README.sql (It "
        "cannot contain a version and should look like this: "
        "R__description.sql)");
  CHECK(parse_error("R1__view.sql") ==
        "Invalid repeatable migration / callback name format: R1__view.sql "
        "(It cannot contain a version and should look like this: "
        "R__view.sql)");
  CHECK(parse_error("beforeMigrate_x.Sql") ==
        "Invalid repeatable migration / callback name format: "
        "beforeMigrate_x.Sql (It cannot contain a version and should look "
        "like this: beforeMigrate__description.Sql)");
}

TEST_CASE("names matching no prefix are unrecognised", "[file_name]") {
  CHECK(parse_error("foo.sql") ==
        "Unrecognised migration name format: foo.sql");
  CHECK(parse_error(".sql") == "Unrecognised migration name format: .sql");
}

TEST_CASE("naming options change prefixes, separator and suffixes",
          "[file_name]") {
  NamingOptions options;
  options.sql_migration_prefix = "M";
  options.repeatable_sql_migration_prefix = "RR";
  options.sql_migration_separator = "-";
  options.sql_migration_suffixes = {".pgsql", ".sql"};

  auto versioned = parse_ok("M1_2-add_table.PGSQL", options);
  CHECK(versioned.kind == MigrationKind::kVersioned);
  CHECK(versioned.version->text() == "1.2");
  CHECK(versioned.description == "add table");
  CHECK(versioned.suffix == ".PGSQL");

  auto repeatable = parse_ok("RR-view.sql", options);
  CHECK(repeatable.kind == MigrationKind::kRepeatable);
  CHECK(repeatable.description == "view");

  CHECK(parse_error("V1__x.sql", options) ==
        "Unrecognised migration name format: V1__x.sql");
  CHECK(parse_error("M-x.sql", options) ==
        "Invalid versioned migration name format: M-x.sql (It must contain a "
        "version and should look like this: M1.2-x.sql)");
}

TEST_CASE("an empty versioned prefix matches names that start with a version",
          "[file_name]") {
  NamingOptions options;
  options.sql_migration_prefix = "";
  auto parsed = parse_ok("1__init.sql", options);
  CHECK(parsed.kind == MigrationKind::kVersioned);
  CHECK(parsed.version->text() == "1");
  CHECK(parse_ok("beforeMigrate.sql", options).is_callback);
}

TEST_CASE("only configured suffixes make migration candidates", "[file_name]") {
  NamingOptions options;
  CHECK(has_migration_suffix("V1__x.sql", options));
  CHECK(has_migration_suffix("V1__x.SqL", options));
  CHECK_FALSE(has_migration_suffix("V1__x.sql.conf", options));
  CHECK_FALSE(has_migration_suffix("V1__x.txt", options));
  options.sql_migration_suffixes = {".ddl", ".sql"};
  CHECK(has_migration_suffix("V1__x.DDL", options));
}

TEST_CASE("callback event list is Flyway's", "[file_name]") {
  CHECK(callback_events().size() == 42);
  CHECK(callback_events().front() == "beforeClean");
  CHECK(callback_events().back() == "afterConnect");
  CHECK(is_callback_event("afterEachMigrateStatementError"));
  CHECK(is_callback_event("beforeConnect"));
  CHECK_FALSE(is_callback_event("beforemigrate"));
  CHECK_FALSE(is_callback_event("afterCleanOperationFinish"));
}

TEST_CASE("long descriptions are cut to 197 characters plus dots",
          "[file_name]") {
  CHECK(abbreviate_description(std::string(200, 'a')) == std::string(200, 'a'));
  CHECK(abbreviate_description(std::string(201, 'a')) ==
        std::string(197, 'a') + "...");
  CHECK(abbreviate_description("short") == "short");
}

TEST_CASE("description length counts characters as Java does", "[file_name]") {
  std::string e_acute;
  for (int i = 0; i < 200; ++i) e_acute += "\xC3\xA9";
  CHECK(abbreviate_description(e_acute) == e_acute);
  std::string longer = e_acute + "\xC3\xA9";
  CHECK(abbreviate_description(longer) == e_acute.substr(0, 2 * 197) + "...");

  // U+1F600 is two UTF-16 code units: 100 of them fill 200 units exactly.
  std::string emoji;
  for (int i = 0; i < 100; ++i) emoji += "\xF0\x9F\x98\x80";
  CHECK(abbreviate_description(emoji) == emoji);
  std::string more = emoji + "x";
  CHECK(abbreviate_description(more) == emoji.substr(0, 4 * 98) + "...");
}

TEST_CASE("long scripts keep their head after replacing 3 characters",
          "[file_name]") {
  std::string script;
  for (int i = 0; i < 1001; ++i) script += static_cast<char>('a' + i % 26);
  std::string abbreviated = abbreviate_script(script);
  CHECK(abbreviated.size() == 1000);
  CHECK(abbreviated == "..." + script.substr(3, 997));
  CHECK(abbreviate_script(script.substr(0, 1000)) == script.substr(0, 1000));
}

}  // namespace runway
