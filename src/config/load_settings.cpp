#include "runway/config/load_settings.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "runway/config/sources.hpp"
#include "runway/core/error.hpp"

namespace runway {
namespace {

namespace fs = std::filesystem;
using Env = std::map<std::string, std::string>;

// The last command-line value of a command-line-only key, or "".
std::string last_value(const CommandLine& line, std::string_view key) {
  std::string value;
  for (const auto& [name, text] : line.assignments) {
    if (name == key) value = text;
  }
  return value;
}

std::string variable(const Env& env, const std::string& name) {
  auto found = env.find(name);
  return found == env.end() ? "" : found->second;
}

ConfigSearch search_for(const CommandLine& line, const Env& env,
                        const std::string& cwd, const std::string& exe_path) {
  ConfigSearch search;
  search.command_line_files = split_list(last_value(line, "configFiles"));
  for (const char* name : {"RUNWAY_CONFIG_FILES", "FLYWAY_CONFIG_FILES"}) {
    if (env.contains(name)) {
      search.environment_files = variable(env, name);
      search.environment_files_variable = name;
      break;
    }
  }
  const std::string working_directory = last_value(line, "workingDirectory");
  if (!working_directory.empty()) {
    search.working_directory =
        (fs::path(cwd) / working_directory).lexically_normal().string();
  }
  search.cwd = cwd;
  search.home = variable(env, "HOME");
  search.exe_path = exe_path;
  return search;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("Unable to load config file: " + path);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

Settings load_settings(const CommandLine& command_line, const Env& env,
                       const std::string& cwd, const std::string& exe_path) {
  // Command-line mistakes are reported before any file is read.
  SourceValues arguments = load_command_line(command_line.assignments);
  const ConfigSearch search = search_for(command_line, env, cwd, exe_path);
  const ConfigFiles files = find_config_files(search);

  std::vector<SourceValues> sources;
  for (const std::string& path : files.paths) {
    const std::string text = read_file(path);
    sources.push_back(files.mode == ConfigMode::kToml
                          ? load_toml(text, path)
                          : load_conf(text, path, env));
  }
  sources.push_back(load_environment(env, files.mode));
  sources.push_back(std::move(arguments));

  const std::string base_dir =
      search.working_directory.empty() ? cwd : search.working_directory;
  Settings settings = merge_assignments(sources, env, base_dir);
  settings.working_directory = search.working_directory;
  settings.config_files = files.paths;
  settings.notes.insert(settings.notes.begin(), files.notes.begin(),
                        files.notes.end());
  settings.quiet = command_line.quiet;
  settings.debug = command_line.debug && !command_line.quiet;
  return settings;
}

}  // namespace runway
