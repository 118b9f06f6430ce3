// Turning a source's raw value into a typed setting value: resolvers first
// (TOML text), then Flyway's boolean and integer rules and texts, list
// splitting, and the checks of values with a fixed set of choices.
#pragma once

#include <map>
#include <string>

#include "runway/config/settings_table.hpp"
#include "runway/config/sources.hpp"

namespace runway {

/// "\n\tin <file> at line L, column C" / "\n\tin environment variable X";
/// "" on the command line (the user sees the argument already).
std::string located(const Origin& origin);

/// `text` (from `a`) with `${env.X}` resolvers applied when `a` is
/// resolvable; errors gain `a`'s position.
std::string resolve_text(
    const Assignment& a, const std::string& text,
    const std::map<std::string, std::string>& env,
    const std::map<std::string, std::string>* placeholders);

/// `a`'s value typed for `spec`. Throws ConfigError with Flyway's texts:
/// "Invalid value for flyway.X (should be either true or false): v".
SettingValue typed_value(
    const SettingSpec& spec, const Assignment& a,
    const std::map<std::string, std::string>& env,
    const std::map<std::string, std::string>* placeholders);

/// False, empty list or empty text: what an unsupported key may be set to.
bool is_default_like(const SettingValue& value);

/// Checks (and lower-cases) outputType, color and configFileEncoding.
void check_choice(const SettingSpec& spec, SettingValue& value);

/// Throws ConfigError when `spec` is `encoding` and no decoder exists for
/// the value: "Invalid value for encoding (should be a supported encoding
/// such as UTF-8, ISO-8859-1 or windows-1252): NOPE".
void check_encoding(const SettingSpec& spec, const Assignment& a,
                    const SettingValue& value);

}  // namespace runway
