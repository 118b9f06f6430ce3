// The one table of every configuration key Runway understands: its Flyway
// name, where it lives in a TOML file, its type, default, environment
// variable, a one-line description and the Settings field it is stored in.
// Loaders use it to reject unknown keys (with a suggestion) and to type
// values; docs/configuration.md and `runway --help` are rendered from it.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "runway/config/settings.hpp"

namespace runway {

/// Where a key lives.
enum class SettingScope {
  kFlyway,       ///< `[flyway]` in TOML, `flyway.X` in .conf, `-X` on the CLI
  kEnvironment,  ///< `[environments.NAME]` (the connection)
  kCommandLine,  ///< command line only (`-outputType`, `-configFiles`, ...)
};

enum class SettingType { kString, kBool, kInt, kList, kMap };

/// What Runway does with a key.
enum class SettingSupport {
  kHonoured,     ///< stored into Settings and used
  kIgnored,      ///< accepted with a debug note (Java-only, UI-only, ...)
  kUnsupported,  ///< accepted only at its default; any other value is an
                 ///< error, because ignoring it would change behaviour
};

/// The Settings member a key is stored in (monostate = not stored).
using SettingField =
    std::variant<std::monostate, std::string Settings::*, bool Settings::*,
                 int Settings::*, std::vector<std::string> Settings::*,
                 std::map<std::string, std::string> Settings::*,
                 OutputType Settings::*>;

/// One row of the table.
struct SettingSpec {
  std::string_view key;  ///< Flyway's camelCase name within its scope
  SettingScope scope;
  SettingType type;
  std::string_view default_text;  ///< as documented ("" = none)
  /// Environment variable name after the FLYWAY_ / RUNWAY_ prefix
  /// ("LOCATIONS", "PLACEHOLDERS_<NAME>" for maps); "" = none.
  std::string_view env_var;
  std::string_view description;
  SettingSupport support;
  SettingField field;
  int min_value = 0;  ///< lowest accepted value of an int key
};

/// A typed value ready to be stored.
using SettingValue =
    std::variant<std::string, bool, int, std::vector<std::string>,
                 std::map<std::string, std::string>>;

/// Every row, grouped by scope, in documentation order.
std::span<const SettingSpec> settings_table();

/// A key looked up in the table: the row, plus the entry name for map keys
/// (`placeholders.tenant` → row `placeholders`, entry `tenant`).
struct SettingMatch {
  const SettingSpec* spec = nullptr;
  std::string entry;
};

/// Finds `key` (e.g. "cleanDisabled", "placeholders.x",
/// "postgresql.transactional.lock") in `scope`; nullopt if unknown.
/// A map key without an entry name ("placeholders") is not found.
std::optional<SettingMatch> find_setting(SettingScope scope,
                                         std::string_view key);

/// Stores `value` (of the row's type) into `settings`. Ignored rows do
/// nothing. OutputType fields take "json" or "text".
void store_setting(const SettingSpec& spec, Settings& settings,
                   const SettingValue& value);

/// The field's current value as text for describe_settings(): lists joined
/// with ",", maps as "k=v,k2=v2". Empty for rows without a field.
std::string setting_text(const SettingSpec& spec, const Settings& settings);

/// The type's name as used in messages ("boolean", "array of strings").
std::string_view setting_type_name(SettingType type);

}  // namespace runway
