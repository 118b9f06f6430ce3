#include <catch2/catch.hpp>

#include "runway/config/sources.hpp"
#include "runway/core/error.hpp"

using namespace runway;

namespace {

const std::string kPath = "/p/flyway.toml";

Settings from_toml(const std::string& text,
                   const std::map<std::string, std::string>& env = {}) {
  return merge_assignments({load_toml(text, kPath)}, env, "/tmp");
}

}  // namespace

TEST_CASE(
    "a flyway.toml with environments, placeholders and postgresql options "
    "loads",
    "[config][toml]") {
  const Settings s = from_toml(R"(
id = "5f7c"
name = "project"
databaseType = "PostgreSql"

[environments.default]
url = "jdbc:postgresql://localhost:5432/app"
user = "app"
password = "secret"
schemas = ["app", "audit"]
connectRetries = 3
connectRetriesInterval = 30
initSql = "SET lock_timeout = '5s'"
[environments.default.jdbcProperties]
sslmode = "require"

[flyway]
locations = ["filesystem:sql", "filesystem:more"]
cleanDisabled = false
lockRetryCount = -1
[flyway.placeholders]
Tenant = "acme"
[flyway.postgresql]
transactional.lock = true
)");
  CHECK(s.url == "jdbc:postgresql://localhost:5432/app");
  CHECK(s.user == "app");
  CHECK(s.password == "secret");
  CHECK(s.schemas == std::vector<std::string>{"app", "audit"});
  CHECK(s.connect_retries == 3);
  CHECK(s.connect_retries_interval == 30);
  CHECK(s.init_sql == "SET lock_timeout = '5s'");
  CHECK(s.jdbc_properties ==
        std::map<std::string, std::string>{{"sslmode", "require"}});
  CHECK(s.locations ==
        std::vector<std::string>{"filesystem:sql", "filesystem:more"});
  CHECK_FALSE(s.clean_disabled);
  CHECK(s.lock_retry_count == -1);
  CHECK(s.placeholders ==
        std::map<std::string, std::string>{{"tenant", "acme"}});
  CHECK(s.postgresql_transactional_lock);
}

TEST_CASE("[runway] is an alias of [flyway]", "[config][toml]") {
  const Settings s = from_toml(
      "[runway]\ntable = \"history\"\n[runway.placeholders]\nx = \"1\"\n");
  CHECK(s.table == "history");
  CHECK(s.placeholders.at("x") == "1");
}

TEST_CASE("dotted TOML keys reach nested settings", "[config][toml]") {
  const Settings s = from_toml(
      "[flyway]\npostgresql.transactional.lock = true\nplaceholders.region = "
      "\"eu\"\n");
  CHECK(s.postgresql_transactional_lock);
  CHECK(s.placeholders.at("region") == "eu");
}

TEST_CASE("a bare string for a list key is a one-element list",
          "[config][toml]") {
  const Settings s = from_toml(
      "[environments.default]\nschemas = \"app\"\n[flyway]\nlocations = "
      "\"filesystem:a,b\"\n");
  CHECK(s.schemas == std::vector<std::string>{"app"});
  CHECK(s.locations == std::vector<std::string>{"filesystem:a,b"});
}

TEST_CASE("scalars are coerced to strings, strings to booleans and numbers",
          "[config][toml]") {
  const Settings s = from_toml(
      "[flyway]\nbaselineVersion = 2\ncleanDisabled = "
      "\"FALSE\"\nlockRetryCount = \"7\"\n"
      "[flyway.placeholders]\nport = 5432\nflag = true\n");
  CHECK(s.baseline_version == "2");
  CHECK_FALSE(s.clean_disabled);
  CHECK(s.lock_retry_count == 7);
  CHECK(s.placeholders.at("port") == "5432");
  CHECK(s.placeholders.at("flag") == "true");
}

