// `-key=value` arguments (flyway-surface.md §3). A key naming an environment
// field (`url`, `schemas`, `jdbcProperties.x`) goes to the selected
// environment; `environments.NAME.KEY` writes into environment NAME and is
// applied after every root argument, as Flyway does; command-line-only
// options (`outputType`, `configFiles`, ...) stay on their own; any other key
// is a [flyway] key (`placeholders.x`, `postgresql.transactional.lock`).
#include <algorithm>

#include "key_routing.hpp"
#include "runway/config/sources.hpp"
#include "runway/core/error.hpp"

namespace runway {
namespace {

RoutedKey route(const std::string& key) {
  const Origin origin{Origin::Kind::kCommandLine, "", 0, 0};
  if (key.starts_with("environments.")) {
    const std::string rest = key.substr(13);
    const auto dot = rest.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == rest.size()) {
      throw ConfigError("Invalid configuration argument: -" + key +
                        ". Both the environment name and configuration option "
                        "are required.");
    }
    const std::string field = rest.substr(dot + 1);
    if (auto routed = route_environment_key(rest.substr(0, dot), field)) {
      return *routed;
    }
    throw_unknown_key(key, field, SettingScope::kEnvironment, false, origin);
  }
  if (auto routed = route_root_key(key, true)) return *routed;
  if (auto map = find_setting(SettingScope::kFlyway, key + ".x");
      map && map->spec->key == key) {
    throw ConfigError("Invalid configuration argument: -" + key +
                      "=... needs a name: -" + key + ".NAME=value");
  }
  throw_unknown_key(key, key, SettingScope::kFlyway, true, origin);
}

}  // namespace

SourceValues load_command_line(
    const std::vector<std::pair<std::string, std::string>>& assignments) {
  SourceValues out;
  for (const auto& [key, value] : assignments) {
    const RoutedKey routed = route(key);
    out.assignments.push_back(make_text_assignment(
        routed, value, Origin{Origin::Kind::kCommandLine, "-" + key, 0, 0},
        message_name(routed)));
  }
  std::stable_partition(out.assignments.begin(), out.assignments.end(),
                        [](const Assignment& a) {
                          return a.target != AssignTarget::kEnvironment &&
                                 a.target != AssignTarget::kOverride;
                        });
  return out;
}

}  // namespace runway
