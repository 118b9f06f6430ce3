// The commands. Each is a short list of named steps over a CommandContext
// and returns a result struct (results.hpp).
#pragma once

#include <string>

#include "runway/commands/context.hpp"
#include "runway/commands/results.hpp"
#include "runway/core/error.hpp"

namespace runway::commands {

/// A command failed after doing part of its work. Carries Flyway's error
/// details and the result so far (migrate prints it as its JSON error
/// document, with success=false).
class CommandFailed : public Error {
 public:
  CommandFailed(ErrorKind kind, ErrorDetails details, CommandResult partial)
      : Error(kind, details.error_code, details.message),
        details_(std::move(details)),
        partial_(std::move(partial)) {}
  const ErrorDetails& details() const { return details_; }
  const CommandResult& partial() const { return partial_; }

 private:
  ErrorDetails details_;
  CommandResult partial_;
};

MigrateResult run_migrate(CommandContext& ctx);
InfoResult run_info(CommandContext& ctx);
ValidateResult run_validate(CommandContext& ctx);
BaselineResult run_baseline(CommandContext& ctx);
RepairResult run_repair(CommandContext& ctx);
UndoResult run_undo(CommandContext& ctx);
CleanResult run_clean(CommandContext& ctx);
TestConnectionResult run_test_connection(CommandContext& ctx);

/// Runs the command named `name` ("migrate", "info", ...).
CommandResult run_command(CommandContext& ctx, const std::string& name);

}  // namespace runway::commands
