#include "runway/history/schema_history.hpp"

#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <sstream>

#include "db_test_helpers.hpp"
#include "runway/db/schema_ops.hpp"

using namespace runway;
using runway::history::SchemaHistory;
using runway::test::open;
using runway::test::scalar;
using runway::test::TempPostgresDatabase;
using runway::test::TempSqliteFile;

namespace {

// flyway-core.md §1.2, verbatim.
constexpr const char* kFlywayPostgresDdl = R"SQL(
CREATE TABLE "public"."flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
);
ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");
)SQL";

constexpr const char* kFlywaySqliteDdl = R"SQL(
CREATE TABLE "main"."flyway_schema_history" (
    "installed_rank" INT NOT NULL PRIMARY KEY,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INT,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    "execution_time" INT NOT NULL,
    "success" BOOLEAN NOT NULL
);
CREATE INDEX "main"."flyway_schema_history_s_idx" ON "flyway_schema_history" ("success");
)SQL";

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    out.append(buffer.data(), n);
  }
  REQUIRE(pclose(pipe) == 0);
  return out;
}

// pg_dump of the history table with what differs between databases
// (name, pg_dump's random \restrict key) taken out.
std::string dump_history_table(const TempPostgresDatabase& db) {
  const std::string out =
      run("/usr/lib/postgresql/15/bin/pg_dump --schema-only "
          "-t flyway_schema_history -h " +
          db.socket_dir() + " -p " + std::to_string(db.port()) + " -U " +
          db.user() + " " + db.name());
  std::istringstream in(out);
  std::string line;
  std::string normalised;
  while (std::getline(in, line)) {
    if (line.rfind("\\restrict", 0) == 0 ||
        line.rfind("\\unrestrict", 0) == 0) {
      continue;
    }
    normalised += std::regex_replace(line, std::regex(db.name()), "DB") + "\n";
  }
  return normalised;
}

AppliedMigration row(int rank, std::optional<std::string> version,
                     std::string description, std::string type,
                     std::string script, std::optional<std::int32_t> checksum,
                     bool success = true) {
  AppliedMigration r;
  r.installed_rank = rank;
  if (version) r.version = Version::parse(*version);
  r.description = std::move(description);
  r.type = std::move(type);
  r.script = std::move(script);
  r.checksum = checksum;
  r.installed_by = "deployer";
  r.execution_time = rank * 10;
  r.success = success;
  return r;
}

std::vector<AppliedMigration> every_row_type() {
  return {
      row(0, std::nullopt, "<< Flyway Schema Creation >>", "SCHEMA",
          "\"s1\",\"s2\"", std::nullopt),
      row(1, "1", "<< Flyway Baseline >>", "BASELINE", "<< Flyway Baseline >>",
          std::nullopt),
      row(2, "1.1", "first table", "SQL", "V1_1__first_table.sql", 78787420),
      row(3, std::nullopt, "view", "SQL", "R__view.sql", -713821291),
      row(4, "1.1", "first table", "DELETE", "V1_1__first_table.sql", 78787420),
      row(5, "2", "baseline migration", "SQL_BASELINE", "B2__base.sql", 1),
      row(6, "2", "undo it", "UNDO_SQL", "U2__undo_it.sql", -2147483647 - 1),
      row(7, "003", "it's \"quoted\"", "SQL", "dir/V003__x.sql", 2147483647,
          false),
  };
}

