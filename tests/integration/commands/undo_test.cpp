#include <catch2/catch.hpp>

#include "command_harness.hpp"
#include "runway/core/checksum.hpp"

using runway::test::CommandHarness;
using runway::test::Engine;
using Strings = std::vector<std::string>;

namespace {

constexpr const char* kUndoEmail = "ALTER TABLE people DROP COLUMN email;\n";

void write_people(CommandHarness& h, bool with_undo_of_2 = true) {
  h.write("V1__create_people.sql", "CREATE TABLE people (id int);\n");
  h.write("U1__create_people.sql", "DROP TABLE people;\n");
  h.write("V2__add_phone.sql", "ALTER TABLE people ADD COLUMN phone text;\n");
  if (with_undo_of_2)
    h.write("U2__add_phone.sql", "ALTER TABLE people DROP COLUMN phone;\n");
  h.write("V3__add_email.sql", "ALTER TABLE people ADD COLUMN email text;\n");
  h.write("U3__add_email.sql", kUndoEmail);
}

std::string column_count(CommandHarness& h, const std::string& column) {
  return h.scalar(
      "SELECT count(*) FROM information_schema.columns WHERE table_name = "
      "'people' AND column_name = '" +
      column + "'");
}

}  // namespace

TEST_CASE("undo reverts the latest migration and its V file is pending again",
          "[commands][undo][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  write_people(h);
  h.migrate();
  CHECK(h.states() == Strings{"1: Success", "2: Success", "3: Success",
                              "U1: Available", "U2: Available",
                              "U3: Available"});

  const runway::commands::UndoResult result = h.undo();
  CHECK(result.initial_schema_version == "3");
  CHECK(result.target_schema_version == "2");
  CHECK(result.schema_name == "");  // no `schemas` configured, as Flyway
  REQUIRE(result.undone_migrations.size() == 1);
  CHECK(result.undone_migrations[0].version == "3");
  CHECK(result.undone_migrations[0].description == "add email");
  CHECK(result.undone_migrations[0].filepath == h.path_of("U3__add_email.sql"));
  CHECK(h.logged("Current version of schema \"public\": 3"));
  CHECK(h.logged(
      "Undoing migration of schema \"public\" to version \"3 - add email\""));
  CHECK(h.logged_starting(
      "Successfully undid 1 migration to schema \"public\", now at version v2 "
      "(execution time 00:0"));
  CHECK(column_count(h, "email") == "0");

  const std::vector<runway::AppliedMigration> rows = h.history();
  REQUIRE(rows.size() == 4);
  CHECK(rows[3].installed_rank == 4);
  CHECK(rows[3].type == "UNDO_SQL");
  CHECK(rows[3].version->text() == "3");
  CHECK(rows[3].description == "add email");
  CHECK(rows[3].script == "U3__add_email.sql");
  CHECK(rows[3].checksum == runway::checksum_of(kUndoEmail));
  CHECK(rows[3].installed_by == "postgres");
  CHECK(rows[3].success);
  CHECK(h.states() == Strings{"1: Success", "2: Success", "3: Undone",
                              "U1: Available", "U2: Available", "3: Pending"});

  const runway::commands::MigrateResult again = h.migrate();
  REQUIRE(again.migrations.size() == 1);
  CHECK(again.migrations[0].version == "3");
  CHECK(column_count(h, "email") == "1");
  CHECK(h.states() == Strings{"1: Success", "2: Success", "3: Undone",
                              "3: Success", "U1: Available", "U2: Available",
                              "U3: Available"});
}

TEST_CASE("undo with a target walks back until the target version",
          "[commands][undo][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  write_people(h);
  h.migrate();
  h.settings.target = "1";
  const runway::commands::UndoResult result = h.undo();
  REQUIRE(result.undone_migrations.size() == 2);
  CHECK(result.undone_migrations[0].version == "3");
  CHECK(result.undone_migrations[1].version == "2");
  CHECK(result.target_schema_version == "1");
  CHECK(h.logged_starting(
      "Successfully undid 2 migrations to schema \"public\", now at version "
      "v1 (execution time"));
  CHECK(column_count(h, "email") == "0");
  CHECK(column_count(h, "phone") == "0");
  const std::vector<runway::AppliedMigration> rows = h.history();
  REQUIRE(rows.size() == 5);
  CHECK(rows[3].version->text() == "3");
  CHECK(rows[4].version->text() == "2");
  CHECK(rows[4].type == "UNDO_SQL");
}

