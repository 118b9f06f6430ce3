// The scanner on small trees built per test: duplicates, invalid names,
// missing locations, callback locations, placeholders and bad script config.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "runway/core/checksum.hpp"
#include "runway/core/error.hpp"
#include "runway/fs/scanner.hpp"
#include "unit/fs/temp_dir.hpp"

namespace runway::fs {
namespace {

using runway::testing::TempDir;

ScanOptions options_for(const TempDir& dir) {
  ScanOptions options;
  options.locations = {"filesystem:" + dir.path().string()};
  return options;
}

template <typename E>
E error_scanning(const ScanOptions& options) {
  try {
    scan_locations(options);
  } catch (const E& e) {
    return e;
  }
  FAIL("no error");
  throw std::logic_error("unreachable");
}

std::string p(const TempDir& dir, const std::string& relative) {
  return (dir.path() / relative).string();
}

}  // namespace

TEST_CASE("two migrations with equal versions are refused, naming both",
          "[fs][scanner]") {
  TempDir dir;
  dir.write("V1__a.sql", "SELECT 1;");
  dir.write("sub/V1.0__b.sql", "SELECT 2;");
  Error e = error_scanning<Error>(options_for(dir));
  CHECK(e.code() == "DUPLICATE_VERSIONED_MIGRATION");
  CHECK(std::string(e.what()) ==
        "Found more than one migration with version 1\nOffenders:\n-> " +
            p(dir, "V1__a.sql") + " (SQL)\n-> " + p(dir, "sub/V1.0__b.sql") +
            " (SQL)");
}

TEST_CASE("V, B and U of one version coexist; two of a kind do not",
          "[fs][scanner]") {
  TempDir dir;
  dir.write("V1__a.sql", "SELECT 1;");
  dir.write("B1__b.sql", "SELECT 1;");
  dir.write("U1__c.sql", "SELECT 1;");
  ScanResult result = scan_locations(options_for(dir));
  REQUIRE(result.migrations.size() == 3);
  CHECK(result.migrations[0].kind == MigrationKind::kVersioned);
  CHECK(result.migrations[1].kind == MigrationKind::kBaseline);
  CHECK(result.migrations[2].kind == MigrationKind::kUndo);

  dir.write("U1_0__d.sql", "SELECT 1;");
  Error undo = error_scanning<Error>(options_for(dir));
  CHECK(std::string(undo.what()) ==
        "Found more than one migration with version 1.0\nOffenders:\n-> " +
            p(dir, "U1_0__d.sql") + " (UNDO_SQL)\n-> " + p(dir, "U1__c.sql") +
            " (UNDO_SQL)");

  std::filesystem::remove(p(dir, "U1_0__d.sql"));
  dir.write("B01__e.sql", "SELECT 1;");
  Error baseline = error_scanning<Error>(options_for(dir));
  CHECK(std::string(baseline.what()) ==
        "Found more than one migration with version 01\nOffenders:\n-> " +
            p(dir, "B01__e.sql") + " (SQL_BASELINE)\n-> " +
            p(dir, "B1__b.sql") + " (SQL_BASELINE)");
}

TEST_CASE("two repeatables with one description are refused", "[fs][scanner]") {
  TempDir dir;
  dir.write("R__x_y.sql", "SELECT 1;");
  dir.write("sub/R__x y.sql", "SELECT 2;");
  Error e = error_scanning<Error>(options_for(dir));
  CHECK(e.code() == "DUPLICATE_REPEATABLE_MIGRATION");
  CHECK(std::string(e.what()) ==
        "Found more than one repeatable migration with description x "
        "y\nOffenders:\n-> " +
            p(dir, "R__x_y.sql") + " (SQL)\n-> " + p(dir, "sub/R__x y.sql") +
            " (SQL)");
}

TEST_CASE("two callbacks with one name are refused", "[fs][scanner]") {
  TempDir dir;
  dir.write("beforeMigrate.sql", "SELECT 1;");
  dir.write("sub/beforeMigrate.SQL", "SELECT 2;");
  Error e = error_scanning<Error>(options_for(dir));
  CHECK(std::string(e.what()) ==
        "Found more than 1 SQL callback script called beforeMigrate!\n"
        "Offenders:\n-> " +
            p(dir, "beforeMigrate.sql") + "\n-> " +
            p(dir, "sub/beforeMigrate.SQL"));
}

TEST_CASE("repeatables sort by description in byte order", "[fs][scanner]") {
  TempDir dir;
  dir.write("R__b.sql", "SELECT 1;");
  dir.write("R__a.sql", "SELECT 1;");
  dir.write("R__B.sql", "SELECT 1;");
  dir.write("V10__ten.sql", "SELECT 1;");
  dir.write("V9__nine.sql", "SELECT 1;");
  ScanResult result = scan_locations(options_for(dir));
  REQUIRE(result.migrations.size() == 5);
  CHECK(result.migrations[0].description == "nine");
  CHECK(result.migrations[1].description == "ten");
  CHECK(result.migrations[2].description == "B");
  CHECK(result.migrations[3].description == "a");
  CHECK(result.migrations[4].description == "b");
}

TEST_CASE("every invalid name is listed when naming is validated",
          "[fs][scanner]") {
  TempDir dir;
  dir.write("V1__ok.sql", "SELECT 1;");
  dir.write("README.sql", "x");
  dir.write("sub/V1.a__bad.sql", "x");
  dir.write("notes.txt", "not a candidate");
  ScanOptions options = options_for(dir);
  options.validate_migration_naming = true;
  ConfigError e = error_scanning<ConfigError>(options);
  CHECK(std::string(e.what()) ==
        "Invalid SQL filenames found:\r\n"
        "Invalid repeatable migration / callback name format: README.sql (It "
        "cannot contain a version and should look like this: "
        "R__description.sql)\r\n"
        "Invalid versioned migration name format: V1.a__bad.sql (could not "
        "recognise version number 1.a)");

  options.validate_migration_naming = false;
  ScanResult result = scan_locations(options);
  CHECK(result.migrations.size() == 1);
  REQUIRE(result.notices.size() == 2);
  CHECK(result.notices[0].starts_with("2 SQL migrations were detected"));
}

TEST_CASE("a missing location is skipped with a warning or fails",
          "[fs][scanner]") {
  TempDir dir;
  ScanOptions options;
  options.working_directory = dir.path().string();
  options.locations = {"filesystem:nope"};
  ScanResult result = scan_locations(options);
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0] ==
        "Skipping filesystem location: " + p(dir, "nope") + " (not found)");

  options.fail_on_missing_locations = true;
  CHECK(std::string(error_scanning<ConfigError>(options).what()) ==
        "Failed to find filesystem location: " + p(dir, "nope") +
            " (not found)");
}

