// info's filters decided without a database: Flyway's MigrationFilterImpl
// bounds (dates strict to the millisecond, versions inclusive) and its
// handling of pending migrations and repeatables.
#include "commands/info_filter.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "runway/core/error.hpp"

using runway::ConfigError;
using runway::Settings;
using runway::commands::apply_info_filters;
using runway::commands::InfoEntry;

namespace {

InfoEntry applied(std::string version, std::string local_time,
                  std::string millis = "000") {
  InfoEntry e;
  e.version = std::move(version);
  e.state = "Success";
  e.installed_on = local_time;
  // The UTC text's milliseconds are the local time's; its hour is not used.
  e.installed_on_utc = "2000-01-01T00:00:00." + millis + "Z";
  return e;
}

InfoEntry pending(std::string version) {
  InfoEntry e;
  e.version = std::move(version);
  e.state = "Pending";
  return e;
}

std::vector<std::string> kept(const Settings& s, std::vector<InfoEntry> all) {
  apply_info_filters(s, all);
  std::vector<std::string> names;
  for (const InfoEntry& e : all)
    names.push_back(e.version.empty() ? "R" : e.version);
  return names;
}

}  // namespace

TEST_CASE("infoSinceDate keeps what was installed strictly after the minute",
          "[info][filter]") {
  Settings s;
  s.info_since_date = "02/01/2026 03:04";
  const auto names =
      kept(s, {applied("1", "2026-01-02 03:03:59", "999"),
               applied("2", "2026-01-02 03:04:00", "000"),
               applied("3", "2026-01-02 03:04:00", "001"),
               applied("4", "2026-01-02 03:05:00"), pending("5")});
  CHECK(names == std::vector<std::string>{"3", "4", "5"});
}

TEST_CASE("infoUntilDate keeps what was installed strictly before the minute",
          "[info][filter]") {
  Settings s;
  s.info_until_date = "02/01/2026 03:04";
  const auto names =
      kept(s, {applied("1", "2026-01-02 03:03:59", "999"),
               applied("2", "2026-01-02 03:04:00", "000"),
               applied("3", "2026-01-02 03:04:00", "001"), pending("4")});
  CHECK(names == std::vector<std::string>{"1"});
}

TEST_CASE("info version bounds include the bound; repeatables pass only since",
          "[info][filter]") {
  const std::vector<InfoEntry> all = {applied("1", "2026-01-02 03:04:05"),
                                      applied("1.1", "2026-01-02 03:04:05"),
                                      pending("2"), pending("")};
  Settings since;
  since.info_since_version = "1.1";
  CHECK(kept(since, all) == std::vector<std::string>{"1.1", "2", "R"});
  Settings until;
  until.info_until_version = "1.1";
  CHECK(kept(until, all) == std::vector<std::string>{"1", "1.1"});
}

TEST_CASE("infoOfState takes enum and display names in any case",
          "[info][filter]") {
  const std::vector<InfoEntry> all = {applied("1", "2026-01-02 03:04:05"),
                                      pending("2")};
  Settings s;
  s.info_of_state = {"PENDING"};
  CHECK(kept(s, all) == std::vector<std::string>{"2"});
  s.info_of_state = {"success", "Pending"};
  CHECK(kept(s, all) == std::vector<std::string>{"1", "2"});
}

TEST_CASE("bad info filter values are configuration errors naming the option",
          "[info][filter]") {
  std::vector<InfoEntry> all = {pending("1")};
  Settings date;
  date.info_since_date = "2026-01-02 03:04";
  CHECK_THROWS_MATCHES(
      apply_info_filters(date, all), ConfigError,
      Catch::Matchers::Message(
          "Invalid value for infoSinceDate: '2026-01-02 03:04' "
          "(expected dd/MM/yyyy HH:mm)"));
  Settings state;
  state.info_of_state = {"Done"};
  CHECK_THROWS_WITH(apply_info_filters(state, all),
                    Catch::Contains("Invalid value for -infoOfState: 'Done'") &&
                        Catch::Contains("ABOVE_TARGET"));
  Settings version;
  version.info_until_version = "1..2";
  CHECK_THROWS_WITH(apply_info_filters(version, all),
                    Catch::StartsWith("Invalid value for infoUntilVersion: "));
}