TEST_CASE("undo refuses when a step has no U file and changes nothing",
          "[commands][undo][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  write_people(h, /*with_undo_of_2=*/false);
  h.migrate();
  h.settings.target = "1";
  CHECK(h.failure_of("undo") ==
        "Unable to undo migration to version 2: no undo migration found "
        "(U2__*.sql)");
  CHECK(h.history().size() == 3);
  CHECK(column_count(h, "email") == "1");
  CHECK(column_count(h, "phone") == "1");
}

TEST_CASE("a failing undo script is rolled back and leaves no row",
          "[commands][undo][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  write_people(h);
  h.migrate();
  h.write("U3__add_email.sql", "ALTER TABLE people DROP COLUMN nope;\n");
  CHECK_THROWS_AS(h.undo(), runway::commands::CommandFailed);
  CHECK(
      h.logged("ERROR: Undo of migration of schema \"public\" to version \"3 "
               "- add email\" failed! Changes successfully rolled back."));
  CHECK(h.history().size() == 3);
  CHECK(column_count(h, "email") == "1");
}

TEST_CASE(
    "an undo whose COMMIT fails is rolled back and reported as its "
    "failure",
    "[commands][undo][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  write_people(h);
  h.write("V4__orders.sql",
          "CREATE TABLE owners (id int PRIMARY KEY);\n"
          "CREATE TABLE orders (owner int REFERENCES owners (id) DEFERRABLE "
          "INITIALLY DEFERRED);\n");
  // The deferred check fails only at COMMIT, which goes with the history row.
  h.write("U4__orders.sql", "INSERT INTO orders VALUES (42);\n");
  h.migrate();
  try {
    h.undo();
    FAIL("expected the deferred check to fail the undo at COMMIT");
  } catch (const runway::commands::CommandFailed& e) {
    CHECK_THAT(e.what(), Catch::Contains("Statement  : COMMIT"));
    CHECK_THAT(e.what(), Catch::Contains("U4__orders.sql"));
  }
  CHECK(
      h.logged("ERROR: Undo of migration of schema \"public\" to version \"4 "
               "- orders\" failed! Changes successfully rolled back."));
  CHECK(h.history().size() == 4);  // no UNDO_SQL row
  CHECK(h.scalar("SELECT count(*) FROM orders") == "0");
}

TEST_CASE("undo refuses to run over a failed migration",
          "[commands][undo][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  h.write("V1__init.sql", "CREATE TABLE t (id int);\n");
  h.write("U1__init.sql", "DROP TABLE t;\n");
  h.write("V2__index.sql",
          "CREATE INDEX CONCURRENTLY t_id ON missing_table (id);\n");
  CHECK_THROWS(h.migrate());
  CHECK(h.failure_of("undo") ==
        "Schema \"public\" contains a failed migration to version 2 !");
  CHECK(h.history().size() == 2);
}

TEST_CASE("undo back to an empty schema, with its callbacks",
          "[commands][undo][sqlite]") {
  CommandHarness h(Engine::kSQLite);
  CHECK(h.undo().undone_migrations.empty());
  CHECK(h.logged("Schema \"main\" has no migration to undo."));
  CHECK(h.scalar("SELECT count(*) FROM sqlite_master") == "0");

  h.write("V1__create_people.sql", "CREATE TABLE people (id INTEGER);\n");
  h.write("U1__create_people.sql", "DROP TABLE people;\n");
  h.migrate();
  h.write("beforeEachUndo.sql",
          "CREATE TABLE IF NOT EXISTS audit (event TEXT);\n"
          "INSERT INTO audit VALUES ('beforeEachUndo');\n");
  h.write("afterUndo.sql", "INSERT INTO audit VALUES ('afterUndo');\n");
  const runway::commands::UndoResult result = h.undo();
  REQUIRE(result.undone_migrations.size() == 1);
  CHECK_FALSE(result.target_schema_version.has_value());
  CHECK(h.logged_starting(
      "Successfully undid 1 migration to schema \"main\", now at version << "
      "Empty Schema >> (execution time"));
  CHECK(h.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'people'") ==
        "0");
  CHECK(h.scalar("SELECT group_concat(event, ',') FROM audit") ==
        "beforeEachUndo,afterUndo");
  CHECK(h.states() == Strings{"1: Undone", "1: Pending"});
}
