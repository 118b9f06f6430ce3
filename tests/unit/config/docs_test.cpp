// The committed configuration reference and example files tell the truth.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "runway/config/config_reference.hpp"
#include "runway/config/load_settings.hpp"
#include "runway/config/settings_table.hpp"
#include "runway/config/sources.hpp"

using namespace runway;

namespace {

std::string read(const std::string& relative) {
  std::ifstream in(std::string(RUNWAY_SOURCE_DIR) + "/" + relative,
                   std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("docs/configuration.md is the generated reference",
          "[config][docs]") {
  const std::string committed = read("docs/configuration.md");
  INFO(
      "docs/configuration.md is out of date. Regenerate it:\n"
      "  cmake --build <build> --target runway_config_doc\n"
      "  <build>/runway_config_doc > docs/configuration.md");
  CHECK(committed == render_config_reference());
}

TEST_CASE("the reference lists every key and its environment variable",
          "[config][docs]") {
  const std::string reference = render_config_reference();
  for (const SettingSpec& spec : settings_table()) {
    INFO(spec.key);
    CHECK_THAT(reference, Catch::Contains("| `" + std::string(spec.key)));
    if (!spec.env_var.empty()) {
      CHECK_THAT(reference,
                 Catch::Contains("`FLYWAY_" + std::string(spec.env_var) + "`"));
    }
  }
}

TEST_CASE("conf/flyway.toml.example loads and sets what it shows",
          "[config][docs]") {
  const std::string path =
      std::string(RUNWAY_SOURCE_DIR) + "/conf/flyway.toml.example";
  const Settings s =
      merge_assignments({load_toml(read("conf/flyway.toml.example"), path)},
                        {{"APP_DB_PASSWORD", "pw"}}, "/tmp");
  CHECK(s.environment == "dev");
  CHECK_FALSE(s.url.empty());
  CHECK(s.password == "pw");
  CHECK_FALSE(s.locations.empty());
}

TEST_CASE("conf/flyway.conf.example loads and sets what it shows",
          "[config][docs]") {
  const std::string path =
      std::string(RUNWAY_SOURCE_DIR) + "/conf/flyway.conf.example";
  const std::map<std::string, std::string> env = {{"APP_DB_PASSWORD", "pw"}};
  const Settings s = merge_assignments(
      {load_conf(read("conf/flyway.conf.example"), path, env)}, env, "/tmp");
  CHECK_FALSE(s.url.empty());
  CHECK(s.password == "pw");
  CHECK_FALSE(s.locations.empty());
}

TEST_CASE("the demo configuration conf/runway.toml loads", "[config][docs]") {
  const std::string path = std::string(RUNWAY_SOURCE_DIR) + "/conf/runway.toml";
  CHECK_NOTHROW(merge_assignments({load_toml(read("conf/runway.toml"), path)},
                                  {}, "/tmp"));
}