void check_round_trip(SchemaHistory& history) {
  const std::vector<AppliedMigration> expected = every_row_type();
  for (const AppliedMigration& r : expected) history.insert(r);
  const std::vector<AppliedMigration> actual = history.read_all();
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("row " << i);
    CHECK(actual[i].installed_rank == expected[i].installed_rank);
    CHECK(actual[i].version.has_value() == expected[i].version.has_value());
    if (expected[i].version) {
      CHECK(actual[i].version->text() == expected[i].version->text());
    }
    CHECK(actual[i].description == expected[i].description);
    CHECK(actual[i].type == expected[i].type);
    CHECK(actual[i].script == expected[i].script);
    CHECK(actual[i].checksum == expected[i].checksum);
    CHECK(actual[i].installed_by == expected[i].installed_by);
    CHECK(actual[i].execution_time == expected[i].execution_time);
    CHECK(actual[i].success == expected[i].success);
    CHECK(std::regex_match(
        actual[i].installed_on,
        std::regex(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})")));
  }
}

}  // namespace

TEST_CASE("PostgreSQL history table DDL equals Flyway's",
          "[integration][postgres][history]") {
  TempPostgresDatabase flyway_db;
  TempPostgresDatabase runway_db;
  open(flyway_db)->execute(kFlywayPostgresDdl);
  auto conn = open(runway_db);
  SchemaHistory history(*conn, "public", "flyway_schema_history");
  CHECK_FALSE(history.exists());
  history.create();
  CHECK(history.exists());
  CHECK_FALSE(conn->in_transaction());
  const std::string expected = dump_history_table(flyway_db);
  CHECK_THAT(expected, Catch::Contains("flyway_schema_history_s_idx"));
  CHECK(dump_history_table(runway_db) == expected);
}

TEST_CASE("PostgreSQL history table with a baseline row and a tablespace",
          "[integration][postgres][history]") {
  const std::string ts_dir = "/tmp/runway-ts-" + std::to_string(getpid());
  std::filesystem::create_directories(ts_dir);
  if (getuid() == 0) REQUIRE(system(("chown postgres " + ts_dir).c_str()) == 0);
  auto admin = open(std::getenv("RUNWAY_TEST_PG_CONNINFO"));
  const std::string ts = "runway_ts_" + std::to_string(getpid());
  admin->execute("CREATE TABLESPACE " + ts + " LOCATION '" + ts_dir + "'");
  {
    TempPostgresDatabase flyway_db;
    TempPostgresDatabase runway_db;
    open(flyway_db)->execute(std::regex_replace(
        std::regex_replace(
            std::regex_replace(kFlywayPostgresDdl, std::regex("\n\\);"),
                               "\n) TABLESPACE \"" + ts + "\";"),
            std::regex("\\(\"installed_rank\"\\);"),
            "(\"installed_rank\") USING INDEX TABLESPACE \"" + ts + "\";"),
        std::regex("\\(\"success\"\\);"),
        "(\"success\") TABLESPACE \"" + ts + "\";"));
    auto conn = open(runway_db);
    SchemaHistory history(*conn, "public", "flyway_schema_history");
    history.create(row(1, "1", "<< Flyway Baseline >>", "BASELINE",
                       "<< Flyway Baseline >>", std::nullopt),
                   ts);
    CHECK_THAT(dump_history_table(flyway_db),
               Catch::Contains("SET default_tablespace = " + ts));
    CHECK(dump_history_table(runway_db) == dump_history_table(flyway_db));
    const auto rows = history.read_all();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].type == "BASELINE");
    CHECK(rows[0].version->text() == "1");
  }
  admin->execute("DROP TABLESPACE " + ts);
  std::filesystem::remove_all(ts_dir);
}

TEST_CASE("SQLite history table DDL equals Flyway's",
          "[integration][sqlite][history]") {
  TempSqliteFile flyway_file;
  TempSqliteFile runway_file;
  auto flyway = open(flyway_file.jdbc_url());
  flyway->execute(kFlywaySqliteDdl);
  auto conn = open(runway_file.jdbc_url());
  SchemaHistory history(*conn, "main", "flyway_schema_history");
  CHECK(history.quoted_table() == "\"main\".\"flyway_schema_history\"");
  CHECK_FALSE(history.exists());
  history.create();
  CHECK(history.exists());
  const std::string query =
      "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name";
  const auto expected = flyway->execute(query).rows;
  REQUIRE(expected.size() == 3);  // table, autoindex, s_idx
  CHECK(conn->execute(query).rows == expected);
  CHECK_THAT(expected[0][3].value_or(""),
             Catch::StartsWith("CREATE TABLE \"flyway_schema_history\" (\n"));
}

