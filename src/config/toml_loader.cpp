// flyway.toml / runway.toml (flyway-surface.md §1.3). The only translation
// unit that sees toml++.
//
// Layout: `[flyway]` (alias `[runway]`) holds root keys, flattened to dotted
// names so `[flyway.postgresql] transactional.lock` and
// `[flyway.placeholders] x` find their table rows; `[environments.NAME]`
// holds connection keys, `jdbcProperties` and a `flyway` table of
// per-environment overrides. Other root keys (`id`, `name`, `databaseType`,
// Flyway Desktop / Redgate tables) are tolerated. Every value keeps its
// TOML type; a string where a boolean or number belongs is typed later (it
// may be a `${env.X}` resolver), any other mismatch fails here with the file,
// line and column. A bare string for a list key is a one-element list.
#include <toml++/toml.h>

#include <set>
#include <sstream>

#include "key_routing.hpp"
#include "runway/config/sources.hpp"
#include "runway/config/suggest.hpp"
#include "runway/core/error.hpp"

namespace runway {
namespace {

// Sub-tables of [flyway] that belong to Flyway features Runway lacks.
const std::set<std::string, std::less<>> kForeignNamespaces = {
    "oracle",  "sqlserver", "snowflake",  "db2",      "cockroachdb",
    "mongodb", "check",     "diff",       "generate", "model",
    "prepare", "deploy",    "snapshot",   "init",     "vault",
    "gcsm",    "dapr",      "clickhouse", "sqlFluff", "reports"};

struct Walk {
  const std::string& path;
  SourceValues& out;
};

Origin origin_of(const Walk& walk, const toml::source_region& source) {
  Origin origin;
  origin.kind = Origin::Kind::kFile;
  origin.name = walk.path;
  origin.line = static_cast<int>(source.begin.line);
  origin.column = static_cast<int>(source.begin.column);
  return origin;
}

std::string_view toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "string";
    case toml::node_type::integer:
      return "integer";
    case toml::node_type::floating_point:
      return "floating-point number";
    case toml::node_type::boolean:
      return "boolean";
    case toml::node_type::array:
      return "array";
    case toml::node_type::table:
      return "table";
    default:
      return "date/time";
  }
}

[[noreturn]] void throw_mismatch(const Walk& walk, const std::string& name,
                                 const toml::node& node,
                                 std::string_view expected) {
  throw ConfigError(
      "Error parsing config file due to a mismatched data type, caused by `" +
      name + "` namespace. Update this from `" +
      std::string(toml_type_name(node)) + "` to `" + std::string(expected) +
      "` to fix the parsing error\n\tin " +
      origin_of(walk, node.source()).position());
}

std::string scalar_text(const toml::node& node) {
  if (const auto* text = node.as_string()) return text->get();
  if (const auto* number = node.as_integer())
    return std::to_string(number->get());
  if (const auto* flag = node.as_boolean())
    return flag->get() ? "true" : "false";
  std::ostringstream out;
  if (const auto* number = node.as_floating_point()) out << number->get();
  return out.str();
}

RawValue typed_value(const Walk& walk, const std::string& name,
                     const toml::node& node, SettingType type,
                     bool& resolvable) {
  resolvable = node.is_string();
  switch (type) {
    case SettingType::kString:
      if (node.is_string() || node.is_integer() || node.is_boolean()) {
        return RawValue::of_text(scalar_text(node));
      }
      break;
    case SettingType::kBool:
      if (const auto* flag = node.as_boolean())
        return RawValue::of_bool(flag->get());
      if (node.is_string()) return RawValue::of_text(scalar_text(node));
      break;
    case SettingType::kInt:
      if (const auto* number = node.as_integer())
        return RawValue::of_int(number->get());
      if (node.is_string()) return RawValue::of_text(scalar_text(node));
      break;
    case SettingType::kList:
      if (node.is_string()) return RawValue::of_list({scalar_text(node)});
      if (const auto* array = node.as_array()) {
        std::vector<std::string> items;
        for (const toml::node& item : *array) {
          if (!item.is_string()) throw_mismatch(walk, name, item, "string");
          items.push_back(scalar_text(item));
        }
        resolvable = true;
        return RawValue::of_list(std::move(items));
      }
      break;
    case SettingType::kMap:
      break;
  }
  throw_mismatch(walk, name, node, setting_type_name(type));
}

