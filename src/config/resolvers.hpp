// Flyway's TOML value resolvers (flyway-surface.md §1.3): `${env.NAME}`,
// `${placeholder.NAME}`, `$${a.b}` for a literal `${a.b}`, and a whole value
// wrapped in `!{…}` taken verbatim.
#pragma once

#include <map>
#include <string>

namespace runway {

/// Replaces resolver references in `text`. `placeholders` (lower-cased
/// names) may be null where `${placeholder.X}` is not available. `${x}`
/// without a dot is not a resolver and stays as written. Throws ConfigError
/// ("Unable to resolve environment variable: 'NAME'", ...).
std::string resolve_references(
    const std::string& text, const std::map<std::string, std::string>& env,
    const std::map<std::string, std::string>* placeholders);

}  // namespace runway
