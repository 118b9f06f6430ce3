#include <algorithm>
#include <catch2/catch.hpp>

#include "runway/config/sources.hpp"
#include "runway/core/error.hpp"

using namespace runway;

namespace {

const std::string kPath = "/p/flyway.conf";

Settings from_conf(const std::string& text,
                   const std::map<std::string, std::string>& env = {}) {
  return merge_assignments({load_conf(text, kPath, env)}, env, "/tmp");
}

}  // namespace

TEST_CASE("flyway.conf properties set connection and flyway keys",
          "[config][conf]") {
  const Settings s = from_conf(R"(# comment
! another comment
flyway.url=jdbc:postgresql://localhost/app
flyway.user = app
flyway.password: secret
flyway.schemas=app , audit,
flyway.locations=filesystem:sql,  filesystem:more
flyway.placeholders.Tenant=acme
flyway.jdbcProperties.sslmode=require
flyway.connectRetries=3
flyway.cleanDisabled=FALSE
flyway.postgresql.transactional.lock=false
other.tool.key=ignored
)");
  CHECK(s.url == "jdbc:postgresql://localhost/app");
  CHECK(s.user == "app");
  CHECK(s.password == "secret");
  CHECK(s.schemas == std::vector<std::string>{"app", "audit"});
  CHECK(s.locations ==
        std::vector<std::string>{"filesystem:sql", "filesystem:more"});
  CHECK(s.placeholders.at("tenant") == "acme");
  CHECK(s.jdbc_properties.at("sslmode") == "require");
  CHECK(s.connect_retries == 3);
  CHECK_FALSE(s.clean_disabled);
  CHECK_FALSE(s.postgresql_transactional_lock);
  CHECK(s.environment == "default");
}

TEST_CASE(
    "a trailing backslash continues the value; other backslashes are literal",
    "[config][conf]") {
  const Settings s = from_conf(
      "flyway.locations=filesystem:C:\\sql\\common,\\\n    "
      "filesystem:D:\\more\r\n"
      "flyway.initSql=SELECT 'a\\tb'\n");
  CHECK(s.locations == std::vector<std::string>{"filesystem:C:\\sql\\common",
                                                "filesystem:D:\\more"});
  CHECK(s.init_sql == "SELECT 'a\\tb'");
}

TEST_CASE(
    "${VAR} in a conf file expands from the environment, empty when unset",
    "[config][conf]") {
  const Settings s = from_conf(
      "flyway.url=jdbc:postgresql://${DB_HOST}:5432/"
      "app\nflyway.user=${DB_USER}x\n"
      "flyway.password=${env.NOT_A_VAR}\n",
      {{"DB_HOST", "db.internal"}});
  CHECK(s.url == "jdbc:postgresql://db.internal:5432/app");
  CHECK(s.user == "x");
  CHECK(s.password == "${env.NOT_A_VAR}");
}

TEST_CASE("conf booleans and integers fail with Flyway's texts and the line",
          "[config][conf]") {
  CHECK_THROWS_WITH(
      from_conf("\nflyway.cleanDisabled=yes\n"),
      "Invalid value for flyway.cleanDisabled (should be either true or "
      "false): yes\n\tin /p/flyway.conf at line 2");
  CHECK_THROWS_WITH(
      from_conf("flyway.connectRetries=3x\n"),
      "Invalid value for flyway.connectRetries (should be an integer): 3x\n\t"
      "in /p/flyway.conf at line 1");
  CHECK_THROWS_WITH(
      from_conf("flyway.connectRetries=99999999999\n"),
      "Invalid value for flyway.connectRetries (should be an integer): "
      "99999999999\n\tin /p/flyway.conf at line 1");
}

TEST_CASE("an unknown flyway.* conf key is an error with a suggestion",
          "[config][conf]") {
  CHECK_THROWS_WITH(
      load_conf("flyway.locatoins=sql\n", kPath, {}),
      "Unknown configuration key 'flyway.locatoins' in /p/flyway.conf. "
      "Did you mean 'locations'?");
  CHECK_THROWS_WITH(load_conf("flyway.URL=x\n", kPath, {}),
                    "Unknown configuration key 'flyway.URL' in /p/flyway.conf. "
                    "Did you mean 'url'?");
}

TEST_CASE("ignored Java-only conf keys leave a note", "[config][conf]") {
  const Settings s = from_conf(
      "flyway.jarDirs=/opt/jars\nflyway.driver=org.postgresql.Driver\n");
  REQUIRE(s.notes.size() == 2);
  CHECK(std::count(s.notes.begin(), s.notes.end(),
                   "Ignoring 'flyway.jarDirs' (file /p/flyway.conf): Ignored: "
                   "Java drivers and classes") == 1);
}

TEST_CASE("a Teams-only key is refused unless left at its default",
          "[config][conf]") {
  CHECK_NOTHROW(from_conf("flyway.cherryPick=\n"));
  CHECK_THROWS_WITH(
      from_conf("flyway.cherryPick=2,3\n"),
      "'flyway.cherryPick' is not supported by Runway; remove it (set in "
      "/p/flyway.conf at line 1)");
  // Flyway 9's cleanOnValidationError, left false in many old files.
  CHECK_NOTHROW(from_conf("flyway.cleanOnValidationError=false\n"));
  CHECK_THROWS_WITH(from_conf("flyway.cleanOnValidationError=true\n"),
                    "'flyway.cleanOnValidationError' is not supported by "
                    "Runway; remove it (set in /p/flyway.conf at line 1)");
}
