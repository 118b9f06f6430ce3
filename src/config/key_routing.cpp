#include "key_routing.hpp"

#include <vector>

#include "runway/config/suggest.hpp"
#include "runway/core/error.hpp"

namespace runway {
namespace {

RoutedKey routed(AssignTarget target, std::string environment,
                 std::string_view key, const SettingSpec* spec) {
  return RoutedKey{target, std::move(environment), std::string(key), spec};
}

// Candidate spellings for a suggestion: every key of the scopes, and for map
// keys the key with the entry the user wrote ("placeholder.x" →
// "placeholders.x").
std::vector<std::string> candidates(
    std::string_view word, std::initializer_list<SettingScope> scopes) {
  std::vector<std::string> out;
  const auto dot = word.find('.');
  for (const SettingSpec& spec : settings_table()) {
    bool in_scope = false;
    for (SettingScope scope : scopes)
      in_scope = in_scope || spec.scope == scope;
    if (!in_scope) continue;
    if (spec.type != SettingType::kMap || dot == std::string_view::npos) {
      out.emplace_back(spec.key);
    } else {
      out.push_back(std::string(spec.key) + std::string(word.substr(dot)));
    }
  }
  return out;
}

std::string hint_for(std::string_view key, SettingScope scope, bool root) {
  if (root) return "";
  if (scope == SettingScope::kFlyway &&
      find_setting(SettingScope::kEnvironment, key)) {
    return " '" + std::string(key) +
           "' is an environment setting: put it under [environments.NAME].";
  }
  if (scope == SettingScope::kEnvironment &&
      find_setting(SettingScope::kFlyway, key)) {
    return " '" + std::string(key) +
           "' is a [flyway] setting: put it under [flyway], or under "
           "[environments.NAME.flyway] to override it for one environment.";
  }
  return "";
}

}  // namespace

std::optional<RoutedKey> route_root_key(std::string_view key,
                                        bool allow_command_line) {
  if (allow_command_line) {
    if (auto match = find_setting(SettingScope::kCommandLine, key)) {
      return routed(AssignTarget::kCommandLine, "", key, match->spec);
    }
  }
  if (auto match = find_setting(SettingScope::kEnvironment, key)) {
    return routed(AssignTarget::kSelectedEnvironment, "", key, match->spec);
  }
  if (auto match = find_setting(SettingScope::kFlyway, key)) {
    return routed(AssignTarget::kFlyway, "", key, match->spec);
  }
  return std::nullopt;
}

std::optional<RoutedKey> route_environment_key(std::string_view environment,
                                               std::string_view rest) {
  for (std::string_view table : {"flyway.", "runway."}) {
    if (!rest.starts_with(table)) continue;
    const std::string_view key = rest.substr(table.size());
    if (key == "environment") return std::nullopt;
    if (auto match = find_setting(SettingScope::kFlyway, key)) {
      return routed(AssignTarget::kOverride, std::string(environment), key,
                    match->spec);
    }
    return std::nullopt;
  }
  if (auto match = find_setting(SettingScope::kEnvironment, rest)) {
    return routed(AssignTarget::kEnvironment, std::string(environment), rest,
                  match->spec);
  }
  return std::nullopt;
}

void throw_unknown_key(const std::string& shown, std::string_view key,
                       SettingScope scope, bool root, const Origin& origin) {
  std::string message =
      "Unknown configuration key '" + shown + "' in " + origin.where() + ".";
  const std::string hint = hint_for(key, scope, root);
  std::string suggestion;
  if (hint.empty()) {
    suggestion =
        root ? closest_match(key, candidates(key, {SettingScope::kFlyway,
                                                   SettingScope::kEnvironment,
                                                   SettingScope::kCommandLine}))
             : closest_match(key, candidates(key, {scope}));
  }
  if (!suggestion.empty()) message += " Did you mean '" + suggestion + "'?";
  throw ConfigError(message + hint);
}

Assignment make_text_assignment(const RoutedKey& routed, std::string value,
                                Origin origin, std::string name) {
  Assignment assignment;
  assignment.target = routed.target;
  assignment.environment = routed.environment;
  assignment.key = routed.key;
  assignment.value = RawValue::of_text(std::move(value));
  assignment.origin = std::move(origin);
  assignment.name = std::move(name);
  return assignment;
}

std::string message_name(const RoutedKey& routed) {
  switch (routed.target) {
    case AssignTarget::kEnvironment:
      return "environments." + routed.environment + "." + routed.key;
    case AssignTarget::kOverride:
      return "environments." + routed.environment + ".flyway." + routed.key;
    case AssignTarget::kCommandLine:
      return routed.key;
    case AssignTarget::kFlyway:
    case AssignTarget::kSelectedEnvironment:
      break;
  }
  return "flyway." + routed.key;
}

}  // namespace runway
