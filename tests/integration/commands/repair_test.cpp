#include <catch2/catch.hpp>

#include "command_harness.hpp"
#include "runway/core/checksum.hpp"

using runway::test::CommandHarness;
using runway::test::Engine;
using Strings = std::vector<std::string>;

TEST_CASE(
    "repair removes a failed non-transactional migration so migrate "
    "can run again",
    "[commands][repair][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  h.write("V1__init.sql", "CREATE TABLE t (id int);\n");
  h.write("V2__index.sql",
          "CREATE INDEX CONCURRENTLY t_id ON missing_table (id);\n");
  CHECK_THROWS_AS(h.migrate(), runway::commands::CommandFailed);
  std::vector<runway::AppliedMigration> rows = h.history();
  REQUIRE(rows.size() == 2);
  CHECK_FALSE(rows[1].success);
  CHECK(h.states() == Strings{"1: Success", "2: Failed"});
  CHECK_THROWS(h.migrate());

  const runway::commands::RepairResult result = h.repair();
  CHECK(result.repair_actions == Strings{"Removed failed migrations"});
  REQUIRE(result.migrations_removed.size() == 1);
  CHECK(result.migrations_removed[0].version == "2");
  CHECK(result.migrations_removed[0].description == "index");
  CHECK(result.migrations_deleted.empty());
  CHECK(result.migrations_aligned.empty());
  CHECK(h.logged_starting(
      "Successfully repaired schema history table "
      "\"public\".\"flyway_schema_history\" (execution time 00:00."));
  CHECK_FALSE(h.logged_starting("Manual cleanup"));  // PostgreSQL rolls back
  CHECK(h.history().size() == 1);
  CHECK(h.states() == Strings{"1: Success", "2: Pending"});

  h.write("V2__index.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\n");
  CHECK(h.migrate().migrations.size() == 1);
  CHECK(h.states() == Strings{"1: Success", "2: Success"});
}

TEST_CASE("repair removes a failed row on SQLite too",
          "[commands][repair][sqlite]") {
  CommandHarness h(Engine::kSQLite);
  h.write("V1__half.sql",
          "-- flyway:executeInTransaction=false\n"
          "CREATE TABLE a (id INTEGER);\n"
          "INSERT INTO missing VALUES (1);\n");
  CHECK_THROWS_AS(h.migrate(), runway::commands::CommandFailed);
  CHECK(h.states() == Strings{"1: Failed"});
  const runway::commands::RepairResult result = h.repair();
  CHECK(result.repair_actions == Strings{"Removed failed migrations"});
  CHECK(h.history().empty());
  CHECK(h.states() == Strings{"1: Pending"});
}

TEST_CASE("repair marks a migration whose file is gone as deleted",
          "[commands][repair][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  h.write("V1__init.sql", "CREATE TABLE t (id int);\n");
  h.write("V2__more.sql", "CREATE TABLE u (id int);\n");
  h.write("V3__last.sql", "CREATE TABLE v (id int);\n");
  h.migrate();
  h.remove("V2__more.sql");
  CHECK(h.states() == Strings{"1: Success", "2: Missing", "3: Success"});
  CHECK_THROWS(h.validate());

  const runway::commands::RepairResult result = h.repair();
  CHECK(result.repair_actions ==
        Strings{"Marked missing migrations as deleted"});
  REQUIRE(result.migrations_deleted.size() == 1);
  CHECK(result.migrations_deleted[0].version == "2");
  CHECK(result.migrations_deleted[0].description == "more");
  CHECK(
      h.logged("Repair of failed migration in Schema History table "
               "\"public\".\"flyway_schema_history\" not necessary. No "
               "failed migration detected."));
  CHECK(
      h.logged("Repairing Schema History table for version \"2\" (Marking "
               "as DELETED)  ..."));
  CHECK(
      h.logged("Please ensure the previous contents of the deleted "
               "migrations are removed from the database, or moved into an "
               "existing migration."));

  const std::vector<runway::AppliedMigration> rows = h.history();
  REQUIRE(rows.size() == 4);
  CHECK(rows[3].installed_rank == 4);
  CHECK(rows[3].type == "DELETE");
  CHECK(rows[3].version->text() == "2");
  CHECK(rows[3].description == rows[1].description);
  CHECK(rows[3].script == rows[1].script);
  CHECK(rows[3].checksum == rows[1].checksum);
  CHECK(rows[3].execution_time == 0);
  CHECK(rows[3].success);
  CHECK(h.states() == Strings{"1: Success", "2: Deleted", "3: Success"});
  CHECK_NOTHROW(h.validate());
}

TEST_CASE("repair leaves a Future migration alone by default",
          "[commands][repair][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  h.write("V1__init.sql", "CREATE TABLE t (id int);\n");
  h.write("V2__more.sql", "CREATE TABLE u (id int);\n");
  h.migrate();
  h.remove("V2__more.sql");
  CHECK(h.states() == Strings{"1: Success", "2: Future"});
  CHECK(h.repair().repair_actions.empty());
  CHECK(h.history().size() == 2);

  h.settings.ignore_migration_patterns = {};
  CHECK(h.repair().repair_actions ==
        Strings{"Marked missing migrations as deleted"});
  CHECK(h.states() == Strings{"1: Success", "2: Deleted"});
}

TEST_CASE("repair realigns the checksum of a changed migration",
          "[commands][repair][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  h.write("V1__init.sql", "CREATE TABLE t (id int);\n");
  h.migrate();
  const std::string changed = "CREATE TABLE t (id bigint);\n";
  h.write("V1__init.sql", changed);
  CHECK_THROWS(h.validate());

  const std::int32_t checksum = runway::checksum_of(changed);
  const runway::commands::RepairResult result = h.repair();
  CHECK(result.repair_actions ==
        Strings{"Aligned applied migration checksums"});
  REQUIRE(result.migrations_aligned.size() == 1);
  CHECK(result.migrations_aligned[0].version == "1");
  CHECK(result.migrations_aligned[0].filepath == h.path_of("V1__init.sql"));
  CHECK(
      h.logged("Repairing Schema History table for version 1 (Description: "
               "init, Type: SQL, Checksum: " +
               std::to_string(checksum) + ")  ..."));
  CHECK(h.history().at(0).checksum == checksum);
  CHECK_NOTHROW(h.validate());
}

TEST_CASE("repair with nothing to repair changes nothing",
          "[commands][repair][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  const runway::commands::RepairResult absent = h.repair();
  CHECK(absent.repair_actions.empty());
  CHECK(
      h.logged("Repair of failed migration in Schema History table "
               "\"public\".\"flyway_schema_history\" not necessary as table "
               "doesn't exist."));
  CHECK(h.logged_starting("Successfully repaired schema history table"));
  CHECK(h.scalar("SELECT to_regclass('flyway_schema_history') IS NULL") == "t");

  h.write("V1__init.sql", "CREATE TABLE t (id int);\n");
  h.migrate();
  h.write("afterRepair.sql", "CREATE TABLE after_repair_ran (id int);\n");
  CHECK(h.repair().repair_actions.empty());
  CHECK(h.history().size() == 1);
  CHECK(h.scalar("SELECT to_regclass('after_repair_ran') IS NOT NULL") == "t");
}
