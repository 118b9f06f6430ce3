// The configuration entry point for main(): every source, merged.
#pragma once

#include <map>
#include <string>

#include "runway/cli/args.hpp"
#include "runway/config/settings.hpp"

namespace runway {

/// Loads the settings: config files found as Flyway finds them (conf/ of
/// the install, home, `cwd`, -workingDirectory, FLYWAY_CONFIG_FILES,
/// -configFiles), then `env` (the process environment as a map), then the
/// command line; applies `[environments.<current>.flyway]` overrides and
/// reads passwordFile. `exe_path` locates the install directory
/// (`<exe_dir>/../conf`, `<exe_dir>/conf`); "" skips it. Throws ConfigError
/// (exit 2) with a message naming the source of any bad value.
Settings load_settings(const CommandLine& command_line,
                       const std::map<std::string, std::string>& env,
                       const std::string& cwd, const std::string& exe_path);

}  // namespace runway
