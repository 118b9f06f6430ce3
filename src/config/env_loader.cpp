// Environment variables (flyway-surface.md §2), lowest precedence first:
//   1. FLYWAY_<NAME> from Flyway's fixed table (the env column of the
//      settings table), FLYWAY_PLACEHOLDERS_<NAME> (name lower-cased) and
//      FLYWAY_JDBC_PROPERTIES_<NAME> (lower-cased, ACCESSTOKEN → accessToken);
//   2. RUNWAY_<NAME>, the same names: Runway's own prefix wins;
//   3. (TOML mode) lower-case generic `flyway_a_b` / `environments_e_k`,
//      every `_` read as `.`, so they reach any key, even env overrides;
//   4. (TOML mode) lower-case `runway_a_b`, the same.
// Connection keys (url, user, ...) go to the selected environment. Other
// upper-case FLYWAY_/RUNWAY_ variables are not configuration (installers,
// test rigs and wrapper scripts set some) and are skipped with a note,
// unless the name is a near miss of a real one (one edit, two for names
// longer than eight letters), which is an error with a suggestion. Lower-case
// generic variables are unambiguous configuration: unknown keys are errors.
#include <algorithm>
#include <cctype>
#include <set>

#include "key_routing.hpp"
#include "runway/config/sources.hpp"
#include "runway/config/suggest.hpp"
#include "runway/core/error.hpp"
#include "text_util.hpp"

namespace runway {
namespace {

// FLYWAY_* variables that are not settings (or are read elsewhere).
const std::set<std::string, std::less<>> kNotSettings = {
    "CONFIG_FILES",
    "DO_NOT_REDACT_URL",
    "LOG_DEBUG_CONFIGURATION_MAP",
    "NATIVE_CONNECTORS",
    "CONFIGURATIONS",
    "HOME",
    "VERSION",
    "EDITION"};

Origin env_origin(const std::string& variable) {
  return Origin{Origin::Kind::kEnvironment, variable, 0, 0};
}

// FLYWAY_X / RUNWAY_X → routed key, from the table's env column.
std::optional<RoutedKey> route_upper(std::string_view suffix) {
  for (const SettingSpec& spec : settings_table()) {
    if (spec.env_var.empty()) continue;
    std::string key(spec.key);
    if (spec.type == SettingType::kMap) {
      const std::string_view head =
          spec.env_var.substr(0, spec.env_var.size() - 6);  // "<NAME>"
      if (suffix.size() <= head.size() || !suffix.starts_with(head)) continue;
      std::string entry = lower_ascii(std::string(suffix.substr(head.size())));
      if (key == "jdbcProperties" && entry == "accesstoken")
        entry = "accessToken";
      key += "." + entry;
    } else if (spec.env_var != suffix) {
      continue;
    }
    const AssignTarget target = spec.scope == SettingScope::kEnvironment
                                    ? AssignTarget::kSelectedEnvironment
                                : spec.scope == SettingScope::kCommandLine
                                    ? AssignTarget::kCommandLine
                                    : AssignTarget::kFlyway;
    return RoutedKey{target, "", key, &spec};
  }
  return std::nullopt;
}

std::vector<std::string> upper_names() {
  std::vector<std::string> names;
  for (const SettingSpec& spec : settings_table()) {
    if (!spec.env_var.empty()) names.emplace_back(spec.env_var);
  }
  return names;
}

void load_upper(const std::string& variable, const std::string& value,
                std::string_view prefix, SourceValues& out) {
  const std::string suffix = variable.substr(prefix.size());
  if (kNotSettings.contains(suffix)) return;
  if (suffix == "ENVIRONMENT") {
    out.warnings.push_back(
        variable +
        " has no effect (as in Flyway): select the environment "
        "with -environment=NAME or flyway_environment=NAME");
    return;
  }
  if (auto routed = route_upper(suffix)) {
    out.assignments.push_back(make_text_assignment(
        *routed, value, env_origin(variable), message_name(*routed)));
    return;
  }
  // Only a near miss stops the run: containers carry FLYWAY_* variables of
  // their own (FLYWAY_DB_PASSWORD for a wrapper script), which Flyway
  // ignores.
  const std::string suggestion =
      closest_match(suffix, upper_names(), suffix.size() > 8 ? 2 : 1);
  if (!suggestion.empty()) {
    throw ConfigError("Unknown environment variable " + variable +
                      ". Did you mean " + std::string(prefix) + suggestion +
                      "?");
  }
  out.notes.push_back("Ignoring environment variable " + variable +
                      " (not a Runway setting)");
}

std::string dotted(std::string text) {
  std::replace(text.begin(), text.end(), '_', '.');
  return text;
}

void load_generic(const std::string& variable, const std::string& value,
                  SourceValues& out) {
  const std::string key = dotted(variable);
  const Origin origin = env_origin(variable);
  std::optional<RoutedKey> routed;
  if (key.starts_with("environments.")) {
    const std::string rest = key.substr(13);
    const auto dot = rest.find('.');
    if (dot != std::string::npos) {
      routed = route_environment_key(rest.substr(0, dot), rest.substr(dot + 1));
    }
    if (!routed) {
      const std::string field =
          dot == std::string::npos ? "" : rest.substr(dot + 1);
      throw_unknown_key(key, field, SettingScope::kEnvironment, false, origin);
    }
  } else {
    const std::string root = key.substr(key.find('.') + 1);
    routed = route_root_key(root, false);
    if (!routed)
      throw_unknown_key(key, root, SettingScope::kFlyway, true, origin);
  }
  out.assignments.push_back(
      make_text_assignment(*routed, value, origin, message_name(*routed)));
}

std::string target_id(const Assignment& assignment) {
  return std::to_string(static_cast<int>(assignment.target)) + "|" +
         assignment.environment + "|" + assignment.key;
}

// Flyway's warning when an old upper-case and a new lower-case variable set
// the same key.
void warn_duplicates(const SourceValues& upper, const SourceValues& generic,
                     SourceValues& out) {
  for (const Assignment& old_one : upper.assignments) {
    for (const Assignment& new_one : generic.assignments) {
      if (target_id(old_one) != target_id(new_one)) continue;
      out.warnings.push_back(
          "Using both new Environment variable " + new_one.origin.name +
          " and old Environment variable " + old_one.origin.name +
          ". Please remove " + old_one.origin.name + ".");
    }
  }
}

void append(SourceValues& to, SourceValues from) {
  for (Assignment& assignment : from.assignments)
    to.assignments.push_back(std::move(assignment));
  for (std::string& note : from.notes) to.notes.push_back(std::move(note));
  for (std::string& warning : from.warnings)
    to.warnings.push_back(std::move(warning));
}

}  // namespace

SourceValues load_environment(const std::map<std::string, std::string>& env,
                              ConfigMode mode) {
  SourceValues upper, generic;
  for (std::string_view prefix : {"FLYWAY_", "RUNWAY_"}) {
    for (const auto& [variable, value] : env) {
      if (variable.starts_with(prefix))
        load_upper(variable, value, prefix, upper);
    }
  }
  if (mode == ConfigMode::kToml) {
    for (std::string_view prefix : {"flyway_", "environments_", "runway_"}) {
      for (const auto& [variable, value] : env) {
        if (variable.starts_with(prefix))
          load_generic(variable, value, generic);
      }
    }
  }
  SourceValues out;
  warn_duplicates(upper, generic, out);
  append(out, std::move(upper));
  append(out, std::move(generic));
  return out;
}

}  // namespace runway
