#include "runway/commands/commands.hpp"

namespace runway::commands {

CleanResult run_clean(CommandContext&) {
  throw Error(ErrorKind::kInternal, "ERROR", "clean is not available yet");
}

}  // namespace runway::commands
