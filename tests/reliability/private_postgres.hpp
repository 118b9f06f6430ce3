// A PostgreSQL cluster of the test's own (scripts/lib/postgres.sh in a
// scratch directory), for faults that must not hit the shared cluster other
// tests run against in parallel, such as restarting the server.
#pragma once

#include <string>

#include "cli/process.hpp"

namespace runway::test {

class PrivatePostgresCluster {
 public:
  /// initdb and start (as the postgres user when root); fails the test if
  /// the cluster does not come up.
  PrivatePostgresCluster();
  /// Stops the server (immediate) and removes its files.
  ~PrivatePostgresCluster();
  PrivatePostgresCluster(const PrivatePostgresCluster&) = delete;
  PrivatePostgresCluster& operator=(const PrivatePostgresCluster&) = delete;

  /// libpq conninfo of `database` as the superuser, over the unix socket.
  std::string conninfo(const std::string& database = "postgres") const;
  /// `pg_ctl restart -m fast`: ends every session, returns once the server
  /// accepts connections again.
  void restart() const;

 private:
  ProcessResult shell(const std::string& commands) const;

  ScratchDir scratch_;
  std::string dir_;
  std::string port_;
};

}  // namespace runway::test
