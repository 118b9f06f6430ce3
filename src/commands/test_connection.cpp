// testConnection: opens the configured connection and closes it (Flyway
// 11's TestConnectionCommandExtension). The connection is made as every
// command makes it (connectRetries, initSql, the "Database:" line); no
// callback runs and nothing is read or written. A failure is the usual
// connection error (exit code 3).
#include "runway/commands/commands.hpp"

namespace runway::commands {

TestConnectionResult run_test_connection(CommandContext& ctx) {
  ctx.connection();
  ctx.log().info("Runway engine connection successful");
  TestConnectionResult result;
  result.successful_connections.push_back("Runway");
  return result;
}

}  // namespace runway::commands
