// Identifiers carrying SQL on PostgreSQL: `table` and `schemas` values with
// quotes and semicolons must become exactly that oddly named table / schema
// (our own SQL always quotes identifiers), and nothing else may run — the
// bait table in another schema survives.
#include <catch2/catch.hpp>

#include "reliability_support.hpp"
#include "support/test_databases.hpp"

using namespace runway::test;

namespace {

struct Bait {
  TempPostgresDatabase db;
  ScratchDir scripts;
  std::unique_ptr<runway::db::Connection> conn = open_url(db.conninfo());
  Bait() {
    conn->execute("CREATE SCHEMA keep; CREATE TABLE keep.y (id int)");
    scripts.write("V1__t.sql", "CREATE TABLE t (id int);\n");
  }
  ProcessResult migrate(const std::string& option) {
    return run_runway({"-url=" + db.conninfo(),
                       "-locations=" + scripts.location(), option, "migrate"});
  }
  bool bait_alive() {
    return rows_of(*conn,
                   "SELECT count(*) FROM pg_tables WHERE schemaname = "
                   "'keep' AND tablename = 'y'") ==
           std::vector<std::string>{"1"};
  }
};

}  // namespace

TEST_CASE("a table name with quotes and a semicolon is one odd table",
          "[identifiers][postgres]") {
  Bait b;
  const std::string name = "x\"; DROP TABLE keep.y; --";
  const ProcessResult r = b.migrate("-table=" + name);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(b.bait_alive());
  CHECK(rows_of(*b.conn,
                "SELECT tablename FROM pg_tables WHERE schemaname = "
                "'public' ORDER BY 1") == std::vector<std::string>{"t", name});
  CHECK(rows_of(*b.conn,
                "SELECT version, success FROM public.\"x\"\"; DROP "
                "TABLE keep.y; --\"") == std::vector<std::string>{"1|t"});
  // A second run reads the same oddly named table: nothing pending.
  const ProcessResult again = b.migrate("-table=" + name);
  CHECK(again.exit_code == 0);
  CHECK(contains(again.err, "is up to date. No migration necessary."));
}

TEST_CASE("a schema name with quotes and a semicolon is one odd schema",
          "[identifiers][postgres]") {
  Bait b;
  const std::string name = "s'\"; DROP TABLE keep.y; --";
  const ProcessResult r = b.migrate("-schemas=" + name);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(b.bait_alive());
  CHECK(rows_of(*b.conn,
                "SELECT count(*) FROM pg_tables WHERE schemaname = 's''\"; "
                "DROP TABLE keep.y; --' AND tablename = "
                "'flyway_schema_history'") == std::vector<std::string>{"1"});
  // Where the unqualified `t` lands (Flyway: the default schema, first in
  // search_path) is not an identifier matter and is not asserted here.
}

TEST_CASE("installedBy and a file name carrying SQL are stored as values",
          "[identifiers][postgres]") {
  Bait b;
  b.scripts.write("V2__it's; DROP TABLE keep.y.sql", "SELECT 1;\n");
  const ProcessResult r = b.migrate("-installedBy=o'); DROP TABLE keep.y; --");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(b.bait_alive());
  CHECK(rows_of(*b.conn,
                "SELECT description, script, installed_by FROM "
                "flyway_schema_history ORDER BY installed_rank") ==
        std::vector<std::string>{
            "t|V1__t.sql|o'); DROP TABLE keep.y; --",
            "it's; DROP TABLE keep.y|V2__it's; DROP TABLE keep.y.sql|o'); "
            "DROP TABLE keep.y; --"});
}
