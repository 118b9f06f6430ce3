// Where a key written in a .conf file, an environment variable or on the
// command line belongs, and the "unknown key" error when it belongs nowhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "runway/config/sources.hpp"

namespace runway {

struct RoutedKey {
  AssignTarget target = AssignTarget::kFlyway;
  std::string environment;
  std::string key;
  const SettingSpec* spec = nullptr;
};

/// A key relative to `[flyway]` as Flyway's command line reads it: an
/// environment field (`url`, `jdbcProperties.x`) goes to the selected
/// environment, a command-line option (when allowed) stays one, anything
/// else is a `[flyway]` key. nullopt when unknown.
std::optional<RoutedKey> route_root_key(std::string_view key,
                                        bool allow_command_line);

/// The part after `environments.NAME.`: an environment field, or
/// `flyway.X` (an override). nullopt when unknown.
std::optional<RoutedKey> route_environment_key(std::string_view environment,
                                               std::string_view rest);

/// Throws "Unknown configuration key '<shown>' in <where>." with a
/// "Did you mean '<key>'?" when a known key in `scope` (or, for root keys,
/// any scope) is close; `hint` (if any) is appended instead.
[[noreturn]] void throw_unknown_key(const std::string& shown,
                                    std::string_view key, SettingScope scope,
                                    bool root, const Origin& origin);

/// The assignment for `routed` with a textual value.
Assignment make_text_assignment(const RoutedKey& routed, std::string value,
                                Origin origin, std::string name);

/// The name messages use for a routed key: "flyway.cleanDisabled",
/// "environments.dev.url", "environments.dev.flyway.target".
std::string message_name(const RoutedKey& routed);

}  // namespace runway