TEST_CASE("every row type round-trips on PostgreSQL",
          "[integration][postgres][history]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  SchemaHistory history(*conn, "public", "flyway_schema_history");
  CHECK(history.quoted_table() == "\"public\".\"flyway_schema_history\"");
  history.create();
  check_round_trip(history);
}

TEST_CASE("every row type round-trips on SQLite",
          "[integration][sqlite][history]") {
  TempSqliteFile file;
  auto conn = open(file.jdbc_url());
  SchemaHistory history(*conn, "main", "flyway_schema_history");
  history.create();
  check_round_trip(history);
}

TEST_CASE("insert joins the caller's transaction",
          "[integration][postgres][history]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  SchemaHistory history(*conn, "public", "flyway_schema_history");
  history.create();
  conn->begin();
  history.insert(row(1, "1", "a", "SQL", "V1__a.sql", 1));
  CHECK(conn->in_transaction());
  conn->rollback();
  CHECK(history.read_all().empty());

  // create() inside an open transaction joins it too.
  SchemaHistory other(*conn, "public", "other_history");
  conn->begin();
  other.create();
  CHECK(conn->in_transaction());
  conn->rollback();
  CHECK_FALSE(other.exists());
}

TEST_CASE("an unknown type in the history is a clear error",
          "[integration][sqlite][history]") {
  TempSqliteFile file;
  auto conn = open(file.jdbc_url());
  SchemaHistory history(*conn, "main", "flyway_schema_history");
  history.create();
  history.insert(row(1, "1", "a", "SQL", "V1__a.sql", 1));
  history.insert(row(2, "2", "b", "MAGIC", "V2__b.sql", 1));
  try {
    history.read_all();
    FAIL("expected Error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          "Unknown migration type 'MAGIC' found in schema history.\nYou might "
          "be missing a required extension JAR on the classpath.");
  }
  conn->execute("UPDATE flyway_schema_history SET type='SPRING_JDBC'");
  CHECK(history.read_all()[1].type == "JDBC");
}

TEST_CASE("a history number that is not one is a clear error",
          "[integration][sqlite][history]") {
  // SQLite keeps whatever another tool wrote into an INT column.
  TempSqliteFile file;
  auto conn = open(file.jdbc_url());
  SchemaHistory history(*conn, "main", "flyway_schema_history");
  history.create();
  history.insert(row(1, "1", "a", "SQL", "V1__a.sql", -7));
  CHECK(history.read_all()[0].checksum == -7);
  // Wider than 32 bits: kept as the CRC it is, as Flyway's int would.
  conn->execute("UPDATE flyway_schema_history SET checksum = 4294967289");
  CHECK(history.read_all()[0].checksum == -7);
  conn->execute("UPDATE flyway_schema_history SET checksum = 'abc'");
  try {
    history.read_all();
    FAIL("expected Error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          "The schema history holds 'abc' as checksum, which is not a whole "
          "number");
  }
}

