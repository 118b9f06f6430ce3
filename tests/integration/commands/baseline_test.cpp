#include <catch2/catch.hpp>

#include "command_harness.hpp"
#include "runway/history/schema_history.hpp"

using runway::ErrorKind;
using runway::test::CommandHarness;
using runway::test::Engine;
using Strings = std::vector<std::string>;

namespace {

constexpr const char* kResetUrl =
    "\nNeed to reset your baseline? Learn more: https://rd.gt/3CdwkXD";

}  // namespace

TEST_CASE(
    "baseline marks an existing schema so migrate applies only newer "
    "migrations",
    "[commands][baseline][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  h.connect()->execute("CREATE TABLE legacy (id int)");
  h.write("V0_9__older.sql", "CREATE TABLE older (id int);\n");
  h.write("V1__legacy.sql", "CREATE TABLE legacy (id int);\n");
  h.write("V2__add_name.sql", "ALTER TABLE legacy ADD COLUMN name text;\n");
  CHECK(h.failure_of("migrate") ==
        "Found non-empty schema(s) \"public\" but no schema history table. "
        "Use baseline() or set baselineOnMigrate to true to initialize the "
        "schema history table.");

  const runway::commands::BaselineResult result = h.baseline();
  CHECK(result.successfully_baselined);
  CHECK(result.baseline_version == "1");
  CHECK(
      h.logged("Creating Schema History table "
               "\"public\".\"flyway_schema_history\" with baseline ..."));
  CHECK(h.logged("Successfully baselined schema with version: 1"));

  const std::vector<runway::AppliedMigration> rows = h.history();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].installed_rank == 1);
  CHECK(rows[0].version->text() == "1");
  CHECK(rows[0].description == "<< Flyway Baseline >>");
  CHECK(rows[0].type == "BASELINE");
  CHECK(rows[0].script == "<< Flyway Baseline >>");
  CHECK_FALSE(rows[0].checksum.has_value());
  CHECK(rows[0].installed_by == "postgres");
  CHECK(rows[0].execution_time == 0);
  CHECK(rows[0].success);
  CHECK(h.states() == Strings{"0.9: Below Baseline", "1: Ignored (Baseline)",
                              "1: Baseline", "2: Pending"});

  const runway::commands::MigrateResult migrated = h.migrate();
  REQUIRE(migrated.migrations.size() == 1);
  CHECK(migrated.migrations[0].version == "2");
  CHECK(h.states() == Strings{"0.9: Below Baseline", "1: Ignored (Baseline)",
                              "1: Baseline", "2: Success"});
  CHECK(h.scalar("SELECT to_regclass('older') IS NULL") == "t");
}

TEST_CASE("baseline again with the same version skips, another is refused",
          "[commands][baseline][sqlite]") {
  CommandHarness h(Engine::kSQLite);
  h.connect()->execute("CREATE TABLE legacy (id INTEGER)");
  h.settings.baseline_version = "2";
  h.settings.baseline_description = "legacy import";
  h.baseline();
  const std::vector<runway::AppliedMigration> rows = h.history();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].version->text() == "2");
  CHECK(rows[0].description == "legacy import");
  CHECK(rows[0].script == "legacy import");
  CHECK(rows[0].installed_by.empty());

  h.settings.baseline_version = "2.0";  // the same version
  const runway::commands::BaselineResult again = h.baseline();
  CHECK(again.successfully_baselined);
  CHECK(
      h.logged("Schema history table \"main\".\"flyway_schema_history\" "
               "already initialized with (2.0,legacy import). Skipping."));

  h.settings.baseline_version = "3";
  ErrorKind kind{};
  std::string code;
  CHECK(h.failure_of("baseline", &kind, &code) ==
        "Unable to baseline schema history table "
        "\"main\".\"flyway_schema_history\" with (3,legacy import) as it has "
        "already been baselined with (2,legacy import)" +
            std::string(kResetUrl));
  CHECK(kind == ErrorKind::kMigration);
  CHECK(code == "ERROR");
  CHECK(h.history().size() == 1);
}

TEST_CASE("baseline refuses a history that already contains migrations",
          "[commands][baseline][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  h.write("V1__init.sql", "CREATE TABLE t (id int);\n");
  h.migrate();
  h.write("beforeBaseline.sql", "CREATE TABLE before_baseline_ran (id int);\n");
  h.write("afterBaselineError.sql", "CREATE TABLE baseline_failed (id int);\n");
  CHECK(h.failure_of("baseline") ==
        "Unable to baseline schema history table "
        "\"public\".\"flyway_schema_history\" as it already contains "
        "migrations" +
            std::string(kResetUrl));
  CHECK(h.history().size() == 1);
  CHECK(h.scalar("SELECT to_regclass('before_baseline_ran') IS NOT NULL") ==
        "t");
  CHECK(h.scalar("SELECT to_regclass('baseline_failed') IS NOT NULL") == "t");
}

TEST_CASE("baseline refuses an existing empty history table",
          "[commands][baseline][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  {
    auto conn = h.connect();
    runway::history::SchemaHistory(*conn, "public", "flyway_schema_history")
        .create();
  }
  CHECK(h.failure_of("baseline") ==
        "Unable to baseline schema history table "
        "\"public\".\"flyway_schema_history\" as it already exists, and is "
        "empty.\nDelete the schema history table, and run baseline again.");
  CHECK(h.history().empty());
}

TEST_CASE("baseline over a history holding only a schema marker is refused",
          "[commands][baseline][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  h.settings.schemas = {"app"};
  h.migrate();  // no scripts: creates "app", the table and a SCHEMA marker
  REQUIRE(h.history("app").size() == 1);

  h.settings.baseline_version = "0";
  CHECK(h.failure_of("baseline") ==
        "Unable to baseline schema history table "
        "\"app\".\"flyway_schema_history\" with version 0 as this version was "
        "used for schema creation");
  h.settings.baseline_version = "1";
  CHECK(h.failure_of("baseline") ==
        "Unable to baseline schema history table "
        "\"app\".\"flyway_schema_history\" as it already contains "
        "migrations.\nDelete the schema history table, and run baseline "
        "again." +
            std::string(kResetUrl));
  CHECK(h.history("app").size() == 1);
}

TEST_CASE(
    "baseline that creates its schema records the baseline, then the "
    "schema marker",
    "[commands][baseline][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  h.settings.schemas = {"fresh"};
  CHECK(h.baseline().successfully_baselined);
  CHECK(h.logged("Creating schema \"fresh\" ..."));
  CHECK(
      h.logged("Creating Schema History table "
               "\"fresh\".\"flyway_schema_history\" with baseline ..."));
  CHECK(
      h.logged("Schema history table \"fresh\".\"flyway_schema_history\" "
               "already initialized with (1,<< Flyway Baseline >>). "
               "Skipping."));
  const std::vector<runway::AppliedMigration> rows = h.history("fresh");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].installed_rank == 1);
  CHECK(rows[0].type == "BASELINE");
  CHECK(rows[1].installed_rank == 2);
  CHECK(rows[1].type == "SCHEMA");
  CHECK(rows[1].script == "\"fresh\"");
  CHECK_FALSE(rows[1].version.has_value());
}
