#include "runway/commands/commands.hpp"

namespace runway::commands {

UndoResult run_undo(CommandContext&) {
  throw Error(ErrorKind::kInternal, "ERROR", "undo is not available yet");
}

}  // namespace runway::commands
