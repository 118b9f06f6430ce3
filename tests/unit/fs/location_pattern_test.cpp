// Flyway's location wildcards (LocationParser): the pattern on its own, and
// a scan of a location that has them.
#include "fs/location_pattern.hpp"

#include <catch2/catch.hpp>

#include "runway/fs/scanner.hpp"
#include "unit/fs/temp_dir.hpp"

namespace runway::fs {

TEST_CASE("a location splits at its first component with a wildcard",
          "[fs][locations]") {
  SplitLocation plain = split_wildcards("db/migration");
  CHECK(plain.root == "db/migration");
  CHECK_FALSE(plain.pattern);

  SplitLocation deep = split_wildcards("/srv/db/**/test");
  CHECK(deep.root == "/srv/db");
  REQUIRE(deep.pattern);
  CHECK(deep.pattern->parts == std::vector<std::string>{"**", "test"});
  CHECK_FALSE(deep.pattern->names_files);

  // Both separators, as Flyway splits on either.
  SplitLocation files = split_wildcards("db\\sql/*.sql");
  CHECK(files.root == "db/sql");
  REQUIRE(files.pattern);
  CHECK(files.pattern->names_files);  // the last part has a '.'

  CHECK(split_wildcards("**/sql").root.empty());
  CHECK(split_wildcards("/*/sql").root == "/");
}

TEST_CASE("location patterns match as Flyway's regular expressions do",
          "[fs][locations]") {
  const LocationPattern tests = *split_wildcards("db/**/test").pattern;
  // `**` is zero or more directories; the file goes by its path under the
  // directory the pattern names (the history's script name).
  CHECK(match_location(tests, "v1.0/test/V1__a.sql") == "V1__a.sql");
  CHECK(match_location(tests, "test/V1__a.sql") == "V1__a.sql");
  CHECK(match_location(tests, "dev/x/1.0/test/sub/V3__c.sql") ==
        "sub/V3__c.sql");
  // As few directories as will do: the first "test" ends the pattern.
  CHECK(match_location(tests, "a/test/b/test/V4__d.sql") == "b/test/V4__d.sql");
  CHECK_FALSE(match_location(tests, "v1.0/release/V2__b.sql"));
  CHECK_FALSE(match_location(tests, "v1.0/test"));  // nothing under it

  // `*` is one or more characters, `?` exactly one, within a component.
  const LocationPattern stars = *split_wildcards("db/release*/sql").pattern;
  CHECK(match_location(stars, "release1/sql/V1__a.sql") == "V1__a.sql");
  CHECK(match_location(stars, "release-2.0/sql/V2__b.sql") == "V2__b.sql");
  CHECK_FALSE(match_location(stars, "release/sql/V3__c.sql"));
  const LocationPattern one = *split_wildcards("db/v?/sql").pattern;
  CHECK(match_location(one, "v1/sql/V1__a.sql"));
  CHECK(match_location(one, "vé/sql/V1__a.sql"));  // one character
  CHECK_FALSE(match_location(one, "v10/sql/V1__a.sql"));

  // A last component with a '.' names the files themselves (so
  // `db/release1.*` names files, not directories, as in Flyway); they keep
  // their path under the root.
  const LocationPattern sql_files = *split_wildcards("db/**/*.sql").pattern;
  CHECK(match_location(sql_files, "V1__a.sql") == "V1__a.sql");
  CHECK(match_location(sql_files, "x/y/V2__b.sql") == "x/y/V2__b.sql");
  CHECK_FALSE(match_location(sql_files, "x/V2__b.txt"));
  const LocationPattern release = *split_wildcards("db/release1.*").pattern;
  CHECK(match_location(release, "release1.0") == "release1.0");
  CHECK_FALSE(match_location(release, "release1.0/V5__e.sql"));
}

TEST_CASE("hostile location patterns stay cheap", "[fs][locations]") {
  // Eighteen stars against sixty characters, and `**` after `**` against a
  // deep path: both would take exponential time with plain backtracking
  // (this test would not finish).
  std::string glob = "db/";
  for (int i = 0; i < 18; ++i) glob += "*a";
  glob += "b/x";
  const LocationPattern stars = *split_wildcards(glob).pattern;
  CHECK_FALSE(match_location(stars, std::string(60, 'a') + "/x/V1__a.sql"));
  // Each `*` takes one character at least: a*a*a needs five.
  const LocationPattern five = *split_wildcards("db/a*a*a/x").pattern;
  CHECK(match_location(five, "aaaaa/x/V1.sql"));
  CHECK(match_location(five, "abaxya/x/V1.sql"));
  CHECK_FALSE(match_location(five, "aaaa/x/V1.sql"));

  std::string deep_glob = "db";
  for (int i = 0; i < 12; ++i) deep_glob += "/**";
  deep_glob += "/none";
  std::string deep_path;
  for (int i = 0; i < 40; ++i) deep_path += "d/";
  deep_path += "V1__a.sql";
  CHECK_FALSE(match_location(*split_wildcards(deep_glob).pattern, deep_path));
}

TEST_CASE("a scan of a location with wildcards", "[fs][locations]") {
  runway::testing::TempDir dir;
  dir.write("db/v1.0/test/V1__one.sql", "SELECT 1;\n");
  dir.write("db/v2.0/test/V2__two.sql", "SELECT 2;\n");
  dir.write("db/v2.0/release/V3__three.sql", "SELECT 3;\n");
  ScanOptions options;
  options.locations = {"filesystem:db/**/test"};
  options.working_directory = dir.path().string();
  ScanResult result = scan_locations(options);
  REQUIRE(result.migrations.size() == 2);
  CHECK(result.migrations[0].script == "V1__one.sql");
  CHECK(result.migrations[0].physical_path ==
        (dir.path() / "db/v1.0/test/V1__one.sql").string());
  CHECK(result.migrations[1].script == "V2__two.sql");
  CHECK(result.warnings.empty());

  // A pattern that names files still finds each script's .sql.conf.
  dir.write("db/v1.0/test/V1__one.sql.conf", "executeInTransaction=false\n");
  options.locations = {"filesystem:db/**/*.sql"};
  result = scan_locations(options);
  REQUIRE(result.migrations.size() == 3);
  CHECK(result.migrations[0].script == "v1.0/test/V1__one.sql");
  CHECK(result.migrations[0].config.execute_in_transaction == false);

  // Ending in ** it names nothing, as Flyway reads it, and says so.
  options.locations = {"filesystem:db/**"};
  result = scan_locations(options);
  CHECK(result.migrations.empty());
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].find("matches no file") != std::string::npos);
}

}  // namespace runway::fs
