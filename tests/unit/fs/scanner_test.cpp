// The scanner over the byte-exact tree in tests/data/scan/basic: sub-folders,
// a hidden folder, CRLF, BOM and Latin-1 files, .sql.conf files, directives,
// callbacks and a hidden file with an invalid name.
#include "runway/fs/scanner.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

#include "runway/core/checksum.hpp"
#include "runway/core/error.hpp"
#include "unit/fs/temp_dir.hpp"

namespace runway::fs {
namespace {

using runway::testing::data_path;

const std::string kRoot = data_path("scan/basic");

ScanOptions basic_options() {
  ScanOptions options;
  options.locations = {"filesystem:" + kRoot};
  options.placeholders.values = {{"x", "1"}};
  return options;
}

struct Expected {
  MigrationKind kind;
  const char* version;  // display text; nullptr for repeatables
  const char* raw_version;
  const char* description;
  const char* script;
  std::int32_t checksum;
};

}  // namespace

TEST_CASE("scan finds migrations in sub-folders, ordered as Flyway",
          "[fs][scanner]") {
  ScanResult result = scan_locations(basic_options());
  const Expected expected[] = {
      {MigrationKind::kVersioned, "1", "1", "First", "V1__First.sql",
       194980085},
      {MigrationKind::kUndo, "1", "1", "undo first", "U1__undo_first.sql",
       1577694729},
      {MigrationKind::kVersioned, "1.1", "1_1", "Second step",
       "V1_1__Second_step.sql", 78787420},
      {MigrationKind::kVersioned, "2", "2", "bom", "sub/V2__bom.sql", 78787420},
      {MigrationKind::kVersioned, "3", "3", "latin1",
       "sub/deeper/V3__latin1.sql", 139021238},
      {MigrationKind::kBaseline, "3", "3", "base", "B3__base.sql", 914641374},
      {MigrationKind::kVersioned, "4", "4", "no tx", "V4__no_tx.sql",
       191967458},
      {MigrationKind::kVersioned, "5", "5", "conf wins", "V5__conf_wins.sql",
       -946638435},
      {MigrationKind::kVersioned, "6", "6", "upper", "V6__upper.SQL",
       1274258843},
      {MigrationKind::kRepeatable, nullptr, "", "a view", "R__a_view.sql",
       -1752130201},
      {MigrationKind::kRepeatable, nullptr, "", "no replace",
       "R__no_replace.sql", -1316465702},
      {MigrationKind::kRepeatable, nullptr, "", "view",
       "sub/deeper/R__view.sql", 78787420},
  };
  REQUIRE(result.migrations.size() == std::size(expected));
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    const ResolvedMigration& m = result.migrations[i];
    const Expected& e = expected[i];
    INFO("migration " << i << ": " << m.script);
    CHECK(m.kind == e.kind);
    if (e.version == nullptr) {
      CHECK_FALSE(m.version.has_value());
    } else {
      REQUIRE(m.version.has_value());
      CHECK(m.version->text() == e.version);
    }
    CHECK(m.raw_version == e.raw_version);
    CHECK(m.description == e.description);
    CHECK(m.script == e.script);
    CHECK(m.physical_path == kRoot + "/" + e.script);
    CHECK(m.checksum == e.checksum);
  }
}

TEST_CASE("repeatables carry the raw-text checksum as equivalent",
          "[fs][scanner]") {
  ScanResult result = scan_locations(basic_options());
  const ResolvedMigration& view = result.migrations.back();
  REQUIRE(view.script == "sub/deeper/R__view.sql");
  CHECK(view.checksum == 78787420);              // "SELECT 1;\n"
  CHECK(view.equivalent_checksum == 160378602);  // "SELECT ${x};\n"
  for (const ResolvedMigration& m : result.migrations) {
    if (m.kind != MigrationKind::kRepeatable) {
      CHECK_FALSE(m.equivalent_checksum.has_value());
    }
  }
}

