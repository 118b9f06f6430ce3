// The PostgreSQL server restarted while a migration runs (`pg_ctl restart
// -m fast`, which ends every session as a terminated backend would). Runs on
// a private cluster so the shared one, which other tests use in parallel,
// never goes down. The runner must exit 3 saying the connection was lost,
// leave nothing of the interrupted migration (no objects, no history row;
// the migrations before it stay committed), and a rerun once the server is
// back must converge to what a clean run produces.
#include <catch2/catch.hpp>

#include "private_postgres.hpp"
#include "reliability_support.hpp"

using namespace runway::test;

namespace {

void write_scripts(const ScratchDir& scripts) {
  scripts.write("V1__create.sql",
                "CREATE TABLE t1 (id int PRIMARY KEY, note text);\n"
                "INSERT INTO t1 SELECT g, 'n' || g FROM "
                "generate_series(1, 100) g;\n");
  scripts.write("V2__slow.sql",
                "CREATE TABLE t2 (id int);\nINSERT INTO t2 VALUES (1);\n"
                "SELECT pg_sleep(${nap});\nINSERT INTO t2 VALUES (2);\n");
  scripts.write("V3__index.sql", "CREATE INDEX t1_note ON t1 (note);\n");
  scripts.write("R__view.sql",
                "CREATE OR REPLACE VIEW v_all AS SELECT id FROM t1 UNION ALL "
                "SELECT id FROM t2;\n");
}

std::vector<std::string> args_for(const std::string& conninfo,
                                  const ScratchDir& scripts,
                                  const std::string& nap) {
  return {"-url=" + conninfo, "-locations=" + scripts.location(),
          "-placeholders.nap=" + nap, "-lockRetryCount=0", "migrate"};
}

}  // namespace

TEST_CASE(
    "server restarted mid-migration: exit 3, nothing half-applied, rerun "
    "converges",
    "[lost-connection][restart][postgres]") {
  PrivatePostgresCluster cluster;
  {
    auto admin = open_url(cluster.conninfo());
    admin->execute("CREATE DATABASE reference");
    admin->execute("CREATE DATABASE target");
  }
  ScratchDir scripts;
  write_scripts(scripts);

  const ProcessResult clean =
      run_runway(args_for(cluster.conninfo("reference"), scripts, "0"));
  INFO(clean.err);
  REQUIRE(clean.exit_code == 0);
  const auto expected =
      postgres_snapshot(*open_url(cluster.conninfo("reference")));

  auto runner =
      spawn_runway(args_for(cluster.conninfo("target"), scripts, "60"));
  {
    auto admin = open_url(cluster.conninfo("target"));
    wait_for_postgres_backend(*admin, "%pg_sleep%");
  }
  cluster.restart();
  CHECK(runner->wait() == 3);
  const std::string err = runner->err();
  INFO(err);
  CHECK(contains(err,
                 "ERROR: Connection to the database was lost: FATAL:  "
                 "terminating connection due to administrator command"));
  CHECK(contains(err,
                 "V2__slow.sql was not committed: its transaction ends with "
                 "the connection, and no history row was written."));

  auto conn = open_url(cluster.conninfo("target"));
  // V1 committed before the restart; nothing of V2 is left.
  CHECK(rows_of(*conn,
                "SELECT version, success FROM flyway_schema_history ORDER "
                "BY installed_rank") == std::vector<std::string>{"1|t"});
  CHECK(rows_of(*conn, "SELECT to_regclass('t2') IS NULL") ==
        std::vector<std::string>{"t"});

  // lockRetryCount=0: a lock left behind would fail the rerun with exit 5.
  const ProcessResult rerun =
      run_runway(args_for(cluster.conninfo("target"), scripts, "0"));
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK(postgres_snapshot(*conn) == expected);
}
