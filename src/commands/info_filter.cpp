// info's filters, as Flyway's MigrationFilterImpl (see info_filter.hpp).
#include "info_filter.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <optional>
#include <string>

#include "runway/core/error.hpp"
#include "runway/core/migration_state.hpp"
#include "runway/core/version.hpp"

namespace runway::commands {
namespace {

/// `-infoSinceDate=dd/MM/yyyy HH:mm` as a comparable local
/// "yyyy-MM-dd HH:mm:00.000", the first instant of that minute.
std::string info_date(const std::string& text, const char* option) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%d/%m/%Y %H:%M", &tm);
  if (end == nullptr || *end != '\0')
    throw ConfigError("Invalid value for " + std::string(option) + ": '" +
                      text + "' (expected dd/MM/yyyy HH:mm)");
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:00.000", &tm);
  return buf;
}

/// An entry's local install time to the millisecond, "yyyy-MM-dd
/// HH:mm:ss.fff" (the table shows seconds, Date.after compares
/// milliseconds), or "" when it is not applied.
std::string installed_millis(const InfoEntry& e) {
  if (e.installed_on.empty()) return "";
  std::string millis = "000";
  const std::size_t dot = e.installed_on_utc.rfind('.');
  if (dot != std::string::npos && e.installed_on_utc.size() >= dot + 4)
    millis = e.installed_on_utc.substr(dot + 1, 3);
  return e.installed_on + "." + millis;
}

Version info_version(const std::string& text, const char* option) {
  std::string error;
  std::optional<Version> v = Version::parse(text, &error);
  if (!v)
    throw ConfigError("Invalid value for " + std::string(option) + ": " +
                      error);
  return *v;
}

bool same_text_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// The display names of the states -infoOfState names, by Flyway's enum
/// constant (ABOVE_TARGET, any case) or by display name ("Above Target").
std::vector<std::string> info_states(const std::vector<std::string>& names) {
  std::vector<std::string> states;
  for (const std::string& name : names) {
    const auto it = std::find_if(
        kAllMigrationStates.begin(), kAllMigrationStates.end(),
        [&](MigrationState state) {
          return same_text_ignoring_case(name, state_enum_name(state)) ||
                 same_text_ignoring_case(name, state_display_name(state));
        });
    if (it == kAllMigrationStates.end()) {
      std::string all;
      for (MigrationState state : kAllMigrationStates)
        all += (all.empty() ? "" : ", ") + std::string(state_enum_name(state));
      throw ConfigError("Invalid value for -infoOfState: '" + name +
                        "'. Use one of: " + all);
    }
    states.emplace_back(state_display_name(*it));
  }
  return states;
}

}  // namespace

/// Flyway's info filters (-infoSinceDate, -infoUntilDate,
/// -infoSinceVersion, -infoUntilVersion, -infoOfState), as its
/// MigrationFilterImpl: a migration not applied (no date) passes a "since"
/// date and fails an "until" date; a repeatable (no version) passes a
/// "since" version and fails an "until" version. Both dates are the first
/// instant of their minute, and both bounds are strict.
void apply_info_filters(const Settings& s, std::vector<InfoEntry>& entries) {
  const bool any = !s.info_since_date.empty() || !s.info_until_date.empty() ||
                   !s.info_since_version.empty() ||
                   !s.info_until_version.empty() || !s.info_of_state.empty();
  if (!any) return;
  const std::string since_date =
      s.info_since_date.empty() ? ""
                                : info_date(s.info_since_date, "infoSinceDate");
  const std::string until_date =
      s.info_until_date.empty() ? ""
                                : info_date(s.info_until_date, "infoUntilDate");
  std::optional<Version> since_version, until_version;
  if (!s.info_since_version.empty())
    since_version = info_version(s.info_since_version, "infoSinceVersion");
  if (!s.info_until_version.empty())
    until_version = info_version(s.info_until_version, "infoUntilVersion");
  const std::vector<std::string> states = info_states(s.info_of_state);
  auto keep = [&](const InfoEntry& e) {
    // Strictly after and strictly before the minute's first instant, as
    // Date.after/before compare ("2026-01-02 03:04:00.000" is neither).
    const std::string on = installed_millis(e);
    if (!since_date.empty() && !on.empty() && on <= since_date) return false;
    if (!until_date.empty() && (on.empty() || on >= until_date)) return false;
    if (since_version || until_version) {
      const std::optional<Version> v = Version::parse(e.version);
      if (since_version && v && *v < *since_version) return false;
      if (until_version && (!v || *until_version < *v)) return false;
    }
    if (!states.empty() &&
        std::find(states.begin(), states.end(), e.state) == states.end())
      return false;
    return true;
  };
  std::erase_if(entries, [&](const InfoEntry& e) { return !keep(e); });
}

}  // namespace runway::commands
