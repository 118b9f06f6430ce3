// Showing the configuration without showing its secrets.
#pragma once

#include <string>
#include <vector>

#include "runway/config/settings.hpp"

namespace runway {

/// Every secret in `settings`: the password, a password inside the URL
/// (`user:pw@host`, `password=pw` in a query or libpq string, also
/// percent-decoded) and jdbcProperties values whose key names a password,
/// secret or token. Feed these to redact() for everything printed.
std::vector<std::string> secrets_of(const Settings& settings);

/// The effective configuration for `-X`: config files read, the
/// environment, then one line per key, `key = value (origin)`, origin as in
/// Settings::origin ("default" when absent), then Settings::notes (keys
/// ignored, files skipped) as "Note: ..." lines. Secrets are masked.
std::string describe_settings(const Settings& settings);

}  // namespace runway