void emit(const Walk& walk, const RoutedKey& routed, const toml::node& node,
          const std::string& name) {
  Assignment assignment;
  assignment.target = routed.target;
  assignment.environment = routed.environment;
  assignment.key = routed.key;
  assignment.value =
      typed_value(walk, name, node, routed.spec->type, assignment.resolvable);
  assignment.origin = origin_of(walk, node.source());
  assignment.name = name;
  walk.out.assignments.push_back(std::move(assignment));
}

// A map key's table (`placeholders`, `jdbcProperties`): one assignment per
// entry; nested tables give dotted entry names.
void emit_map(const Walk& walk, RoutedKey routed, const toml::table& table,
              const std::string& name) {
  const std::string base = routed.key;
  for (const auto& [entry, node] : table) {
    routed.key = base + "." + std::string(entry.str());
    const std::string entry_name = name + "." + std::string(entry.str());
    if (const auto* nested = node.as_table()) {
      emit_map(walk, routed, *nested, entry_name);
    } else if (node.is_string() || node.is_integer() || node.is_boolean() ||
               node.is_floating_point()) {
      Assignment assignment;
      assignment.target = routed.target;
      assignment.environment = routed.environment;
      assignment.key = routed.key;
      assignment.value = RawValue::of_text(scalar_text(node));
      assignment.resolvable = node.is_string();
      assignment.origin = origin_of(walk, node.source());
      assignment.name = entry_name;
      walk.out.assignments.push_back(std::move(assignment));
    } else {
      throw_mismatch(walk, entry_name, node, "string");
    }
  }
}

// The map row (`placeholders`, `jdbcProperties`) named exactly `key`.
const SettingSpec* map_row(SettingScope scope, const std::string& key) {
  auto match = find_setting(scope, key + ".x");
  return match && match->spec->key == key ? match->spec : nullptr;
}

bool is_key_prefix(std::string_view dotted) {
  for (const SettingSpec& spec : settings_table()) {
    if (spec.scope == SettingScope::kFlyway &&
        spec.key.size() > dotted.size() && spec.key.starts_with(dotted) &&
        spec.key[dotted.size()] == '.') {
      return true;
    }
  }
  return false;
}

// Walks [flyway] (or an environment's flyway table), `dotted` being the key
// path inside it.
void walk_flyway(const Walk& walk, const toml::table& table,
                 const std::string& prefix, const std::string& dotted,
                 const std::string& environment) {
  const AssignTarget target =
      environment.empty() ? AssignTarget::kFlyway : AssignTarget::kOverride;
  for (const auto& [name, node] : table) {
    const std::string key = dotted.empty()
                                ? std::string(name.str())
                                : dotted + "." + std::string(name.str());
    const std::string shown = prefix + "." + key;
    const Origin origin = origin_of(walk, name.source());
    if (!environment.empty() && key == "environment") {
      throw ConfigError(
          "'environment' cannot be overridden per environment: remove it from "
          "[" +
          prefix + "]\n\tin " + origin.position());
    }
    const SettingSpec* map = map_row(SettingScope::kFlyway, key);
    auto leaf = find_setting(SettingScope::kFlyway, key);
    if (const auto* nested = node.as_table()) {
      if (map) {
        emit_map(walk, RoutedKey{target, environment, key, map}, *nested,
                 shown);
      } else if (leaf) {
        throw_mismatch(walk, shown, node, setting_type_name(leaf->spec->type));
      } else if (is_key_prefix(key)) {
        walk_flyway(walk, *nested, prefix, key, environment);
      } else if (dotted.empty() && kForeignNamespaces.contains(key)) {
        walk.out.notes.push_back("Ignoring [" + shown + "] in " + walk.path +
                                 ": a Flyway feature Runway does not have");
      } else {
        throw_unknown_key(shown, key, SettingScope::kFlyway, false, origin);
      }
      continue;
    }
    if (map) throw_mismatch(walk, shown, node, setting_type_name(map->type));
    if (!leaf) {
      throw_unknown_key(shown, key, SettingScope::kFlyway, false, origin);
    }
    emit(walk, RoutedKey{target, environment, key, leaf->spec}, node, shown);
  }
}

