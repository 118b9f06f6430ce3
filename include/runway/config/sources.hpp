// The configuration sources. Each loader turns one source (a TOML file, a
// legacy .conf file, the process environment, the command line) into a list
// of assignments; merge_assignments() then applies them in precedence order
// (defaults < files < environment < command line) with Flyway's rule that an
// `[environments.<current>.flyway]` override beats a root value from any
// source. Loaders reject unknown keys; values are typed when merged, so a
// `${env.X}` resolver can still produce a boolean.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "runway/config/settings.hpp"
#include "runway/config/settings_table.hpp"

namespace runway {

/// Where a configuration value came from.
struct Origin {
  enum class Kind { kDefault, kFile, kEnvironment, kCommandLine };
  Kind kind = Kind::kDefault;
  std::string name;  ///< file path or environment variable name
  int line = 0;      ///< 1-based; 0 = unknown
  int column = 0;    ///< 1-based; 0 = unknown

  /// Provenance as describe_settings() prints it: "default",
  /// "file /x/flyway.toml", "env FLYWAY_URL", "command line".
  std::string describe() const;
  /// For messages: "/x/flyway.toml", "environment variable FLYWAY_URL",
  /// "the command line".
  std::string where() const;
  /// where() with the line and column when known:
  /// "/x/flyway.toml at line 3, column 5".
  std::string position() const;
};

/// Which part of the configuration an assignment writes.
enum class AssignTarget {
  kFlyway,               ///< [flyway] key
  kEnvironment,          ///< [environments.NAME] key
  kOverride,             ///< [environments.NAME.flyway] key
  kSelectedEnvironment,  ///< the environment chosen by `environment`
  kCommandLine,          ///< command-line-only option
};

/// A value as its source wrote it, before it is typed. Text from .conf
/// files, environment variables and the command line is typed (and lists
/// split on commas) when merged; TOML values keep their TOML type.
struct RawValue {
  enum class Kind { kText, kBool, kInt, kList };
  Kind kind = Kind::kText;
  std::string text;
  bool flag = false;
  std::int64_t number = 0;
  std::vector<std::string> items;

  static RawValue of_text(std::string text);
  static RawValue of_bool(bool flag);
  static RawValue of_int(std::int64_t number);
  static RawValue of_list(std::vector<std::string> items);
};

/// One key set by one source.
struct Assignment {
  AssignTarget target = AssignTarget::kFlyway;
  std::string environment;  ///< for kEnvironment and kOverride
  std::string key;          ///< within its scope: "url", "placeholders.x"
  RawValue value;
  Origin origin;
  /// The key as messages name it: "flyway.cleanDisabled",
  /// "environments.dev.connectRetries".
  std::string name;
  bool resolvable = false;  ///< TOML text: `${env.X}` resolvers apply
};

/// What a loader produced.
struct SourceValues {
  std::vector<Assignment> assignments;
  std::vector<std::string> notes;     ///< debug remarks (ignored keys)
  std::vector<std::string> warnings;  ///< worth a WARNING line
};

enum class ConfigMode { kToml, kConf };

/// A TOML config file (`flyway.toml` layout; `[runway]` = `[flyway]`).
/// Syntax errors, type mismatches and unknown keys throw ConfigError with
/// the file, line and column.
SourceValues load_toml(const std::string& text, const std::string& path);

/// A legacy `flyway.conf` properties file. `${VAR}` is expanded from `env`.
SourceValues load_conf(const std::string& text, const std::string& path,
                       const std::map<std::string, std::string>& env);

/// FLYWAY_* / RUNWAY_* variables, FLYWAY_PLACEHOLDERS_<NAME>,
/// FLYWAY_JDBC_PROPERTIES_<NAME>, and (TOML mode) the lower-case generic
/// `flyway_*`, `runway_*` and `environments_*` forms, in precedence order.
SourceValues load_environment(const std::map<std::string, std::string>& env,
                              ConfigMode mode);

/// `-key=value` arguments (keys without dashes), root keys first, then
/// `environments.NAME.key` ones, as Flyway applies them.
SourceValues load_command_line(
    const std::vector<std::pair<std::string, std::string>>& assignments);

/// Everything that decides which config files are read.
struct ConfigSearch {
  std::vector<std::string> command_line_files;  ///< -configFiles
  std::string environment_files;  ///< RUNWAY_/FLYWAY_CONFIG_FILES value
  std::string environment_files_variable;  ///< its name, for messages
  std::string working_directory;  ///< -workingDirectory, absolute or ""
  std::string cwd;                ///< the process working directory
  std::string home;               ///< $HOME, or ""
  std::string exe_path;           ///< the runway executable
};

/// The config files to load, lowest precedence first, and the mode.
struct ConfigFiles {
  ConfigMode mode = ConfigMode::kToml;
  std::vector<std::string> paths;
  std::vector<std::string> notes;
};

/// Flyway's file search (flyway-surface.md §1.1–§1.2): install-dir conf/,
/// home, working directory, -workingDirectory, then the listed files. A
/// listed file that does not exist is an error (Flyway only warns).
ConfigFiles find_config_files(const ConfigSearch& search);

/// Applies `sources` (in precedence order) over the defaults. `env` serves
/// the `${env.NAME}` resolver; `base_dir` resolves a relative passwordFile.
Settings merge_assignments(const std::vector<SourceValues>& sources,
                           const std::map<std::string, std::string>& env,
                           const std::string& base_dir);

/// `text` as a list: split on commas, items trimmed, empty items dropped.
std::vector<std::string> split_list(const std::string& text);

}  // namespace runway
