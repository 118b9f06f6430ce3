// runway: parse the command line, load the settings, run the commands,
// print the results, and map what went wrong to an exit code.
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "runway/cli/args.hpp"
#include "runway/commands/commands.hpp"
#include "runway/commands/interrupt.hpp"
#include "runway/commands/product_version.hpp"
#include "runway/config/describe.hpp"
#include "runway/config/load_settings.hpp"
#include "runway/report/json_report.hpp"
#include "runway/report/log.hpp"
#include "runway/report/text_report.hpp"

extern char** environ;

namespace {

using namespace runway;

/// Exit codes (README "Exit codes").
int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kConfig:
      return 2;
    case ErrorKind::kConnection:
      return 3;
    case ErrorKind::kValidation:
      return 4;
    case ErrorKind::kLockTimeout:
      return 5;
    case ErrorKind::kCommitUnknown:
      return 6;
    case ErrorKind::kMigrationFile:
    case ErrorKind::kSql:
    case ErrorKind::kMigration:
    case ErrorKind::kInternal:
      break;
  }
  return 1;
}

std::map<std::string, std::string> environment_map() {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos)
      env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

std::string executable_path() {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : path.string();
}

std::string iso_timestamp() {
  char buf[40];
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

/// Before settings exist (bad arguments), JSON mode is read from argv.
bool wants_json(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    for (char& c : a)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (a == "-outputtype=json" || a == "--outputtype=json") return true;
  }
  return false;
}

commands::ErrorDetails details_of(const Error& e) {
  commands::ErrorDetails d;
  d.error_code = e.code();
  d.message = e.what();
  if (const auto* sql = dynamic_cast<const db::SqlError*>(&e)) {
    d.sql_state = sql->details().sqlstate;
    d.sql_error_code = sql->details().error_code;
  }
  if (const auto* file = dynamic_cast<const MigrationFileError*>(&e)) {
    if (file->line() > 0) d.line_number = file->line();
    if (!file->file().empty()) d.path = file->file();
  }
  return d;
}

std::string error_text(const Error& e) {
  std::string text = e.what();
  if (const auto* file = dynamic_cast<const MigrationFileError*>(&e)) {
    const std::string& path = file->file();
    if (!path.empty() && text.find(path) == std::string::npos)
      text = path +
             (file->line() > 0 ? ":" + std::to_string(file->line()) : "") +
             ": " + text;
  }
  return text;
}

report::LogOptions log_options(const Settings& s,
                               const std::vector<std::string>& secrets) {
  report::LogOptions o;
  o.level = s.quiet   ? report::LogLevel::kWarn
            : s.debug ? report::LogLevel::kDebug
                      : report::LogLevel::kInfo;
  // JSON mode: stdout holds exactly one document; logs stay on stderr but
  // only warnings and errors, so scripts reading both streams stay clean.
  if (s.output_type == OutputType::kJson && !s.debug)
    o.level = report::LogLevel::kWarn;
  o.color = s.color;
  o.output_file = s.output_type == OutputType::kJson ? "" : s.output_file;
  o.secrets = secrets;
  return o;
}

void print_text_result(const Settings& settings, report::Log& log,
                       const commands::CommandResult& result) {
  const auto* info = std::get_if<commands::InfoResult>(&result);
  if (info == nullptr) return;
  if (settings.info_migration_ids) {  // -migrationIds: "1,2,People view"
    std::string ids;
    for (const commands::InfoEntry& m : info->migrations)
      ids += (ids.empty() ? "" : ",") +
             (m.version.empty() ? m.description : m.version);
    std::cout << ids << "\n" << std::flush;
    return;
  }
  // Flyway logs the table at INFO, which -q silences (the ids above it
  // prints whatever the level).
  if (settings.quiet) return;
  const std::string table = report::render_info(*info);
  std::cout << table << std::flush;
  log.result_to_file(table);
}

// The document on stdout, and in -outputFile. Returns false (and says so)
// when the file could not be written.
bool write_json(const Settings& s, report::Log& log, const std::string& json) {
  const std::string out = report::redact_json(
      json, [&log](const std::string& text) { return log.redact(text); });
  std::cout << out << "\n" << std::flush;
  if (s.output_file.empty()) return true;
  std::FILE* f = std::fopen(s.output_file.c_str(), "w");
  bool written = f != nullptr && std::fputs((out + "\n").c_str(), f) >= 0;
  if (f != nullptr && std::fclose(f) != 0) written = false;
  if (!written)
    log.error("Could not write to output file " + s.output_file + ": " +
              std::strerror(errno));
  return written;
}

