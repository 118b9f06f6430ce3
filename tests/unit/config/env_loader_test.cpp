#include <catch2/catch.hpp>

#include "runway/config/sources.hpp"
#include "runway/core/error.hpp"

using namespace runway;

namespace {

using Env = std::map<std::string, std::string>;

Settings from_env(const Env& env, ConfigMode mode = ConfigMode::kToml) {
  return merge_assignments({load_environment(env, mode)}, env, "/tmp");
}

}  // namespace

TEST_CASE("FLYWAY_* variables from Flyway's table set their keys",
          "[config][env]") {
  const Settings s =
      from_env({{"FLYWAY_URL", "jdbc:sqlite:a.db"},
                {"FLYWAY_USER", "app"},
                {"FLYWAY_LOCATIONS", "filesystem:a,filesystem:b"},
                {"FLYWAY_CLEAN_DISABLED", "false"},
                {"FLYWAY_CONNECT_RETRIES", "4"},
                {"FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK", "true"}});
  CHECK(s.url == "jdbc:sqlite:a.db");
  CHECK(s.user == "app");
  CHECK(s.locations ==
        std::vector<std::string>{"filesystem:a", "filesystem:b"});
  CHECK_FALSE(s.clean_disabled);
  CHECK(s.connect_retries == 4);
  CHECK(s.postgresql_transactional_lock);
  CHECK(s.origin.at("url") == "env FLYWAY_URL");
}

TEST_CASE("a dry run asked for by variable is refused, not run for real",
          "[config][env]") {
  CHECK_NOTHROW(from_env({{"FLYWAY_DRYRUN_OUTPUT", ""}}));
  CHECK_THROWS_WITH(
      from_env({{"FLYWAY_DRYRUN_OUTPUT", "/tmp/dry.sql"}}),
      "'flyway.dryRunOutput' is not supported by Runway; remove it (set in "
      "environment variable FLYWAY_DRYRUN_OUTPUT)");
}

TEST_CASE("placeholder and JDBC property variables lower-case their names",
          "[config][env]") {
  const Settings s = from_env({{"FLYWAY_PLACEHOLDERS_MY_TENANT", "acme"},
                               {"FLYWAY_JDBC_PROPERTIES_SSLMODE", "require"},
                               {"FLYWAY_JDBC_PROPERTIES_ACCESSTOKEN", "t0k"}});
  CHECK(s.placeholders ==
        std::map<std::string, std::string>{{"my_tenant", "acme"}});
  CHECK(s.jdbc_properties ==
        std::map<std::string, std::string>{{"accessToken", "t0k"},
                                           {"sslmode", "require"}});
}

TEST_CASE("RUNWAY_ wins over FLYWAY_ for the same name", "[config][env]") {
  const Settings s = from_env({{"FLYWAY_TABLE", "flyway_history"},
                               {"RUNWAY_TABLE", "runway_history"},
                               {"RUNWAY_PLACEHOLDERS_X", "r"},
                               {"FLYWAY_PLACEHOLDERS_X", "f"}});
  CHECK(s.table == "runway_history");
  CHECK(s.origin.at("table") == "env RUNWAY_TABLE");
  CHECK(s.placeholders.at("x") == "r");
}

TEST_CASE("lower-case generic variables reach any key, and win over upper-case",
          "[config][env]") {
  const Settings s =
      from_env({{"flyway_cleanDisabled", "false"},
                {"flyway_environment", "prod"},
                {"environments_prod_url", "jdbc:sqlite:prod.db"},
                {"environments_prod_flyway_table", "prod_history"},
                {"flyway_postgresql_transactional_lock", "true"},
                {"FLYWAY_TABLE", "upper"},
                {"FLYWAY_CLEAN_DISABLED", "true"}});
  CHECK(s.environment == "prod");
  CHECK(s.url == "jdbc:sqlite:prod.db");
  CHECK(s.table == "prod_history");
  CHECK_FALSE(s.clean_disabled);
  CHECK(s.postgresql_transactional_lock);
  CHECK(s.warnings ==
        std::vector<std::string>{
            "Using both new Environment variable flyway_cleanDisabled and old "
            "Environment variable FLYWAY_CLEAN_DISABLED. Please remove "
            "FLYWAY_CLEAN_DISABLED."});
}

