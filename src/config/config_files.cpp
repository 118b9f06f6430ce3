// Which config files are read, and in which mode (flyway-surface.md §1.1,
// §1.2). The mode is decided once: by the files listed in -configFiles if
// any, else by those in FLYWAY_CONFIG_FILES, else by what exists in the
// default places — any TOML file means TOML mode (CONF files are then
// ignored), only CONF files means CONF mode, nothing means TOML mode.
// Default places, lowest precedence first: the install directory's conf/
// (for Runway `<exe_dir>/../conf`, then `<exe_dir>/conf`; Flyway's file
// names only, so a build tree does not pick up a project's runway.toml), the
// home directory, the process working directory, -workingDirectory. Then
// the listed files, environment first. Unlike Flyway, which only warns, a
// listed file that does not exist is an error: a typo in a path must not run
// migrations against the wrong database.
#include <algorithm>
#include <filesystem>

#include "runway/config/sources.hpp"
#include "runway/core/error.hpp"

namespace runway {
namespace fs = std::filesystem;
namespace {

bool is_toml(const std::string& path) {
  std::string extension = fs::path(path).extension().string();
  std::transform(
      extension.begin(), extension.end(), extension.begin(),
      [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".toml";
}

bool is_file(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

std::vector<std::string> listed(const std::vector<std::string>& files,
                                const std::string& base,
                                const std::string& source) {
  std::vector<std::string> out;
  for (const std::string& file : files) {
    if (file == "-") {
      throw ConfigError("Reading configuration from standard input (" + source +
                        "=-) is not supported by Runway");
    }
    fs::path path(file);
    if (path.is_relative()) path = fs::path(base) / path;
    path = path.lexically_normal();
    if (!is_file(path)) {
      throw ConfigError("Unable to load config file: " + path.string() +
                        " (listed in " + source + "): file not found");
    }
    out.push_back(path.string());
  }
  return out;
}

// Mode from listed files; nullopt when the list is empty.
std::optional<ConfigMode> mode_of(const std::vector<std::string>& files) {
  if (files.empty()) return std::nullopt;
  const auto tomls = std::count_if(files.begin(), files.end(), is_toml);
  if (tomls > 0 && static_cast<std::size_t>(tomls) < files.size()) {
    throw ConfigError(
        "Using both TOML configuration and CONF configuration is not "
        "supported. "
        "Please remove the CONF configuration files.");
  }
  return tomls > 0 ? ConfigMode::kToml : ConfigMode::kConf;
}

struct Place {
  fs::path directory;
  bool install = false;
};

std::vector<Place> default_places(const ConfigSearch& search) {
  std::vector<Place> places;
  if (!search.exe_path.empty()) {
    fs::path exe(search.exe_path);
    if (exe.is_relative()) exe = fs::path(search.cwd) / exe;
    const fs::path exe_dir = exe.lexically_normal().parent_path();
    places.push_back({(exe_dir / ".." / "conf").lexically_normal(), true});
    places.push_back({exe_dir / "conf", true});
  }
  if (!search.home.empty()) places.push_back({fs::path(search.home), false});
  places.push_back({fs::path(search.cwd), false});
  if (!search.working_directory.empty()) {
    places.push_back({fs::path(search.working_directory), false});
  }
  return places;
}

std::vector<std::string> names_for(ConfigMode mode, bool install) {
  if (mode == ConfigMode::kConf) return {"flyway.conf"};
  if (install) return {"flyway.toml", "flyway.user.toml"};
  return {"flyway.toml", "flyway.user.toml", "runway.toml", "runway.user.toml"};
}

std::vector<std::string> existing_defaults(const std::vector<Place>& places,
                                           ConfigMode mode) {
  std::vector<std::string> out;
  for (const Place& place : places) {
    for (const std::string& name : names_for(mode, place.install)) {
      const fs::path path = (place.directory / name).lexically_normal();
      if (is_file(path)) out.push_back(path.string());
    }
  }
  return out;
}

// Keeps the last occurrence of each file, so a file listed explicitly keeps
// the precedence of its listing.
std::vector<std::string> without_duplicates(
    const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  std::vector<fs::path> seen;
  for (auto it = paths.rbegin(); it != paths.rend(); ++it) {
    std::error_code error;
    fs::path canonical = fs::weakly_canonical(*it, error);
    if (error) canonical = *it;
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
    seen.push_back(canonical);
    out.insert(out.begin(), *it);
  }
  return out;
}

}  // namespace

ConfigFiles find_config_files(const ConfigSearch& search) {
  const std::string base =
      search.working_directory.empty() ? search.cwd : search.working_directory;
  const auto from_env = listed(split_list(search.environment_files), base,
                               search.environment_files_variable);
  const auto from_cli = listed(search.command_line_files, base, "-configFiles");
  const auto places = default_places(search);

  // Each default place is looked at once for each kind of file.
  const std::vector<std::string> tomls =
      existing_defaults(places, ConfigMode::kToml);
  const std::vector<std::string> confs =
      existing_defaults(places, ConfigMode::kConf);
  ConfigFiles result;
  if (auto mode = mode_of(from_cli)) {
    result.mode = *mode;
  } else if (auto env_mode = mode_of(from_env)) {
    result.mode = *env_mode;
  } else {
    result.mode =
        tomls.empty() && !confs.empty() ? ConfigMode::kConf : ConfigMode::kToml;
  }
  const bool toml = result.mode == ConfigMode::kToml;
  std::vector<std::string> paths = toml ? tomls : confs;
  for (const std::string& ignored : toml ? confs : tomls) {
    result.notes.push_back(
        "Ignoring " + ignored + ": " +
        (result.mode == ConfigMode::kToml ? "TOML" : "CONF") +
        " configuration is in use");
  }
  for (const auto* list : {&from_env, &from_cli}) {
    for (const std::string& path : *list) {
      if ((result.mode == ConfigMode::kToml) == is_toml(path)) {
        paths.push_back(path);
      } else {
        result.notes.push_back(
            "Ignoring " + path + ": not a " +
            (result.mode == ConfigMode::kToml ? "TOML" : "CONF") + " file");
      }
    }
  }
  result.paths = without_duplicates(paths);
  return result;
}

}  // namespace runway