TEST_CASE("an unknown [flyway] key is an error with a suggestion",
          "[config][toml]") {
  CHECK_THROWS_WITH(
      load_toml("[flyway]\nlocatoins = [\"sql\"]\n", kPath),
      "Unknown configuration key 'flyway.locatoins' in /p/flyway.toml. "
      "Did you mean 'locations'?");
  CHECK_THROWS_WITH(
      load_toml("[flyway]\nbanana = 1\n", kPath),
      "Unknown configuration key 'flyway.banana' in /p/flyway.toml.");
  CHECK_THROWS_WITH(
      load_toml("[flyway.placeholder]\nx = \"1\"\n", kPath),
      "Unknown configuration key 'flyway.placeholder' in /p/flyway.toml. "
      "Did you mean 'placeholders'?");
}

TEST_CASE("an unknown environment key is an error with a suggestion",
          "[config][toml]") {
  CHECK_THROWS_WITH(
      load_toml("[environments.dev]\nusr = \"a\"\n", kPath),
      "Unknown configuration key 'environments.dev.usr' in /p/flyway.toml. "
      "Did you mean 'user'?");
}

TEST_CASE("a key in the wrong table says where it belongs", "[config][toml]") {
  CHECK_THROWS_WITH(
      load_toml("[flyway]\nurl = \"jdbc:sqlite:x\"\n", kPath),
      "Unknown configuration key 'flyway.url' in /p/flyway.toml. 'url' is an "
      "environment setting: put it under [environments.NAME].");
  CHECK_THROWS_WITH(
      load_toml("[environments.dev]\nlocations = [\"x\"]\n", kPath),
      "Unknown configuration key 'environments.dev.locations' in "
      "/p/flyway.toml. 'locations' is a [flyway] setting: put it under "
      "[flyway], or under [environments.NAME.flyway] to override it for one "
      "environment.");
}

TEST_CASE("a misspelt root table is an error, other root keys are tolerated",
          "[config][toml]") {
  CHECK_THROWS_WITH(load_toml("[flywya]\nx = 1\n", kPath),
                    "Unknown configuration key 'flywya' in /p/flyway.toml. "
                    "Did you mean 'flyway'?");
  const SourceValues values = load_toml(
      "[flywayDesktop]\ndevelopment = \"x\"\n[redgateCompare]\na = 1\n", kPath);
  CHECK(values.assignments.empty());
  CHECK(values.notes.size() == 2);
}

TEST_CASE("a Flyway Desktop project's flyway.toml is read", "[config][toml]") {
  // As `flyway init` / Flyway Desktop write it: schema model keys and an
  // environment's jarDirs are Flyway's, ignored here rather than refused.
  const Settings s = from_toml(
      "databaseType = \"SQLite\"\nname = \"demo\"\nid = \"abc\"\n"
      "[environments.development]\nurl = \"jdbc:sqlite:dev.db\"\n"
      "jarDirs = [\"drivers\"]\n"
      "[flyway]\nenvironment = \"development\"\nmixed = true\n"
      "locations = [\"filesystem:migrations\"]\n"
      "schemaModelLocation = \"schema-model\"\n"
      "schemaModelSchemas = [\"main\"]\n"
      "[flywayDesktop]\ndevelopmentEnvironment = \"development\"\n");
  CHECK(s.url == "jdbc:sqlite:dev.db");
  CHECK(s.mixed);
  CHECK(s.locations == std::vector<std::string>{"filesystem:migrations"});
  const auto ignored = [&s](const std::string& key) {
    return std::any_of(s.notes.begin(), s.notes.end(), [&](const auto& n) {
      return n.starts_with("Ignoring '" + key + "'");
    });
  };
  CHECK(ignored("flyway.schemaModelLocation"));
  CHECK(ignored("flyway.schemaModelSchemas"));
  CHECK(ignored("environments.development.jarDirs"));
}

