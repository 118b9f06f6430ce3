#include "runway/commands/commands.hpp"

namespace runway::commands {

BaselineResult run_baseline(CommandContext&) {
  throw Error(ErrorKind::kInternal, "ERROR", "baseline is not available yet");
}

}  // namespace runway::commands
