#include <catch2/catch.hpp>

#include "command_harness.hpp"

using runway::ErrorKind;
using runway::test::CommandHarness;
using runway::test::Engine;
using Strings = std::vector<std::string>;

namespace {

// One of each kind of object clean must remove, including ones that only
// go away with another (partitions, the range's multirange, the
// extension's types and functions).
constexpr const char* kEverything = R"SQL(
CREATE EXTENSION citext;
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TYPE pair AS (a int, b int);
CREATE TYPE float_range AS RANGE (subtype = float8);
CREATE DOMAIN positive AS int CHECK (VALUE > 0);
CREATE SEQUENCE counter;
CREATE TABLE person (id serial PRIMARY KEY, name citext, mood mood,
                     score positive);
CREATE TABLE child (id int REFERENCES person (id));
CREATE TABLE measure (id int) PARTITION BY RANGE (id);
CREATE TABLE measure_low PARTITION OF measure FOR VALUES FROM (0) TO (10);
CREATE VIEW happy_people AS SELECT * FROM person WHERE mood = 'happy';
CREATE MATERIALIZED VIEW person_count AS SELECT count(*) FROM person;
CREATE FUNCTION add_pair(p pair) RETURNS int LANGUAGE sql
  AS $$ SELECT p.a + p.b $$;
CREATE PROCEDURE touch() LANGUAGE sql AS $$ SELECT 1 $$;
CREATE AGGREGATE my_sum(int) (SFUNC = int4pl, STYPE = int);
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql
  AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER person_stamp BEFORE INSERT ON person
  FOR EACH ROW EXECUTE FUNCTION stamp();
)SQL";

std::string objects_in(CommandHarness& h, const std::string& schema) {
  return h.scalar(
      "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
      "c.relnamespace WHERE n.nspname = '" +
      schema +
      "') + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = "
      "p.pronamespace WHERE n.nspname = '" +
      schema +
      "') + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = "
      "t.typnamespace WHERE n.nspname = '" +
      schema + "')");
}

}  // namespace

TEST_CASE("clean is refused unless cleanDisabled is false",
          "[commands][clean][sqlite]") {
  CommandHarness h(Engine::kSQLite);
  h.write("V1__init.sql", "CREATE TABLE t (id INTEGER);\n");
  h.migrate();
  ErrorKind kind{};
  std::string code;
  CHECK(h.failure_of("clean", &kind, &code) ==
        "Unable to execute clean as it has been disabled with the "
        "'flyway.cleanDisabled' property.");
  CHECK(kind == ErrorKind::kMigration);
  CHECK(code == "ERROR");
  CHECK(h.scalar("SELECT count(*) FROM sqlite_master WHERE name = 't'") == "1");
}

TEST_CASE("clean removes every kind of object and the history table",
          "[commands][clean][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  h.write("V1__everything.sql", kEverything);
  h.migrate();
  REQUIRE(objects_in(h, "public") != "0");

  h.settings.clean_disabled = false;
  h.settings.schemas = {"public", "ghost"};
  const runway::commands::CleanResult result = h.clean();
  CHECK(result.schemas_cleaned == Strings{"public"});
  CHECK(result.schemas_dropped.empty());
  CHECK(result.warnings ==
        Strings{"Unable to clean unknown schema: \"ghost\""});
  CHECK(h.logged("WARNING: Unable to clean unknown schema: \"ghost\""));
  CHECK(h.logged_starting(
      "Successfully cleaned schema \"public\" (execution time 00:0"));
  CHECK(objects_in(h, "public") == "0");
  CHECK(h.scalar("SELECT count(*) FROM pg_extension WHERE extname = "
                 "'citext'") == "0");
  CHECK(h.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = "
                 "'public'") == "1");

  h.settings.schemas = {};
  CHECK(h.migrate().migrations.size() == 1);
  CHECK(h.states() == Strings{"1: Success"});
}

TEST_CASE("clean drops the schema createSchemas created and nothing else",
          "[commands][clean][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  h.connect()->execute("CREATE TABLE keep_me (id int)");
  h.settings.schemas = {"app"};
  h.write("V1__init.sql", "CREATE TABLE app.t (id int);\n");
  h.migrate();
  REQUIRE(h.history("app").at(0).type == "SCHEMA");

  h.settings.clean_disabled = false;
  const runway::commands::CleanResult result = h.clean();
  CHECK(result.schemas_dropped == Strings{"app"});
  CHECK(result.schemas_cleaned.empty());
  CHECK(h.logged_starting(
      "Successfully dropped schema \"app\" (execution time 00:0"));
  CHECK(h.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'app'") ==
        "0");
  CHECK(h.scalar("SELECT to_regclass('public.keep_me') IS NOT NULL") == "t");
}

TEST_CASE("clean then migrate in one run rebuilds a created schema",
          "[commands][clean][postgres]") {
  CommandHarness h(Engine::kPostgreSQL);
  h.settings.schemas = {"app"};
  h.write("V1__init.sql", "CREATE TABLE app.t (id int);\n");
  h.migrate();
  h.connect()->execute("INSERT INTO app.t VALUES (1)");

  h.settings.clean_disabled = false;
  const auto results = h.run_in_one_context({"clean", "migrate"});
  REQUIRE(results.size() == 2);
  CHECK(std::get<runway::commands::CleanResult>(results[0]).schemas_dropped ==
        Strings{"app"});
  CHECK(
      std::get<runway::commands::MigrateResult>(results[1]).migrations.size() ==
      1);
  CHECK(h.scalar("SELECT count(*) FROM app.t") == "0");
  const std::vector<runway::AppliedMigration> rows = h.history("app");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].type == "SCHEMA");
  CHECK(rows[1].version->text() == "1");
}

TEST_CASE("clean on SQLite drops tables, views, triggers with foreign keys on",
          "[commands][clean][sqlite]") {
  CommandHarness h(Engine::kSQLite);
  h.settings.url += "?foreign_keys=on";
  h.write("V1__init.sql", R"SQL(
CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
CREATE TABLE child (id INTEGER, parent_id INTEGER REFERENCES parent (id));
INSERT INTO parent (name) VALUES ('a');
INSERT INTO child VALUES (1, 1);
CREATE VIEW names AS SELECT name FROM parent;
CREATE INDEX child_parent ON child (parent_id);
CREATE TRIGGER parent_insert AFTER INSERT ON parent
BEGIN
  INSERT INTO child VALUES (0, NEW.id);
END;
)SQL");
  h.migrate();
  h.write("afterClean.sql", "CREATE TABLE after_clean_ran (id INTEGER);\n");

  h.settings.clean_disabled = false;
  const runway::commands::CleanResult result = h.clean();
  CHECK(result.schemas_cleaned == Strings{"main"});
  CHECK(h.logged_starting("Successfully cleaned schema \"main\""));
  CHECK(h.scalar("SELECT group_concat(name, ',') FROM sqlite_master WHERE "
                 "name <> 'after_clean_ran'") == "sqlite_sequence");
  CHECK(h.scalar("SELECT count(*) FROM sqlite_sequence") == "0");
  CHECK(h.scalar("SELECT count(*) FROM sqlite_master WHERE name = "
                 "'after_clean_ran'") == "1");
}