TEST_CASE("a TOML type mismatch names the key, the types and the position",
          "[config][toml]") {
  CHECK_THROWS_WITH(
      load_toml("[flyway]\ncleanDisabled = 1\n", kPath),
      "Error parsing config file due to a mismatched data type, caused by "
      "`flyway.cleanDisabled` namespace. Update this from `integer` to "
      "`boolean` to fix the parsing error\n\tin /p/flyway.toml at line 2, "
      "column 17");
  CHECK_THROWS_WITH(
      load_toml("[flyway]\nlocations = [\"a\", 2]\n", kPath),
      "Error parsing config file due to a mismatched data type, caused by "
      "`flyway.locations` namespace. Update this from `integer` to `string` "
      "to fix the parsing error\n\tin /p/flyway.toml at line 2, column 19");
  CHECK_THROWS_WITH(
      load_toml("[flyway]\ntarget = [\"1\"]\n", kPath),
      Catch::StartsWith("Error parsing config file due to a mismatched data "
                        "type, caused by `flyway.target` namespace. Update "
                        "this from `array` to `string`"));
}

TEST_CASE(
    "a table where a value belongs, or a value where a table belongs, is a "
    "mismatch",
    "[config][toml]") {
  CHECK_THROWS_WITH(
      load_toml("[flyway.locations]\na = \"x\"\n", kPath),
      "Error parsing config file due to a mismatched data type, caused by "
      "`flyway.locations` namespace. Update this from `table` to `array of "
      "strings` to fix the parsing error\n\tin /p/flyway.toml at line 1, "
      "column 1");
  CHECK_THROWS_WITH(
      load_toml("[flyway]\nplaceholders = \"x\"\n", kPath),
      "Error parsing config file due to a mismatched data type, caused by "
      "`flyway.placeholders` namespace. Update this from `string` to `table "
      "of strings` to fix the parsing error\n\tin /p/flyway.toml at line 2, "
      "column 16");
  CHECK_THROWS_WITH(
      load_toml("[environments.dev]\njdbcProperties = 1\n", kPath),
      Catch::StartsWith("Error parsing config file due to a mismatched data "
                        "type, caused by `environments.dev.jdbcProperties`"));
}

TEST_CASE("a bad boolean or integer string names the file, line and column",
          "[config][toml]") {
  CHECK_THROWS_WITH(
      from_toml("[flyway]\ncleanDisabled = \"yes\"\n"),
      "Invalid value for flyway.cleanDisabled (should be either true or "
      "false): yes\n\tin /p/flyway.toml at line 2, column 17");
  CHECK_THROWS_WITH(
      from_toml("[environments.default]\nconnectRetries = \"x\"\n"),
      "Invalid value for environments.default.connectRetries (should be an "
      "integer): x\n\tin /p/flyway.toml at line 2, column 18");
  CHECK_THROWS_WITH(
      from_toml("[flyway]\nlockRetryCount = -2\n"),
      "Invalid value for flyway.lockRetryCount (should be an integer of at "
      "least -1): -2\n\tin /p/flyway.toml at line 2, column 18");
}

TEST_CASE("a TOML syntax error shows the line with a caret", "[config][toml]") {
  try {
    load_toml("[flyway]\ntable = \"x\"\nlocations = [\"a\" \"b\"]\n", kPath);
    FAIL("no error");
  } catch (const ConfigError& error) {
    const std::string message = error.what();
    CHECK_THAT(message, Catch::StartsWith(
                            "Error parsing config file at [line 3, column "));
    CHECK_THAT(message, Catch::Contains("] in /p/flyway.toml: "));
    CHECK_THAT(message, Catch::Contains(", syntax error shown by ^:\n"
                                        "locations = [\"a\" \"b\"]\n"));
    CHECK_THAT(message, Catch::EndsWith("^"));
  }
}

TEST_CASE("environment overrides may not change the environment",
          "[config][toml]") {
  CHECK_THROWS_WITH(
      load_toml("[environments.dev.flyway]\nenvironment = \"x\"\n", kPath),
      "'environment' cannot be overridden per environment: remove it from "
      "[environments.dev.flyway]\n\tin /p/flyway.toml at line 2, column 1");
}

