// The command line as Flyway users write it:
//   runway [options] <command> [<command>...] [options]
// with options `-key=value` (or `--key=value`), `-X`, `-q`, `-v`/`--version`,
// `-h`/`--help`/`-?`. Options may come before or after commands; several
// commands run in order (`runway clean migrate info`).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace runway {

/// argv, understood.
struct CommandLine {
  /// Commands to run, in order (never "help" or "version": see below).
  std::vector<std::string> commands;
  /// `-key=value` settings, in order, keys without dashes
  /// ("url", "placeholders.tenant", "environments.dev.user").
  std::vector<std::pair<std::string, std::string>> assignments;
  bool help = false;     ///< `help`, `-h`, `--help`, `-?`
  bool version = false;  ///< `version`, `-v`, `--version`
  bool debug = false;    ///< `-X`
  bool quiet = false;    ///< `-q` (wins over -X once loaded)
  /// `runway help migrate` / `runway migrate --help` → "migrate".
  std::string help_topic;
};

/// Runway's commands, in the order help lists them.
std::span<const std::string_view> command_names();

/// Rewrites Flyway-style arguments (argv without argv[0]) into the forms the
/// parser reads: `-key=value` → `--key=value`, `-h`/`-?`/`-help` →
/// `--help`, `-v`/`-version` → `--version`, `-migrationIds` →
/// `--migrationIds=true`; drops empty arguments and Flyway's no-op flags
/// (`-n`, `-skipCheckForUpdate`, `-communityFallback`). Debian's CLI11 2.1
/// cannot parse single-dash long options, hence this step. Throws
/// ConfigError with Flyway's texts: `Invalid flag: -foo`,
/// `Invalid configuration argument: ...`.
std::vector<std::string> normalize_args(const std::vector<std::string>& args);

/// Parses arguments (argv without argv[0]). Throws ConfigError for bad
/// flags, unknown commands (with a suggestion) and `-outputType` values
/// other than json.
CommandLine parse_command_line(const std::vector<std::string>& args);

/// The same over main()'s argc/argv (argv[0] is skipped).
CommandLine parse_command_line(int argc, const char* const* argv);

/// Usage for `runway --help` (empty topic) and `runway help <command>`:
/// commands, common options, exit codes, where the full reference is.
std::string help_text(const std::string& topic);

}  // namespace runway
