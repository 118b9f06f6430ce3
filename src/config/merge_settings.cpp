// Merging the sources into one Settings (flyway-surface.md §1.2, §1.3).
//
// Assignments arrive lowest precedence first (files in search order, then
// environment variables, then the command line). A later value replaces an
// earlier one for the same key, except that an empty TOML array never
// clears a list (Flyway's MergeUtils); map keys (placeholders,
// jdbcProperties) merge entry by entry. The environment is chosen first
// (the last `environment` value), so keys written "for the selected
// environment" (`-url`, FLYWAY_URL, flyway.conf's flyway.url) land in it.
// Then each [flyway] key takes `[environments.<selected>.flyway]`'s value
// if there is one — an override beats a root value from any source — and a
// list or map override replaces the root value whole. Values are typed last,
// after `${env.X}` resolvers ran, so a resolver may yield a boolean; only the
// values actually used are resolved (another environment's `${env.X}` may be
// unset).
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "runway/config/sources.hpp"
#include "runway/config/suggest.hpp"
#include "runway/core/error.hpp"
#include "text_util.hpp"
#include "typed_value.hpp"

namespace runway {
namespace {

using Env = std::map<std::string, std::string>;
using Store = std::map<std::string, Assignment>;

std::string slot(AssignTarget target, const std::string& environment,
                 std::string_view key) {
  switch (target) {
    case AssignTarget::kEnvironment:
    case AssignTarget::kSelectedEnvironment:
      return "E|" + environment + "|" + std::string(key);
    case AssignTarget::kOverride:
      return "O|" + environment + "|" + std::string(key);
    case AssignTarget::kCommandLine:
      return "C|" + std::string(key);
    case AssignTarget::kFlyway:
      break;
  }
  return "F|" + std::string(key);
}

std::string selected_environment(const std::vector<const Assignment*>& all,
                                 const Env& env) {
  const Assignment* last = nullptr;
  for (const Assignment* a : all) {
    if (a->target == AssignTarget::kFlyway && a->key == "environment") last = a;
  }
  return last ? resolve_text(*last, last->value.text, env, nullptr) : "default";
}

void check_environment_exists(const std::vector<const Assignment*>& all,
                              const std::string& selected) {
  if (selected == "default") return;
  std::set<std::string> defined;
  for (const Assignment* a : all) {
    if (a->target == AssignTarget::kEnvironment ||
        a->target == AssignTarget::kOverride) {
      defined.insert(a->environment);
    }
  }
  if (defined.contains(selected)) return;
  std::string message =
      "Environment '" + selected +
      "' not found. Check that this environment exists in your "
      "configuration.";
  const std::string near = closest_match(
      selected, std::vector<std::string>(defined.begin(), defined.end()));
  if (!near.empty()) message += " Did you mean '" + near + "'?";
  throw ConfigError(message);
}

Store build_store(const std::vector<const Assignment*>& all,
                  const std::string& selected) {
  Store store;
  for (const Assignment* a : all) {
    Assignment copy = *a;
    if (copy.target == AssignTarget::kSelectedEnvironment) {
      copy.target = AssignTarget::kEnvironment;
      copy.environment = selected;
    }
    const std::string key = slot(copy.target, copy.environment, copy.key);
    const bool empty_list =
        copy.value.kind == RawValue::Kind::kList && copy.value.items.empty();
    if (empty_list && store.contains(key)) continue;
    store.insert_or_assign(key, std::move(copy));
  }
  return store;
}

const Assignment* find_scalar(const Store& store, const SettingSpec& spec,
                              const std::string& selected) {
  auto find = [&](AssignTarget target) -> const Assignment* {
    auto found = store.find(slot(target, selected, spec.key));
    return found == store.end() ? nullptr : &found->second;
  };
  switch (spec.scope) {
    case SettingScope::kFlyway:
      if (const Assignment* a = find(AssignTarget::kOverride)) return a;
      return find(AssignTarget::kFlyway);
    case SettingScope::kEnvironment:
      return find(AssignTarget::kEnvironment);
    case SettingScope::kCommandLine:
      return find(AssignTarget::kCommandLine);
  }
  return nullptr;
}

std::vector<const Assignment*> find_entries(const Store& store,
                                            const SettingSpec& spec,
                                            const std::string& selected) {
  auto collect = [&](AssignTarget target) {
    std::vector<const Assignment*> entries;
    const std::string prefix = slot(target, selected, spec.key) + ".";
    for (auto it = store.lower_bound(prefix);
         it != store.end() && it->first.starts_with(prefix); ++it) {
      entries.push_back(&it->second);
    }
    return entries;
  };
  if (spec.scope == SettingScope::kEnvironment)
    return collect(AssignTarget::kEnvironment);
  auto entries = collect(AssignTarget::kOverride);
  return entries.empty() ? collect(AssignTarget::kFlyway) : entries;
}

std::string provenance(const Assignment& a) {
  std::string text = a.origin.describe();
  if (a.target == AssignTarget::kOverride)
    text += " [environments." + a.environment + ".flyway]";
  return text;
}

struct Merger {
  const Store& store;
  const std::string& selected;
  const Env& env;
  Settings& settings;

