#include "runway/commands/commands.hpp"

namespace runway::commands {

CommandResult run_command(CommandContext& ctx, const std::string& name) {
  if (name == "migrate") return run_migrate(ctx);
  if (name == "info") return run_info(ctx);
  if (name == "validate") return run_validate(ctx);
  if (name == "baseline") return run_baseline(ctx);
  if (name == "repair") return run_repair(ctx);
  if (name == "undo") return run_undo(ctx);
  if (name == "clean") return run_clean(ctx);
  if (name == "testConnection") return run_test_connection(ctx);
  throw ConfigError("Invalid flag: " + name);
}

}  // namespace runway::commands
