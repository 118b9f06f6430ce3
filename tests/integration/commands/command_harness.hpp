// A database of its own, a folder of migration scripts and Settings that
// point at both, for running commands the way the CLI does: each run gets a
// fresh CommandContext and a log whose lines the test can read back.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runway/commands/commands.hpp"
#include "runway/config/settings.hpp"
#include "runway/core/migration.hpp"
#include "runway/db/connection.hpp"
#include "support/test_databases.hpp"

namespace runway::test {

enum class Engine { kPostgreSQL, kSQLite };

class CommandHarness {
 public:
  explicit CommandHarness(Engine engine);
  ~CommandHarness();
  CommandHarness(const CommandHarness&) = delete;
  CommandHarness& operator=(const CommandHarness&) = delete;

  /// url, user and locations are set; everything else is Flyway's default.
  Settings settings;

  /// Writes (or overwrites) a script in the migrations folder.
  void write(const std::string& name, const std::string& content);
  void remove(const std::string& name);
  std::string path_of(const std::string& name) const;

  commands::MigrateResult migrate();
  commands::InfoResult info();
  commands::ValidateResult validate();
  commands::BaselineResult baseline();
  commands::RepairResult repair();
  commands::UndoResult undo();
  commands::CleanResult clean();
  /// Runs several commands on one context, as `runway clean migrate` does.
  std::vector<commands::CommandResult> run_in_one_context(
      const std::vector<std::string>& commands);
  /// Runs `command` expecting it to throw runway::Error; returns its message
  /// (and kind and code through the optional outputs).
  std::string failure_of(const std::string& command, ErrorKind* kind = nullptr,
                         std::string* code = nullptr);

  /// Every line the last command logged ("WARNING: ..." etc. as printed).
  const std::string& log() const { return log_; }
  bool logged(const std::string& line) const;
  /// Some logged line starts with `prefix` (lines with execution times).
  bool logged_starting(const std::string& prefix) const;

  /// A new direct connection to the test database.
  std::unique_ptr<db::Connection> connect() const;
  /// First column of the first row, "" for none or NULL.
  std::string scalar(const std::string& sql) const;
  /// The history rows of `schema`'s table, by installed rank.
  std::vector<AppliedMigration> history(const std::string& schema = "") const;
  /// "<version or description>: <state>" per `info` line, in order; undo
  /// files as "U<version>: <state>".
  std::vector<std::string> states();

  Engine engine() const { return engine_; }

 private:
  commands::CommandResult run(const std::string& command);

  Engine engine_;
  std::unique_ptr<TempPostgresDatabase> postgres_;
  std::unique_ptr<TempSqliteFile> sqlite_;
  std::string scripts_dir_;
  std::string log_file_;
  std::string log_;
};

}  // namespace runway::test