TEST_CASE("a relative location without working directory gets a hint",
          "[fs][scanner]") {
  ScanOptions options;
  options.locations = {"runway-missing-location-xyz"};
  ScanResult result = scan_locations(options);
  std::string cwd = std::filesystem::current_path().string();
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0] ==
        "Skipping filesystem location: runway-missing-location-xyz (not "
        "found) Resolved to '" +
            cwd +
            "/runway-missing-location-xyz'. If this is not where your "
            "migrations are, check that your working directory is set "
            "correctly (working directory: '" +
            cwd + "').");
}

TEST_CASE("a location that is a file is not a directory", "[fs][scanner]") {
  TempDir dir;
  std::string file = dir.write("V1__x.sql", "SELECT 1;");
  ScanOptions options;
  options.locations = {file};
  ScanResult result = scan_locations(options);
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0] ==
        "Skipping filesystem location: " + file + " (not a directory)");
}

TEST_CASE("the default location is sql under the working directory",
          "[fs][scanner]") {
  TempDir dir;
  dir.write("sql/V1__x.sql", "SELECT 1;");
  ScanOptions options;
  options.working_directory = dir.path().string();
  ScanResult result = scan_locations(options);
  REQUIRE(result.migrations.size() == 1);
  CHECK(result.migrations[0].script == "V1__x.sql");
  CHECK(result.migrations[0].physical_path == p(dir, "sql/V1__x.sql"));
}

TEST_CASE("overlapping locations list a file once", "[fs][scanner]") {
  TempDir dir;
  dir.write("sub/V1__x.sql", "SELECT 1;");
  ScanOptions options = options_for(dir);
  options.locations.push_back("filesystem:" + p(dir, "sub"));
  ScanResult result = scan_locations(options);
  REQUIRE(result.migrations.size() == 1);
  CHECK(result.migrations[0].script == "sub/V1__x.sql");
}

TEST_CASE("non-filesystem locations are refused", "[fs][scanner]") {
  ScanOptions options;
  options.locations = {"classpath:db/migration"};
  CHECK(std::string(error_scanning<ConfigError>(options).what()) ==
        "Unsupported location: classpath:db/migration (Runway reads "
        "filesystem: locations only)");
}

TEST_CASE("a directory symlink loop does not hang the scan", "[fs][scanner]") {
  TempDir dir;
  dir.write("V1__x.sql", "SELECT 1;");
  std::filesystem::create_directory_symlink(dir.path(), dir.path() / "loop");
  ScanResult result = scan_locations(options_for(dir));
  CHECK(result.migrations.size() == 1);
}

TEST_CASE("an unknown placeholder in a repeatable fails the scan",
          "[fs][scanner]") {
  TempDir dir;
  dir.write("R__view.sql", "SELECT 1;\nSELECT ${missing};\n");
  dir.write("V1__raw.sql", "SELECT ${missing};\n");  // never replaced
  MigrationFileError e = error_scanning<MigrationFileError>(options_for(dir));
  CHECK(std::string(e.what()) ==
        "No value provided for placeholder: ${missing}.  Check your "
        "configuration!");
  CHECK(e.file() == p(dir, "R__view.sql"));
  CHECK(e.line() == 2);
}

TEST_CASE("repeatables see their own file name as flyway:filename",
          "[fs][scanner]") {
  TempDir dir;
  dir.write("R__named.sql", "-- ${flyway:filename}\n");
  ScanResult result = scan_locations(options_for(dir));
  REQUIRE(result.migrations.size() == 1);
  CHECK(result.migrations[0].checksum == checksum_of("-- R__named.sql\n"));
}