TEST_CASE("lower-case runway_ variables win over flyway_ ones",
          "[config][env]") {
  const Settings s = from_env({{"flyway_table", "a"}, {"runway_table", "b"}});
  CHECK(s.table == "b");
}

TEST_CASE("generic variables are not read in CONF mode", "[config][env]") {
  const Settings s = from_env({{"flyway_table", "a"}}, ConfigMode::kConf);
  CHECK(s.table == "flyway_schema_history");
}

TEST_CASE("FLYWAY_ENVIRONMENT has no effect, as in Flyway, and says so",
          "[config][env]") {
  const Settings s = from_env({{"FLYWAY_ENVIRONMENT", "prod"}});
  CHECK(s.environment == "default");
  CHECK(s.warnings ==
        std::vector<std::string>{
            "FLYWAY_ENVIRONMENT has no effect (as in Flyway): select the "
            "environment with -environment=NAME or "
            "flyway_environment=NAME"});
}

TEST_CASE("an upper-case variable one typo from a setting is an error",
          "[config][env]") {
  CHECK_THROWS_WITH(
      load_environment({{"FLYWAY_LOCATOINS", "x"}}, ConfigMode::kToml),
      "Unknown environment variable FLYWAY_LOCATOINS. Did you mean "
      "FLYWAY_LOCATIONS?");
  CHECK_THROWS_WITH(
      load_environment({{"RUNWAY_PASWORD", "x"}}, ConfigMode::kToml),
      "Unknown environment variable RUNWAY_PASWORD. Did you mean "
      "RUNWAY_PASSWORD?");
}

TEST_CASE("a wrapper's own FLYWAY_ variables are not taken for typos",
          "[config][env]") {
  // Seen in a compose file: FLYWAY_DB_* for the entrypoint script.
  const SourceValues values =
      load_environment({{"FLYWAY_DB_PASSWORD", "x"}, {"FLYWAY_DB_USER", "y"}},
                       ConfigMode::kToml);
  CHECK(values.assignments.empty());
  CHECK(values.notes.size() == 2);
}

TEST_CASE("unrelated FLYWAY_/RUNWAY_ variables are skipped with a note",
          "[config][env]") {
  const SourceValues values =
      load_environment({{"FLYWAY_VERSION", "10.0"},
                        {"RUNWAY_TEST_PG_HOST", "/tmp/pg"},
                        {"FLYWAY_CONFIG_FILES", "a.toml"},
                        {"PATH", "/bin"}},
                       ConfigMode::kToml);
  CHECK(values.assignments.empty());
  CHECK(values.notes ==
        std::vector<std::string>{
            "Ignoring environment variable RUNWAY_TEST_PG_HOST (not a "
            "Runway setting)"});
}

TEST_CASE("an unknown lower-case generic variable is an error",
          "[config][env]") {
  CHECK_THROWS_WITH(
      load_environment({{"flyway_locatoins", "x"}}, ConfigMode::kToml),
      "Unknown configuration key 'flyway.locatoins' in environment variable "
      "flyway_locatoins. Did you mean 'locations'?");
  CHECK_THROWS_WITH(
      load_environment({{"environments_dev_usr", "x"}}, ConfigMode::kToml),
      "Unknown configuration key 'environments.dev.usr' in environment "
      "variable environments_dev_usr. Did you mean 'user'?");
}

TEST_CASE("a bad boolean from a variable names the variable", "[config][env]") {
  CHECK_THROWS_WITH(
      from_env({{"FLYWAY_OUT_OF_ORDER", "maybe"}}),
      "Invalid value for flyway.outOfOrder (should be either true or false): "
      "maybe\n\tin environment variable FLYWAY_OUT_OF_ORDER");
}
