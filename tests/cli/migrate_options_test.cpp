// migrate's options end to end: outOfOrder, target, mixed, group,
// skipExecutingMigrations.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "process.hpp"
#include "support/test_databases.hpp"

namespace fs = std::filesystem;
using runway::test::ProcessResult;
using runway::test::run_process;
using runway::test::runway_binary;
using Json = nlohmann::json;

namespace {

struct Scripts : runway::test::ScratchDir {
  ProcessResult run(const std::string& url,
                    std::vector<std::string> args) const {
    std::vector<std::string> argv{runway_binary(), "-url=" + url,
                                  "-locations=filesystem:" + dir.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
  }
  std::map<std::string, std::string> states(const std::string& url) const {
    ProcessResult r = run(url, {"-outputType=json", "info"});
    REQUIRE(r.exit_code == 0);
    std::map<std::string, std::string> out;
    const Json info = Json::parse(r.out);  // outlives the loop
    for (const auto& m : info["migrations"])
      out[m["version"].get<std::string>()] = m["state"].get<std::string>();
    return out;
  }
};

}  // namespace

TEST_CASE("a late lower version is Ignored, then Out of Order with outOfOrder",
          "[cli][options][sqlite]") {
  runway::test::TempSqliteFile db;
  Scripts s;
  s.write("V1__One.sql", "CREATE TABLE one (id INT);\n");
  s.write("V3__Three.sql", "CREATE TABLE three (id INT);\n");
  REQUIRE(s.run(db.jdbc_url(), {"migrate"}).exit_code == 0);
  s.write("V2__Two.sql", "CREATE TABLE two (id INT);\n");
  CHECK(s.states(db.jdbc_url())["2"] == "Ignored");
  ProcessResult r = s.run(db.jdbc_url(), {"migrate"});
  CHECK(r.exit_code == 4);  // validate refuses the ignored migration
  CHECK(r.err.find("Detected resolved migration not applied to database: 2") !=
        std::string::npos);
  r = s.run(db.jdbc_url(), {"-outOfOrder=true", "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("to version \"2 - Two\" [out of order]") !=
        std::string::npos);
  CHECK(s.states(db.jdbc_url())["2"] == "Out of Order");
}

TEST_CASE("target stops migrate; later versions are Above Target",
          "[cli][options][sqlite]") {
  runway::test::TempSqliteFile db;
  Scripts s;
  for (int i = 1; i <= 4; ++i)
    s.write("V" + std::to_string(i) + "__Step.sql",
            "CREATE TABLE t" + std::to_string(i) + " (id INT);\n");
  REQUIRE(s.run(db.jdbc_url(), {"-target=2", "migrate"}).exit_code == 0);
  auto states = s.states(db.jdbc_url());
  CHECK(states["2"] == "Success");
  REQUIRE(s.run(db.jdbc_url(), {"-target=3", "-outputType=json", "info"})
              .exit_code == 0);
  ProcessResult r =
      s.run(db.jdbc_url(), {"-target=3", "-outputType=json", "info"});
  Json j = Json::parse(r.out);
  CHECK(j["migrations"][2]["state"] == "Pending");
  CHECK(j["migrations"][3]["state"] == "Above Target");
  r = s.run(db.jdbc_url(), {"-target=9", "migrate"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("No migration with a target version 9 could be found") !=
        std::string::npos);
  CHECK(s.run(db.jdbc_url(), {"-target=9?", "migrate"}).exit_code == 0);
  CHECK(s.states(db.jdbc_url())["4"] == "Success");
}

TEST_CASE("group applies all pending migrations or none",
          "[cli][options][sqlite]") {
  runway::test::TempSqliteFile db;
  Scripts s;
  s.write("V1__One.sql", "CREATE TABLE one (id INT);\n");
  s.write("V2__Two.sql", "CREATE TABLE two (id INT);\n");
  s.write("V3__Broken.sql", "INSERT INTO missing VALUES (1);\n");
  ProcessResult r = s.run(db.jdbc_url(), {"-group=true", "migrate"});
  CHECK(r.exit_code == 1);
  auto states = s.states(db.jdbc_url());
  CHECK(states["1"] == "Pending");  // rolled back with the group
  CHECK(states["2"] == "Pending");
  // Without group the first two stay applied.
  r = s.run(db.jdbc_url(), {"migrate"});
  CHECK(r.exit_code == 1);
  states = s.states(db.jdbc_url());
  CHECK(states["1"] == "Success");
  CHECK(states["2"] == "Success");
  CHECK(states["3"] == "Pending");
}

TEST_CASE("skipExecutingMigrations records without running",
          "[cli][options][sqlite]") {
  runway::test::TempSqliteFile db;
  Scripts s;
  s.write("V1__Would_fail.sql", "INSERT INTO missing VALUES (1);\n");
  ProcessResult r =
      s.run(db.jdbc_url(), {"-skipExecutingMigrations=true", "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(s.states(db.jdbc_url())["1"] == "Success");
}

TEST_CASE("a script mixing transactional and non-transactional statements",
          "[cli][options][postgres]") {
  runway::test::TempPostgresDatabase db;
  Scripts s;
  s.write("V1__Mixed.sql",
          "CREATE TABLE mixed_table (id INT);\n"
          "CREATE INDEX CONCURRENTLY mixed_idx ON mixed_table (id);\n");
  ProcessResult r = s.run(db.conninfo(), {"migrate"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Detected both transactional and non-transactional "
                   "statements within the same migration (even though mixed "
                   "is false). Offending statement found at line 2: CREATE "
                   "INDEX CONCURRENTLY mixed_idx ON mixed_table (id) "
                   "[non-transactional]") != std::string::npos);
  CHECK(s.states(db.conninfo())["1"] == "Pending");  // nothing ran
  r = s.run(db.conninfo(), {"-mixed=true", "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("[non-transactional]") != std::string::npos);
  CHECK(s.states(db.conninfo())["1"] == "Success");
}