TEST_CASE("placeholder replacement can be switched off globally",
          "[fs][scanner]") {
  TempDir dir;
  dir.write("R__view.sql", "SELECT ${x};\n");
  ScanOptions options = options_for(dir);
  options.placeholder_replacement = false;
  ScanResult result = scan_locations(options);
  CHECK(result.migrations[0].checksum == 160378602);
  CHECK(result.migrations[0].equivalent_checksum == 160378602);
}

TEST_CASE(".sql.conf files get placeholders and are matched ignoring case",
          "[fs][scanner]") {
  TempDir dir;
  dir.write("V1__x.sql", "SELECT 1;");
  dir.write("V1__x.SQL.CONF", "executeInTransaction=${tx}\n");
  ScanOptions options = options_for(dir);
  options.placeholders.values = {{"tx", "false"}};
  ScanResult result = scan_locations(options);
  CHECK(result.migrations[0].config.execute_in_transaction == false);
}

TEST_CASE("a bad .sql.conf names the conf file", "[fs][scanner]") {
  TempDir dir;
  dir.write("V1__x.sql", "SELECT 1;");
  std::string conf = dir.write("V1__x.sql.conf", "shouldExecute=false\n");
  MigrationFileError e = error_scanning<MigrationFileError>(options_for(dir));
  CHECK(std::string(e.what()) ==
        "Unknown configuration property: shouldExecute. Please check your "
        "script config files");
  CHECK(e.file() == conf);
}

TEST_CASE("a migration in the wrong encoding names file and line",
          "[fs][scanner]") {
  TempDir dir;
  std::string path = dir.write("V1__x.sql", "SELECT 1;\n-- caf\xE9\n");
  MigrationFileError e = error_scanning<MigrationFileError>(options_for(dir));
  CHECK(e.file() == path);
  CHECK(e.line() == 2);
  ScanOptions latin1 = options_for(dir);
  latin1.encoding = "ISO-8859-1";
  CHECK(scan_locations(latin1).migrations.size() == 1);
}

TEST_CASE("callback locations replace the migration locations for callbacks",
          "[fs][scanner]") {
  TempDir dir;
  dir.write("sql/V1__x.sql", "SELECT 1;");
  dir.write("sql/beforeMigrate.sql", "SELECT 'ignored';");
  dir.write("callbacks/afterMigrate__report.sql", "SELECT 'used';");
  ScanOptions options;
  options.working_directory = dir.path().string();
  options.locations = {"filesystem:sql"};
  options.callback_locations = {"filesystem:callbacks", "filesystem:gone"};
  ScanResult result = scan_locations(options);
  REQUIRE(result.migrations.size() == 1);
  REQUIRE(result.callbacks.size() == 1);
  CHECK(result.callbacks[0].event == "afterMigrate");
  CHECK(result.callbacks[0].description == "report");
  CHECK(result.callbacks[0].script == "afterMigrate__report.sql");
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0] == "Skipping callback location " + p(dir, "gone") +
                                  " as it does not exist");
}

// More files than one thread takes (128 each), so the scan runs on several.
TEST_CASE("many scripts are checksummed exactly as one at a time",
          "[fs][scanner]") {
  runway::testing::TempDir dir;
  constexpr int kCount = 700;
  for (int i = 1; i <= kCount; ++i) {
    std::string text = "-- script " + std::to_string(i) + "\r\nSELECT " +
                       std::to_string(i * 7) + ";\n";
    if (i % 3 == 0) text = "\xEF\xBB\xBF" + text;  // a BOM on some
    dir.write("m/V" + std::to_string(i) + "__s.sql", text);
  }
  ScanOptions options;
  options.locations = {"filesystem:" + dir.path().string() + "/m"};
  ScanResult result = scan_locations(options);
  REQUIRE(result.migrations.size() == kCount);
  for (int i = 1; i <= kCount; ++i) {
    const ResolvedMigration& m = result.migrations[static_cast<size_t>(i - 1)];
    REQUIRE(m.version->text() == std::to_string(i));
    std::string text = "-- script " + std::to_string(i) + "\nSELECT " +
                       std::to_string(i * 7) + ";\n";
    CHECK(m.checksum == checksum_of(text));
  }
}

TEST_CASE("with many scripts the error of the first bad one is reported",
          "[fs][scanner]") {
  runway::testing::TempDir dir;
  for (int i = 1; i <= 600; ++i) {
    bool bad = i == 250 || i == 251 || i == 590;
    dir.write(
        "m/V" + std::to_string(i) + "__s.sql",
        bad ? std::string("SELECT '\xFF';\n") : std::string("SELECT 1;\n"));
  }
  ScanOptions options;
  options.locations = {"filesystem:" + dir.path().string() + "/m"};
  try {
    scan_locations(options);
    FAIL("no error");
  } catch (const MigrationFileError& e) {
    CHECK(e.file().ends_with("/V250__s.sql"));
    CHECK(std::string(e.what()).starts_with(
        "Unable to calculate checksum of V250__s.sql"));
  }
}

}  // namespace runway::fs