int run(const CommandLine& cl, const Settings& settings, report::Log& log) {
  const report::JsonContext json_context{runway_version(), iso_timestamp()};
  const bool json = settings.output_type == OutputType::kJson;
  // An -outputFile that cannot be written stops the run before any work
  // (in text mode the log opened it already).
  if (json && !settings.output_file.empty()) {
    std::FILE* f = std::fopen(settings.output_file.c_str(), "w");
    if (f == nullptr) {
      commands::ErrorDetails error;
      error.error_code = "ERROR";
      error.message = "Could not write to output file " + settings.output_file +
                      ": " + std::strerror(errno);
      std::cout << report::error_to_json(error) << "\n" << std::flush;
      return exit_code_for(ErrorKind::kConfig);
    }
    std::fclose(f);
  }
  if (log.debug_enabled()) log.debug(describe_settings(settings));
  for (const std::string& w : settings.warnings) log.warn(w);
  commands::CommandContext ctx(settings, log);
  std::vector<commands::CommandResult> results;
  int exit_code = 0;
  try {
    for (const std::string& command : cl.commands) {
      try {
        results.push_back(commands::run_command(ctx, command));
      } catch (const commands::CommandFailed& e) {
        // As Flyway's command line in JSON mode (validateWithResult): a
        // failed validation is the command's result, and the next command
        // runs; the exit code still says it failed.
        const auto* validate =
            std::get_if<commands::ValidateResult>(&e.partial());
        if (!json || validate == nullptr || validate->validation_successful)
          throw;
        results.push_back(e.partial());
        exit_code = exit_code_for(e.kind());
        continue;
      }
      if (!json) print_text_result(settings, log, results.back());
    }
    // `-v` with commands in JSON mode: Flyway runs a version command after
    // them, so its result comes last.
    if (json && cl.version)
      results.push_back(commands::VersionResult{runway_version()});
  } catch (const commands::CommandFailed& e) {
    // A failed migrate prints its own result (success=false, the failed
    // migration); anything else Flyway's error document.
    const auto* migrate = std::get_if<commands::MigrateResult>(&e.partial());
    const bool own_result = migrate != nullptr && migrate->error;
    if (json) {
      write_json(settings, log,
                 own_result ? report::to_json(e.partial(), json_context)
                            : report::error_to_json(e.details()));
    } else {
      log.error(e.what());
    }
    return exit_code_for(e.kind());
  } catch (const Error& e) {
    if (json)
      write_json(settings, log, report::error_to_json(details_of(e)));
    else
      log.error(error_text(e));
    return exit_code_for(e.kind());
  }
  if (json &&
      !write_json(settings, log, report::to_json(results, json_context)))
    return 1;
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  // A reader of the log that goes away (`runway migrate 2>&1 | head`) must
  // not kill the run between two migrations: writes to a closed pipe fail
  // quietly instead, as the JVM's do under Flyway.
  std::signal(SIGPIPE, SIG_IGN);
  CommandLine cl;
  Settings settings;
  try {
    cl = parse_command_line(argc, argv);
    const bool json = wants_json(argc, argv);
    // `-v` beside commands prints the version and runs them (Flyway adds
    // a version command to the list); in JSON mode stdout holds only JSON.
    if (cl.version && (cl.commands.empty() || !json)) {
      if (json)
        std::cout << report::version_to_json(runway_version()) << "\n";
      else
        std::cout << "Runway " << runway_version() << "\n";
      if (cl.commands.empty()) return 0;
    }
    if (cl.help || cl.commands.empty()) {
      (json ? std::cerr : std::cout) << help_text(cl.help_topic);
      return 0;
    }
    std::error_code ec;
    settings = load_settings(cl, environment_map(),
                             std::filesystem::current_path(ec).string(),
                             executable_path());
  } catch (const Error& e) {
    if (wants_json(argc, argv)) {
      commands::ErrorDetails d;
      d.error_code = e.code();
      d.message = e.what();
      std::cout << report::error_to_json(d) << "\n";
    } else {
      std::cerr << "ERROR: " << e.what() << "\n";
    }
    return exit_code_for(e.kind());
  }
  std::unique_ptr<report::Log> log;
  try {
    log = std::make_unique<report::Log>(
        log_options(settings, secrets_of(settings)));
  } catch (const Error& e) {  // -outputFile cannot be opened
    std::cerr << "ERROR: " << e.what() << "\n";
    return exit_code_for(e.kind());
  }
  commands::install_interrupt_handlers();
  try {
    return run(cl, settings, *log);
  } catch (const std::exception& e) {
    log->error(std::string("Unexpected error: ") + e.what());
    return 1;
  }
}