TEST_CASE("placeholder replacement switched off in .sql.conf hashes raw text",
          "[fs][scanner]") {
  // R__no_replace.sql uses an undefined placeholder: no error, raw checksum.
  ScanResult result = scan_locations(basic_options());
  const ResolvedMigration& no_replace = result.migrations[10];
  REQUIRE(no_replace.script == "R__no_replace.sql");
  CHECK(no_replace.config.placeholder_replacement == false);
  CHECK(no_replace.checksum == -1316465702);
  CHECK(no_replace.equivalent_checksum == -1316465702);
}

TEST_CASE("script config comes from .sql.conf and directives",
          "[fs][scanner]") {
  ScanResult result = scan_locations(basic_options());
  const auto& m = result.migrations;
  CHECK(m[4].config.encoding == "ISO-8859-1");
  CHECK(m[6].config.execute_in_transaction == false);   // directive only
  CHECK(m[7].config.execute_in_transaction == true);    // .conf wins
  CHECK(m[7].config.placeholder_replacement == false);  // from directive
  CHECK_FALSE(m[0].config.execute_in_transaction.has_value());
  CHECK_FALSE(m[0].config.encoding.has_value());
}

TEST_CASE("callbacks are found and ordered by event then description",
          "[fs][scanner]") {
  ScanResult result = scan_locations(basic_options());
  REQUIRE(result.callbacks.size() == 4);
  const auto& c = result.callbacks;
  CHECK(c[0].event == "beforeMigrate");
  CHECK(c[0].description.empty());
  CHECK(c[0].script == "beforeMigrate.sql");
  CHECK(c[1].event == "afterEachMigrate");
  CHECK(c[1].description.empty());
  CHECK(c[2].event == "afterEachMigrate");
  CHECK(c[2].description == "note");
  CHECK(c[2].script == "sub/afterEachMigrate__note.sql");
  CHECK(c[2].physical_path == kRoot + "/sub/afterEachMigrate__note.sql");
  CHECK(c[3].event == "afterMigrate");
  CHECK(c[3].config.execute_in_transaction == false);
}

TEST_CASE("hidden folders are skipped but hidden files are not",
          "[fs][scanner]") {
  ScanResult result = scan_locations(basic_options());
  for (const ResolvedMigration& m : result.migrations) {
    CHECK(m.script.find(".hidden") == std::string::npos);
  }
  // .notes.sql is a hidden file with an invalid name: counted and skipped,
  // said at info level as Flyway says it.
  CHECK(result.warnings.empty());
  REQUIRE(result.notices.size() == 2);
  CHECK(result.notices[0] ==
        "1 SQL migrations were detected but not run because they did not "
        "follow the filename convention.");
  CHECK(result.notices[1] ==
        "Set 'validateMigrationNaming' to true to fail fast and see a list of "
        "the invalid file names.");
}

TEST_CASE("validateMigrationNaming turns invalid names into an error",
          "[fs][scanner]") {
  ScanOptions options = basic_options();
  options.validate_migration_naming = true;
  try {
    scan_locations(options);
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()) ==
          "Invalid SQL filenames found:\r\nUnrecognised migration name "
          "format: .notes.sql");
  }
}

TEST_CASE("a bare directory works like a filesystem: location",
          "[fs][scanner]") {
  ScanOptions options = basic_options();
  options.locations = {"scan/basic"};
  options.working_directory = data_path("");
  ScanResult result = scan_locations(options);
  CHECK(result.migrations.size() == 12);
  CHECK(result.migrations[0].physical_path == kRoot + "/V1__First.sql");
}

