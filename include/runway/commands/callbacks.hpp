// SQL callbacks (beforeMigrate.sql, afterEachMigrate__note.sql, ...): run at
// the moments Flyway fires its events, in Flyway's order (by description).
#pragma once

#include <string_view>
#include <vector>

#include "runway/commands/context.hpp"
#include "runway/fs/scanner.hpp"

namespace runway::commands {

class CallbackRunner {
 public:
  CallbackRunner(CommandContext& ctx, std::vector<fs::Callback> callbacks);

  bool has(std::string_view event) const;
  /// Runs every callback script for `event` on the main connection. Outside
  /// a transaction each transactional script gets its own; with
  /// `inside_transaction` (per-migration events) they join the caller's.
  /// Throws Error "Error while executing <event> callback: <message>".
  void fire(std::string_view event, bool inside_transaction = false);
  /// Like fire() but never throws: for the *Error events, which run while
  /// another failure is already on its way out.
  void fire_quietly(std::string_view event) noexcept;

 private:
  void run_one(const fs::Callback& callback, bool inside_transaction);

  CommandContext& ctx_;
  std::vector<fs::Callback> callbacks_;
};

}  // namespace runway::commands
