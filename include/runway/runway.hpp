// Runway as a library: run migrations from your application at start-up.
//
//   #include <runway/runway.hpp>
//
//   runway::Settings settings;
//   settings.url = "jdbc:postgresql://db:5432/app";
//   settings.user = "app";
//   settings.password = secret;
//   settings.locations = {"filesystem:/opt/app/sql"};
//   runway::Runway migrations(settings);
//   runway::MigrateResult result = migrations.migrate();
//
// Results are the structs the CLI prints (results.hpp); failures are
// runway::Error (kind() says what went wrong, as the CLI's exit codes do).
// Build with find_package(runway) and target_link_libraries(app
// runway::runway).
#pragma once

#include <memory>
#include <string>

#include "runway/commands/results.hpp"
#include "runway/config/settings.hpp"
#include "runway/core/error.hpp"

namespace runway {

using commands::BaselineResult;
using commands::CleanResult;
using commands::InfoResult;
using commands::MigrateResult;
using commands::RepairResult;
using commands::UndoResult;
using commands::ValidateResult;

/// Where log lines go: stderr with Flyway's prefixes, by default quiet
/// (warnings and errors only), so an application's own output stays clean.
struct LogSettings {
  bool info = false;   ///< also informational lines
  bool debug = false;  ///< also debug lines
  std::string file;    ///< also write lines to this file
};

/// One database, one configuration. Connects on the first command and keeps
/// the connection until destroyed. Not thread-safe: one command at a time.
class Runway {
 public:
  explicit Runway(Settings settings, LogSettings log = {});
  ~Runway();
  Runway(const Runway&) = delete;
  Runway& operator=(const Runway&) = delete;

  /// Validates, then applies pending migrations. Throws runway::Error on
  /// failure (a CommandFailed carrying the partial MigrateResult for a
  /// failed script).
  MigrateResult migrate();
  InfoResult info();
  /// Throws runway::Error (ErrorKind::kValidation) listing every problem.
  ValidateResult validate();
  BaselineResult baseline();
  RepairResult repair();
  UndoResult undo();
  CleanResult clean();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace runway