TEST_CASE("repair's update and delete of history rows",
          "[integration][postgres][history]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  SchemaHistory history(*conn, "public", "flyway_schema_history");
  history.create();
  history.insert(row(1, "1", "a", "SQL", "V1__a.sql", 1));
  history.insert(row(2, "2", "b", "SQL", "V2__b.sql", 2, false));
  history.insert(row(3, "2.0", "b", "SQL", "V2_0__b.sql", 2, false));
  history.insert(row(4, std::nullopt, "r", "SQL", "R__r.sql", 3, false));
  history.insert(row(5, std::nullopt, "r", "SQL", "R__r.sql", 3, true));

  history.update_row(1, "renamed", "SQL", std::nullopt);
  auto rows = history.read_all();
  // The updated row now sits last in the table: still read in rank order.
  std::vector<int> ranks;
  for (const AppliedMigration& r : rows) ranks.push_back(r.installed_rank);
  CHECK(ranks == std::vector<int>{1, 2, 3, 4, 5});
  CHECK(rows[0].description == "renamed");
  CHECK_FALSE(rows[0].checksum.has_value());
  history.update_row(1, std::string(250, 'x'), "BASELINE", -5);
  rows = history.read_all();
  CHECK(rows[0].description == std::string(197, 'x') + "...");
  CHECK(rows[0].type == "BASELINE");
  CHECK(rows[0].checksum == -5);

  // Version "2" removes only rows stored with that exact text.
  history.delete_failed(rows[1]);
  rows = history.read_all();
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].version->text() == "2.0");
  // A repeatable is removed by description, successful rows stay.
  history.delete_failed(rows[2]);
  rows = history.read_all();
  REQUIRE(rows.size() == 3);
  CHECK(rows[2].installed_rank == 5);

  history.drop();
  CHECK_FALSE(history.exists());
}

TEST_CASE("installed_on reads as milliseconds whatever the DateStyle",
          "[integration][postgres][history]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  SchemaHistory history(*conn, "public", "flyway_schema_history");
  history.create();
  for (const AppliedMigration& r : every_row_type()) history.insert(r);
  const char* stamps[] = {"2026-01-02 03:04:05", "2026-01-02 03:04:05.1",
                          "2026-01-02 03:04:05.123999",
                          "0999-12-31 23:59:59.9999",
                          "12026-01-02 03:04:05.05"};
  const std::vector<AppliedMigration> before = history.read_all();
  REQUIRE(before.size() >= 5);
  for (std::size_t i = 0; i < 5; ++i) {
    conn->execute(
        "UPDATE flyway_schema_history SET installed_on = $1::timestamp "
        "WHERE installed_rank = $2",
        {std::string(stamps[i]), std::int64_t{before[i].installed_rank}});
  }
  const std::vector<std::string> expected = {
      "2026-01-02 03:04:05.000", "2026-01-02 03:04:05.100",
      "2026-01-02 03:04:05.123", "0999-12-31 23:59:59.999",
      "12026-01-02 03:04:05.050"};
  // ISO (returned as is and cut here), then two styles formatted by the
  // server: the same text each time.
  for (const char* style : {"ISO, MDY", "SQL, DMY", "German"}) {
    INFO(style);
    conn->execute(std::string("SET DateStyle = '") + style + "'");
    CHECK(conn->prints_iso_timestamps() == (style[0] == 'I'));
    const std::vector<AppliedMigration> rows = history.read_all();
    REQUIRE(rows.size() >= expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CHECK(rows[i].installed_on == expected[i]);
    }
  }
}

TEST_CASE("a view with the history table's name does not count",
          "[integration][postgres][history]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  conn->execute("CREATE VIEW flyway_schema_history AS SELECT 1 AS x");
  CHECK_FALSE(SchemaHistory(*conn, "public", "flyway_schema_history").exists());
}

TEST_CASE("the history table is found by its exact name, quotes and dots too",
          "[integration][postgres][history]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  const std::string schema = "My \"odd\".Schema";
  const std::string table = "History \"T\".x";
  CHECK_FALSE(db::schema_exists(*conn, schema));
  db::create_schema(*conn, schema);
  CHECK(db::schema_exists(*conn, schema));
  CHECK_FALSE(db::schema_exists(*conn, "my \"odd\".schema"));
  SchemaHistory history(*conn, schema, table);
  CHECK_FALSE(history.exists());
  history.create();
  CHECK(history.exists());
  CHECK_FALSE(SchemaHistory(*conn, schema, "history \"t\".x").exists());
  CHECK_FALSE(SchemaHistory(*conn, "public", table).exists());
}

