// SQL callbacks (beforeMigrate.sql, afterEachMigrate__note.sql, ...): run at
// the moments Flyway fires its events, in Flyway's order (by description).
#pragma once

#include <string_view>
#include <vector>

#include "runway/commands/context.hpp"
#include "runway/fs/scanner.hpp"

namespace runway::commands {

/// A callback script failed: "Error while executing <event> callback: ...".
class CallbackFailed : public Error {
 public:
  using Error::Error;
};

class CallbackRunner {
 public:
  CallbackRunner(CommandContext& ctx, std::vector<fs::Callback> callbacks);

  bool has(std::string_view event) const;
  /// Runs every callback script for `event` on the main connection, each
  /// with the default schema current. Outside a transaction each
  /// transactional script gets its own; with `inside_transaction`
  /// (per-migration events) they join the caller's.
  /// Throws CallbackFailed.
  void fire(std::string_view event, bool inside_transaction = false);
  /// fire() between two statements of a script (the per-statement events):
  /// the session stays as the script left it (search path, USE), and the
  /// script's notice handler stays in place.
  void fire_between_statements(std::string_view event, bool inside_transaction);
  /// Like fire() but never throws: for the *Error events, which run while
  /// another failure is already on its way out.
  void fire_quietly(std::string_view event,
                    bool between_statements = false) noexcept;

 private:
  void fire_at(std::string_view event, bool inside_transaction,
               bool between_statements);
  void run_one(const fs::Callback& callback, bool inside_transaction,
               bool between_statements);

  CommandContext& ctx_;
  std::vector<fs::Callback> callbacks_;
};

}  // namespace runway::commands
