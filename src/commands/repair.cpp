#include "runway/commands/commands.hpp"

namespace runway::commands {

RepairResult run_repair(CommandContext&) {
  throw Error(ErrorKind::kInternal, "ERROR", "repair is not available yet");
}

}  // namespace runway::commands
