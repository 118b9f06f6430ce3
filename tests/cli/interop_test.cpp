// Interoperability with Flyway: a history table written by Flyway (rows
// inserted here exactly as Flyway writes them) is read with Flyway's states,
// and the rows Runway writes carry Flyway's values in every column but
// installed_on and execution_time.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "process.hpp"
#include "runway/db/connect.hpp"
#include "support/test_databases.hpp"

namespace fs = std::filesystem;
using runway::test::run_process;
using Dir = runway::test::ScratchDir;
using runway::test::runway_binary;
using runway::test::TempPostgresDatabase;
using Json = nlohmann::json;

namespace {

// Flyway's PostgreSQL DDL (reference flyway-core.md §1.2).
const char* kFlywayDdl = R"(
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
)";

std::unique_ptr<runway::db::Connection> open(const TempPostgresDatabase& db) {
  runway::db::ConnectOptions o;
  o.url = db.conninfo();
  return runway::db::connect(o);
}

Json info_json(const TempPostgresDatabase& db, const Dir& sql,
               std::vector<std::string> extra = {}) {
  std::vector<std::string> argv{runway_binary(), "-url=" + db.conninfo(),
                                "-locations=filesystem:" + sql.dir.string(),
                                "-outputType=json"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back("info");
  auto r = run_process(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return Json::parse(r.out);
}

std::string state_of(const Json& info, const std::string& version,
                     const std::string& description = "") {
  for (const auto& m : info["migrations"])
    if (m["version"] == version &&
        (description.empty() || m["description"] == description))
      return m["state"];
  return "<absent>";
}

}  // namespace

TEST_CASE("a Flyway-written history is read with Flyway's states",
          "[interop][postgres]") {
  TempPostgresDatabase db;
  Dir sql;
  // Contents whose checksums SPEC §2 gives.
  sql.write("V1__Init.sql", "SELECT 1;\n");  // 78787420
  sql.write(
      "V2__Second.sql",
      "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\n");  // 194980085
  sql.write("V3__Third.sql", "\tSELECT 1;\n");                   // -47946674
  sql.write("V6__Pending.sql", "SELECT 1; \n");                  // -1951047511
  // A repeatable using a placeholder, recorded by Flyway < 6.3 with the
  // checksum of its raw text: still matches.
  sql.write("R__Uses_placeholder.sql", "SELECT ${x};\n");  // raw 160378602
  sql.write("U3__Third.sql", "SELECT 1;\n");

  auto conn = open(db);
  conn->execute(kFlywayDdl);
  conn->execute(R"(
INSERT INTO flyway_schema_history VALUES
 (1, '1', 'Init', 'SQL', 'V1__Init.sql', 78787420, 'flyway', now(), 5, true),
 (2, '2', 'Second', 'SQL', 'V2__Second.sql', 194980085, 'flyway', now(), 5, true),
 (3, '3', 'Third', 'SQL', 'V3__Third.sql', -47946674, 'flyway', now(), 5, true),
 (4, NULL, 'Uses placeholder', 'SQL', 'R__Uses_placeholder.sql', 160378602, 'flyway', now(), 5, true),
 (5, '4', 'Gone', 'SQL', 'V4__Gone.sql', 12345, 'flyway', now(), 5, true),
 (6, '4', 'Gone', 'DELETE', 'V4__Gone.sql', 12345, 'flyway', now(), 0, true),
 (7, '5', 'Missing file', 'SQL', 'V5__Missing_file.sql', 999, 'flyway', now(), 5, true)
)");
  Json info = info_json(db, sql, {"-placeholders.x=42"});
  CHECK(info["schemaVersion"] == "5");
  CHECK(state_of(info, "1") == "Success");
  CHECK(state_of(info, "2") == "Success");
  CHECK(state_of(info, "3") == "Success");
  CHECK(state_of(info, "", "Uses placeholder") == "Success");
  CHECK(state_of(info, "4") == "Deleted");
  // No file, and below the highest file (6): Missing, not Future.
  CHECK(state_of(info, "5") == "Missing");
  CHECK(state_of(info, "6") == "Pending");
  // Versioned DELETE rows are not listed; the original shows Deleted.
  int deletes = 0;
  for (const auto& m : info["migrations"]) deletes += m["type"] == "DELETE";
  CHECK(deletes == 0);
  // V3 has a U file: undoable.
  for (const auto& m : info["migrations"])
    if (m["version"] == "3") CHECK(m["undoable"] == "Yes");

  // Flyway Teams' undo row: V3 becomes Undone and its file is listed again,
  // as Ignored since it is below the current version (5).
  conn->execute(
      "INSERT INTO flyway_schema_history VALUES (8, '3', 'Third', "
      "'UNDO_SQL', 'U3__Third.sql', 78787420, 'flyway', now(), 3, true)");
  info = info_json(db, sql, {"-placeholders.x=42"});
  int undone = 0, pending3 = 0;
  for (const auto& m : info["migrations"]) {
    if (m["version"] != "3") continue;
    undone += m["state"] == "Undone";
    pending3 += m["state"] == "Ignored";
  }
  CHECK(undone == 1);
  CHECK(pending3 == 1);

  // A failed row written by Flyway (MySQL, or transactional lock off).
  conn->execute(
      "INSERT INTO flyway_schema_history VALUES (9, '6', 'Pending', "
      "'SQL', 'V6__Pending.sql', -1951047511, 'flyway', now(), 3, false)");
  info = info_json(db, sql, {"-placeholders.x=42"});
  CHECK(state_of(info, "6") == "Failed");
  auto r = run_process({runway_binary(), "-url=" + db.conninfo(),
                        "-locations=filesystem:" + sql.dir.string(),
                        "-placeholders.x=42", "migrate"});
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("Detected failed migration to version 6 (Pending)") !=
        std::string::npos);
}