TEST_CASE("a location inside another is dropped whatever the order given",
          "[fs][scanner]") {
  // Flyway's Locations sorts them and discards a repeated location or a
  // sub-location with a warning, so the script name is the outer one's.
  runway::testing::TempDir dir;
  dir.write("sql/V1__one.sql", "SELECT 1;\n");
  dir.write("sql/postgres/V2__pg.sql", "SELECT 2;\n");
  dir.write("sql2/V3__three.sql", "SELECT 3;\n");
  for (const std::vector<std::string>& locations :
       {std::vector<std::string>{"filesystem:sql/postgres", "filesystem:sql",
                                 "sql2/", "filesystem:sql2"},
        std::vector<std::string>{"sql2", "filesystem:sql",
                                 "filesystem:sql/postgres/"}}) {
    ScanOptions options;
    options.locations = locations;
    options.working_directory = dir.path().string();
    ScanResult result = scan_locations(options);
    REQUIRE(result.migrations.size() == 3);
    CHECK(result.migrations[1].script == "postgres/V2__pg.sql");
    REQUIRE_FALSE(result.warnings.empty());
    CHECK(result.warnings.front() ==
          "Discarding location 'filesystem:sql/postgres' as it is a "
          "sub-location of 'filesystem:sql'");
  }
  ScanOptions repeated;
  repeated.locations = {"filesystem:sql2", "sql2/"};
  repeated.working_directory = dir.path().string();
  ScanResult result = scan_locations(repeated);
  CHECK(result.migrations.size() == 1);
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0] ==
        "Discarding duplicate location 'filesystem:sql2'");
}

}  // namespace runway::fs

namespace runway::fs {

TEST_CASE("files in more directories than a listing keeps open are all read",
          "[fs][scanner]") {
  // At most 64 directories stay open while the files are read (each file
  // opened relative to its directory); files in later ones are opened by
  // their full path. Either way each checksum is its file's, and no
  // descriptor is left open.
  runway::testing::TempDir dir;
  for (int i = 1; i <= 70; ++i) {
    const std::string sub = (i < 10 ? "d0" : "d") + std::to_string(i);
    dir.write(sub + "/V" + std::to_string(i) + "__m.sql",
              "SELECT " + std::to_string(i) + ";\n");
  }
  ScanOptions options;
  options.locations = {"filesystem:" + dir.path().string()};
  const std::size_t before = runway::testing::entries_of("/proc/self/fd");
  const ScanResult result = scan_locations(options);
  CHECK(runway::testing::entries_of("/proc/self/fd") == before);
  REQUIRE(result.migrations.size() == 70);
  for (std::size_t i = 0; i < 70; ++i) {
    const ResolvedMigration& m = result.migrations[i];
    const std::string n = std::to_string(i + 1);
    INFO(m.script);
    CHECK(m.version->text() == n);
    CHECK(m.checksum == checksum_of("SELECT " + n + ";\n"));
  }
}

TEST_CASE("directories kept open are counted across locations",
          "[fs][scanner]") {
  // Two locations of 40 directories each: 80 listed, at most 64 kept open
  // (each a descriptor) while the scan reads; the rest opened by path.
  runway::testing::TempDir dir;
  for (int i = 1; i <= 80; ++i) {
    const std::string location = i <= 40 ? "a/" : "b/";
    dir.write(location + "d" + std::to_string(i) + "/V" + std::to_string(i) +
                  "__m.sql",
              "SELECT " + std::to_string(i) + ";\n");
  }
  dir.write("b/R__last.sql", "SELECT 0;\n");
  ScanOptions options;
  options.locations = {"filesystem:" + (dir.path() / "a").string(),
                       "filesystem:" + (dir.path() / "b").string()};
  const std::size_t before = runway::testing::entries_of("/proc/self/fd");
  std::size_t during = 0;
  // Asked for by the repeatable, while every listed directory is held.
  options.resolve_placeholders = [&during] {
    during = runway::testing::entries_of("/proc/self/fd");
    return PlaceholderOptions{};
  };
  const ScanResult result = scan_locations(options);
  CHECK(result.migrations.size() == 81);
  REQUIRE(during > 0);
  // 64 directories, and a few files being read at that moment.
  CHECK(during - before <= 64 + 8);
  CHECK(runway::testing::entries_of("/proc/self/fd") == before);
}

}  // namespace runway::fs