TEST_CASE("a partitioned table with the history table's name does not count",
          "[integration][postgres][history]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  conn->execute(
      "CREATE TABLE flyway_schema_history (installed_rank int) "
      "PARTITION BY RANGE (installed_rank)");
  CHECK_FALSE(SchemaHistory(*conn, "public", "flyway_schema_history").exists());
}

TEST_CASE("PostgreSQL schema helpers", "[integration][postgres][schema]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  CHECK(db::schema_exists(*conn, "public"));
  CHECK_FALSE(db::schema_exists(*conn, "My Schema"));
  db::create_schema(*conn, "My Schema");
  CHECK(db::schema_exists(*conn, "My Schema"));
  CHECK(db::schema_is_empty(*conn, "My Schema"));
  conn->execute("CREATE EXTENSION citext SCHEMA \"My Schema\"");
  CHECK(db::schema_is_empty(*conn, "My Schema"));  // extension-owned only
  conn->execute(
      "CREATE FUNCTION \"My Schema\".f() RETURNS int AS 'SELECT 1' "
      "LANGUAGE sql");
  CHECK_FALSE(db::schema_is_empty(*conn, "My Schema"));

  for (const char* ddl :
       {"CREATE TABLE s.t (id INT)", "CREATE VIEW s.v AS SELECT 1 AS x",
        "CREATE SEQUENCE s.q", "CREATE TYPE s.e AS ENUM ('a')",
        "CREATE DOMAIN s.d AS INT"}) {
    INFO(ddl);
    conn->execute("DROP SCHEMA IF EXISTS s CASCADE; CREATE SCHEMA s");
    CHECK(db::schema_is_empty(*conn, "s"));
    conn->execute(ddl);
    CHECK_FALSE(db::schema_is_empty(*conn, "s"));
  }
  // Flyway's doEmpty does not count composite types (nor materialized
  // views): both tools must agree, or baselineOnMigrate would baseline one
  // database and migrate the other.
  for (const char* ddl : {"CREATE TYPE s.c AS (a INT)",
                          "CREATE MATERIALIZED VIEW s.m AS SELECT 1 AS x"}) {
    INFO(ddl);
    conn->execute("DROP SCHEMA IF EXISTS s CASCADE; CREATE SCHEMA s");
    conn->execute(ddl);
    CHECK(db::schema_is_empty(*conn, "s"));
  }
  // An extension's composite types (tablefunc's, like PostGIS's
  // geometry_dump) have pg_class rows that are not extension members.
  conn->execute("DROP SCHEMA IF EXISTS s CASCADE; CREATE SCHEMA s");
  conn->execute("CREATE EXTENSION tablefunc SCHEMA s");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON "
               "n.oid = c.relnamespace WHERE n.nspname = 's' AND "
               "c.relkind = 'c'") != "0");
  CHECK(db::schema_is_empty(*conn, "s"));
}

TEST_CASE("SQLite schema helpers", "[integration][sqlite][schema]") {
  TempSqliteFile file;
  auto conn = open(file.jdbc_url());
  CHECK(db::schema_exists(*conn, "main"));
  CHECK_FALSE(db::schema_exists(*conn, "other"));
  db::create_schema(*conn, "other");  // SQLite cannot: a no-op
  CHECK_FALSE(db::schema_exists(*conn, "other"));
  CHECK(db::schema_is_empty(*conn, "main"));
  conn->execute("CREATE TABLE android_metadata (locale TEXT)");
  conn->execute("CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT)");
  conn->execute("DROP TABLE a");  // leaves sqlite_sequence behind
  CHECK(db::schema_is_empty(*conn, "main"));
  conn->execute("CREATE TABLE t (id INT)");
  CHECK_FALSE(db::schema_is_empty(*conn, "main"));
}