TEST_CASE("Flyway's baseline and schema markers are understood",
          "[interop][postgres]") {
  TempPostgresDatabase db;
  Dir sql;
  sql.write("V1__Old.sql", "SELECT 1;\n");
  sql.write("V2__At_baseline.sql", "SELECT 1;\n");
  sql.write("V3__New.sql", "SELECT 1;\n");
  auto conn = open(db);
  conn->execute(kFlywayDdl);
  conn->execute(R"(
INSERT INTO flyway_schema_history VALUES
 (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"public"', NULL, 'flyway', now(), 0, true),
 (1, '2', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'flyway', now(), 0, true)
)");
  Json info = info_json(db, sql);
  CHECK(state_of(info, "1") == "Below Baseline");
  CHECK(state_of(info, "2", "At baseline") == "Ignored (Baseline)");
  CHECK(state_of(info, "2", "<< Flyway Baseline >>") == "Baseline");
  CHECK(state_of(info, "3") == "Pending");
  auto r =
      run_process({runway_binary(), "-url=" + db.conninfo(),
                   "-locations=filesystem:" + sql.dir.string(), "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto rows = conn->execute(
      "SELECT installed_rank, version FROM flyway_schema_history "
      "ORDER BY installed_rank");
  REQUIRE(rows.rows.size() == 3);
  CHECK(rows.rows[2][0] == "2");  // continues Flyway's ranks
  CHECK(rows.rows[2][1] == "3");
}

TEST_CASE("rows Runway writes carry Flyway's values", "[interop][postgres]") {
  TempPostgresDatabase db;
  Dir sql;
  fs::create_directories(sql.dir / "sub");
  sql.write("V1__Create_table.sql",
            "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\n");
  sql.write("sub/V1_1__Second_step.sql", "SELECT 1;\r\n");
  sql.write("R__A_view.sql", "SELECT 1; \n");
  auto r =
      run_process({runway_binary(), "-url=" + db.conninfo(),
                   "-locations=filesystem:" + sql.dir.string(), "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto conn = open(db);
  auto rows = conn->execute(
      "SELECT installed_rank, version, description, type, script, checksum, "
      "installed_by, success FROM flyway_schema_history ORDER BY 1");
  using Row = std::vector<std::optional<std::string>>;
  const std::string user = db.user();
  REQUIRE(rows.rows.size() == 3);
  CHECK(rows.rows[0] == Row{"1", "1", "Create table", "SQL",
                            "V1__Create_table.sql", "194980085", user, "t"});
  CHECK(rows.rows[1] == Row{"2", "1.1", "Second step", "SQL",
                            "sub/V1_1__Second_step.sql", "78787420", user,
                            "t"});
  CHECK(rows.rows[2] == Row{"3", std::nullopt, "A view", "SQL", "R__A_view.sql",
                            "-1951047511", user, "t"});
}
