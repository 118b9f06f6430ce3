#include "private_postgres.hpp"

#include <catch2/catch.hpp>

namespace runway::test {

PrivatePostgresCluster::PrivatePostgresCluster() : dir_(scratch_.path("pg")) {
  const ProcessResult r =
      shell("pg_start \"$1\" >/dev/null && echo \"$RUNWAY_TEST_PG_PORT\"");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  port_ = r.out.substr(0, r.out.find('\n'));
  REQUIRE(!port_.empty());
}

PrivatePostgresCluster::~PrivatePostgresCluster() {
  shell("PG_DIR=\"$1\"; pg_stop");
}

std::string PrivatePostgresCluster::conninfo(
    const std::string& database) const {
  return "host=" + dir_ + " port=" + port_ +
         " user=postgres dbname=" + database;
}

void PrivatePostgresCluster::restart() const {
  const ProcessResult r = shell(
      "_pg_as_owner \"$PG_BIN/pg_ctl\" -D \"$1/data\" -l "
      "\"$1/server.log\" -m fast -w -t 60 restart >/dev/null");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// Runs `commands` in bash with scripts/lib/postgres.sh loaded and the
// cluster directory as $1.
ProcessResult PrivatePostgresCluster::shell(const std::string& commands) const {
  ProcessOptions options;
  options.unset_env = {"PG_PORT", "PG_DIR", "PG_BIN"};
  return run_process({"/bin/bash", "-c",
                      "source \"" + std::string(RUNWAY_SOURCE_DIR) +
                          "/scripts/lib/postgres.sh\" && " + commands,
                      "bash", dir_},
                     options);
}

}  // namespace runway::test