  void apply_map(const SettingSpec& spec, const Env* placeholders) {
    const auto entries = find_entries(store, spec, selected);
    if (entries.empty()) return;
    if (spec.support != SettingSupport::kHonoured) {
      settings.notes.push_back("Ignoring '" + entries.front()->name + "' (" +
                               provenance(*entries.front()) +
                               "): " + std::string(spec.description));
      return;
    }
    // Placeholder values may name other placeholders
    // (`${placeholder.tenant}_data`): as in Flyway, by their values as
    // configured, not resolved.
    Env raw;
    if (spec.key == "placeholders" && placeholders == nullptr) {
      for (const Assignment* a : entries)
        raw[lower_ascii(a->key.substr(spec.key.size() + 1))] = a->value.text;
      placeholders = &raw;
    }
    std::map<std::string, std::string> map;
    for (const Assignment* a : entries) {
      std::string name = a->key.substr(spec.key.size() + 1);
      if (spec.key == "placeholders") name = lower_ascii(name);
      map[name] = resolve_text(*a, a->value.text, env, placeholders);
      settings.origin[std::string(spec.key) + "." + name] = provenance(*a);
    }
    store_setting(spec, settings, map);
  }

  void apply_scalar(const SettingSpec& spec) {
    const Assignment* a = find_scalar(store, spec, selected);
    if (!a) return;
    if (spec.support == SettingSupport::kIgnored) {
      settings.notes.push_back("Ignoring '" + a->name + "' (" + provenance(*a) +
                               "): " + std::string(spec.description));
      return;
    }
    SettingValue value = typed_value(spec, *a, env, &settings.placeholders);
    if (spec.support == SettingSupport::kUnsupported) {
      if (is_default_like(value)) return;
      throw ConfigError("'" + a->name +
                        "' is not supported by Runway; remove it (set in " +
                        a->origin.position() + ")");
    }
    check_choice(spec, value);
    check_encoding(spec, *a, value);
    store_setting(spec, settings, value);
    settings.origin[std::string(spec.key)] = provenance(*a);
  }
};

void check_placeholder_names(const Settings& settings) {
  const std::string reserved =
      "flyway" + lower_ascii(settings.placeholder_separator);
  for (const auto& [name, value] : settings.placeholders) {
    if (name.starts_with(reserved)) {
      throw ConfigError("Invalid placeholder ('" + reserved +
                        "' prefix is reserved): " + name);
    }
  }
}

int rank(const Assignment* a) {
  return a ? static_cast<int>(a->origin.kind) : -1;
}

std::string read_password_file(const std::string& path,
                               const std::string& base_dir) {
  std::filesystem::path file(path);
  if (file.is_relative() && !base_dir.empty())
    file = std::filesystem::path(base_dir) / file;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw ConfigError("Unable to read passwordFile '" + file.string() +
                      "': " + std::strerror(errno));
  }
  std::ostringstream content;
  content << in.rdbuf();
  std::string password = content.str();
  while (!password.empty() &&
         (password.back() == '\n' || password.back() == '\r')) {
    password.pop_back();
  }
  return password;
}

// passwordFile replaces password unless password came from a source of
// higher precedence (e.g. FLYWAY_PASSWORD over a file's passwordFile).
void apply_password_file(const Store& store, const std::string& selected,
                         const std::string& base_dir, Settings& settings) {
  if (settings.password_file.empty()) return;
  const auto* file_spec =
      find_setting(SettingScope::kEnvironment, "passwordFile")->spec;
  const auto* password_spec =
      find_setting(SettingScope::kEnvironment, "password")->spec;
  const Assignment* file = find_scalar(store, *file_spec, selected);
  const Assignment* password = find_scalar(store, *password_spec, selected);
  if (rank(file) < rank(password)) return;
  settings.password = read_password_file(settings.password_file, base_dir);
  settings.origin["password"] = "passwordFile " + settings.password_file;
}

}  // namespace

Settings merge_assignments(const std::vector<SourceValues>& sources,
                           const Env& env, const std::string& base_dir) {
  Settings settings;
  std::vector<const Assignment*> all;
  for (const SourceValues& source : sources) {
    for (const Assignment& a : source.assignments) all.push_back(&a);
    settings.notes.insert(settings.notes.end(), source.notes.begin(),
                          source.notes.end());
    settings.warnings.insert(settings.warnings.end(), source.warnings.begin(),
                             source.warnings.end());
  }
  const std::string selected = selected_environment(all, env);
  check_environment_exists(all, selected);
  const Store store = build_store(all, selected);
  Merger merger{store, selected, env, settings};
  // Placeholders first: other values may use ${placeholder.NAME}.
  const SettingSpec& placeholders =
      *find_setting(SettingScope::kFlyway, "placeholders.x")->spec;
  merger.apply_map(placeholders, nullptr);
  for (const SettingSpec& spec : settings_table()) {
    if (&spec == &placeholders) continue;
    if (spec.type == SettingType::kMap) {
      merger.apply_map(spec, &settings.placeholders);
    } else {
      merger.apply_scalar(spec);
    }
  }
  check_placeholder_names(settings);
  apply_password_file(store, selected, base_dir, settings);
  return settings;
}

}  // namespace runway