TEST_CASE("${env.NAME} resolves from the environment map",
          "[config][toml][resolvers]") {
  const std::string text =
      "[environments.default]\npassword = \"${env.DB_PW}\"\nurl = "
      "\"jdbc:x:$${a.b}\"\n"
      "[flyway]\ncleanDisabled = \"${env.CLEAN_OFF}\"\nlocations = "
      "[\"${env.LOC}\"]\n"
      "table = \"!{${env.NOT_RESOLVED}}\"\ninstalledBy = \"${flyway:user}\"\n";
  const Settings s = from_toml(
      text, {{"DB_PW", "pw"}, {"CLEAN_OFF", "false"}, {"LOC", "filesystem:x"}});
  CHECK(s.password == "pw");
  CHECK(s.url == "jdbc:x:${a.b}");
  CHECK_FALSE(s.clean_disabled);
  CHECK(s.locations == std::vector<std::string>{"filesystem:x"});
  CHECK(s.table == "${env.NOT_RESOLVED}");
  CHECK(s.installed_by == "${flyway:user}");
}

TEST_CASE("a resolver filter keeps the characters its letters allow",
          "[config][toml][resolvers]") {
  // Flyway's filters: A letters, a ASCII letters, D digits, d ASCII digits.
  const Settings s = from_toml(
      "[flyway]\ninstalledBy = \"${env.WHO:AD}\"\ntable = "
      "\"t_${env.WHO: d }\"\n",
      {{"WHO", "@bc-123"}});
  CHECK(s.installed_by == "bc123");
  CHECK(s.table == "t_123");
  const Settings u = from_toml("[flyway]\ninstalledBy = \"${env.WHO:a}\"\n",
                               {{"WHO", "Zoë-7"}});
  CHECK(u.installed_by == "Zo");  // ë is a letter, but not ASCII
  const Settings v = from_toml("[flyway]\ninstalledBy = \"${env.WHO:A}\"\n",
                               {{"WHO", "Zoë-7"}});
  CHECK(v.installed_by == "Zoë");
  // Blanks around the parts, as Flyway strips them.
  const Settings w = from_toml("[flyway]\ninstalledBy = \"${ env.WHO : a }\"\n",
                               {{"WHO", "x-1"}});
  CHECK(w.installed_by == "x");
}

TEST_CASE("an unset ${env.NAME} is Flyway's error, with the position",
          "[config][toml][resolvers]") {
  CHECK_THROWS_WITH(
      from_toml("[environments.default]\npassword = \"${env.MISSING}\"\n"),
      "Unable to resolve environment variable: 'MISSING'\n\tin /p/flyway.toml "
      "at line 2, column 12");
}

TEST_CASE("other resolvers and nesting are errors",
          "[config][toml][resolvers]") {
  CHECK_THROWS_WITH(
      from_toml("[flyway]\ntable = \"${vault.key}\"\n"),
      Catch::StartsWith("Unknown resolver 'vault' in ${vault.key}: Runway "
                        "supports the env and placeholder resolvers"));
  CHECK_THROWS_WITH(
      from_toml("[flyway]\ntable = \"${env.${env.X}}\"\n"),
      Catch::StartsWith("Resolvers cannot be nested: ${env.${env.X}}"));
}

TEST_CASE("${placeholder.NAME} reads a placeholder value",
          "[config][toml][resolvers]") {
  const Settings s = from_toml(
      "[flyway]\ntable = "
      "\"${placeholder.Tenant}_history\"\n[flyway.placeholders]\n"
      "tenant = \"acme\"\n");
  CHECK(s.table == "acme_history");
  // Among the placeholders too, by the value as configured (Flyway's
  // ModernConfigurationManager).
  const Settings p = from_toml(
      "[flyway.placeholders]\ntenant = \"acme\"\nschema_prefix = "
      "\"${placeholder.tenant}_data\"\n");
  CHECK(p.placeholders.at("schema_prefix") == "acme_data");
}

TEST_CASE("another environment's unresolvable values are not resolved",
          "[config][toml][resolvers]") {
  const Settings s = from_toml(
      "[environments.default]\nurl = \"jdbc:sqlite:a.db\"\n"
      "[environments.prod]\npassword = \"${env.PROD_PW}\"\n");
  CHECK(s.url == "jdbc:sqlite:a.db");
}
