// The filters of `info` (-infoSinceDate, -infoUntilDate, -infoSinceVersion,
// -infoUntilVersion, -infoOfState): pure, tested without a database.
#pragma once

#include <vector>

#include "runway/commands/results.hpp"
#include "runway/config/settings.hpp"

namespace runway::commands {

/// Removes from `entries` what the info filters in `settings` leave out, as
/// Flyway's MigrationFilterImpl. Throws ConfigError for a date not in
/// dd/MM/yyyy HH:mm, a bad version or an unknown state name.
void apply_info_filters(const Settings& settings,
                        std::vector<InfoEntry>& entries);

}  // namespace runway::commands