void walk_environment(const Walk& walk, const std::string& environment,
                      const toml::table& table) {
  const std::string prefix = "environments." + environment;
  for (const auto& [name, node] : table) {
    const std::string key(name.str());
    const std::string shown = prefix + "." + key;
    if (key == "flyway" || key == "runway") {
      const auto* nested = node.as_table();
      if (!nested) throw_mismatch(walk, shown, node, "table");
      walk_flyway(walk, *nested, shown, "", environment);
      continue;
    }
    if (const SettingSpec* map = map_row(SettingScope::kEnvironment, key)) {
      const auto* nested = node.as_table();
      if (!nested) {
        throw_mismatch(walk, shown, node, setting_type_name(map->type));
      }
      emit_map(walk,
               RoutedKey{AssignTarget::kEnvironment, environment, key, map},
               *nested, shown);
      continue;
    }
    auto match = find_setting(SettingScope::kEnvironment, key);
    if (!match) {
      throw_unknown_key(shown, key, SettingScope::kEnvironment, false,
                        origin_of(walk, name.source()));
    }
    emit(walk,
         RoutedKey{AssignTarget::kEnvironment, environment, key, match->spec},
         node, shown);
  }
}

void walk_root(const Walk& walk, const toml::table& root) {
  for (const auto& [name, node] : root) {
    const std::string key(name.str());
    if (key == "flyway" || key == "runway") {
      const auto* table = node.as_table();
      if (!table) throw_mismatch(walk, key, node, "table");
      walk_flyway(walk, *table, key, "", "");
    } else if (key == "environments") {
      const auto* table = node.as_table();
      if (!table) throw_mismatch(walk, key, node, "table");
      for (const auto& [environment, settings] : *table) {
        const auto* env_table = settings.as_table();
        const std::string env_name(environment.str());
        if (!env_table)
          throw_mismatch(walk, "environments." + env_name, settings, "table");
        walk_environment(walk, env_name, *env_table);
      }
    } else if (const std::string near =
                   closest_match(key, {"flyway", "runway", "environments"});
               !near.empty()) {
      throw ConfigError("Unknown configuration key '" + key + "' in " +
                        walk.path + ". Did you mean '" + near + "'?");
    } else {
      walk.out.notes.push_back("Ignoring root key '" + key + "' in " +
                               walk.path + " (not used by Runway)");
    }
  }
}

std::string source_line(const std::string& text, std::size_t line) {
  std::istringstream in(text);
  std::string current;
  for (std::size_t i = 0; i < line && std::getline(in, current); ++i) {
  }
  if (!current.empty() && current.back() == '\r') current.pop_back();
  return current;
}

}  // namespace

SourceValues load_toml(const std::string& text, const std::string& path) {
  std::string_view body = text;
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  toml::table root;
  try {
    root = toml::parse(body, path);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    const std::string line = source_line(std::string(body), begin.line);
    const std::size_t column = begin.column > 0 ? begin.column - 1 : 0;
    throw ConfigError(
        "Error parsing config file at [line " + std::to_string(begin.line) +
        ", column " + std::to_string(begin.column) + "] in " + path + ": " +
        std::string(error.description()) + ", syntax error shown by ^:\n" +
        line + "\n" + std::string(column, ' ') + "^");
  }
  SourceValues out;
  walk_root(Walk{path, out}, root);
  return out;
}

}  // namespace runway
