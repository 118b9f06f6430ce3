#include "runway/report/text_report.hpp"

#include <catch2/catch.hpp>

#include "runway/report/time_format.hpp"

using runway::commands::InfoEntry;
using runway::commands::InfoResult;
using runway::report::format_duration;
using runway::report::render_ascii_table;
using runway::report::render_info;

TEST_CASE("ascii table pads every column to its widest value",
          "[report][table]") {
  const std::string table = render_ascii_table(
      {"A", "Long header"}, {{"wide value", "x"}, {"", "y"}});
  CHECK(table ==
        "+------------+-------------+\n"
        "| A          | Long header |\n"
        "+------------+-------------+\n"
        "| wide value | x           |\n"
        "|            | y           |\n"
        "+------------+-------------+\n");
}

TEST_CASE("empty ascii table spans one message across all columns",
          "[report][table]") {
  const std::string table = render_ascii_table({"Category", "Version"}, {});
  CHECK(table ==
        "+----------+---------+\n"
        "| Category | Version |\n"
        "+----------+---------+\n"
        "| No migrations found |\n"
        "+----------+---------+\n");
}

TEST_CASE("ascii table measures UTF-8 text in characters", "[report][table]") {
  const std::string table = render_ascii_table({"D"}, {{"caf\xC3\xA9"}});
  CHECK(table ==
        "+------+\n"
        "| D    |\n"
        "+------+\n"
        "| caf\xC3\xA9 |\n"
        "+------+\n");
}

TEST_CASE("info shows schema version then Flyway's seven columns",
          "[report][info]") {
  InfoResult result;
  result.schema_version = "2";
  InfoEntry v1;
  v1.category = "Versioned";
  v1.version = "1";
  v1.description = "Create person";
  v1.type = "SQL";
  v1.installed_on = "2026-07-20 10:06:47";
  v1.state = "Success";
  v1.undoable = "No";
  InfoEntry r;
  r.category = "Repeatable";
  r.description = "People view";
  r.type = "SQL";
  r.state = "Pending";
  result.migrations = {v1, r};
  CHECK(render_info(result) ==
        "Schema version: 2\n"
        "\n"
        "+------------+---------+---------------+------+---------------------"
        "+---------+----------+\n"
        "| Category   | Version | Description   | Type | Installed On        "
        "| State   | Undoable |\n"
        "+------------+---------+---------------+------+---------------------"
        "+---------+----------+\n"
        "| Versioned  | 1       | Create person | SQL  | 2026-07-20 10:06:47 "
        "| Success | No       |\n"
        "| Repeatable |         | People view   | SQL  |                     "
        "| Pending |          |\n"
        "+------------+---------+---------------+------+---------------------"
        "+---------+----------+\n");
}

TEST_CASE("info of an empty schema says so", "[report][info]") {
  InfoResult result;
  const std::string text = render_info(result);
  CHECK(text.rfind("Schema version: << Empty Schema >>\n\n", 0) == 0);
  CHECK(text.find("| No migrations found") != std::string::npos);
}

TEST_CASE("durations use Flyway's mm:ss.SSSs format", "[report][time]") {
  CHECK(format_duration(0) == "00:00.000s");
  CHECK(format_duration(21) == "00:00.021s");
  CHECK(format_duration(61234) == "01:01.234s");
  CHECK(format_duration(-5) == "00:00.000s");
}
