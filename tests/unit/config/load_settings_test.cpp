// load_settings() end to end: files, environment, command line, precedence,
// the environment override rule, passwordFile and provenance.
#include "runway/config/load_settings.hpp"

#include <catch2/catch.hpp>

#include "runway/core/error.hpp"
#include "unit/config/temp_dir.hpp"

using namespace runway;
using runway::test::TempDir;

namespace {

using Env = std::map<std::string, std::string>;
using Args = std::vector<std::string>;

Settings load(const TempDir& dir, const Args& args, const Env& env = {}) {
  return load_settings(parse_command_line(args), env, dir.path(), "");
}

}  // namespace

TEST_CASE("precedence is defaults < files < environment < command line",
          "[config][precedence]") {
  TempDir dir;
  dir.write(
      "flyway.toml",
      "[environments.default]\nurl = \"jdbc:sqlite:file.db\"\nuser = \"file\"\n"
      "[flyway]\ntable = \"file_table\"\ntarget = \"1\"\nencoding = "
      "\"ISO-8859-1\"\n");
  const Settings s = load(dir, {"-target=3", "-url=jdbc:sqlite:cli.db"},
                          {{"FLYWAY_TABLE", "env_table"},
                           {"FLYWAY_TARGET", "2"},
                           {"FLYWAY_URL", "jdbc:x"}});
  CHECK(s.baseline_version == "1");      // default
  CHECK(s.encoding == "ISO-8859-1");     // file
  CHECK(s.user == "file");               // file
  CHECK(s.table == "env_table");         // env beats file
  CHECK(s.target == "3");                // command line beats env
  CHECK(s.url == "jdbc:sqlite:cli.db");  // command line beats env and file
  CHECK(s.origin.at("encoding") == "file " + dir.path("flyway.toml"));
  CHECK(s.origin.at("table") == "env FLYWAY_TABLE");
  CHECK(s.origin.at("target") == "command line");
  CHECK_FALSE(s.origin.contains("baselineVersion"));
  CHECK(s.config_files == std::vector<std::string>{dir.path("flyway.toml")});
}

TEST_CASE("an environment override beats root values from every source",
          "[config][precedence][environments]") {
  TempDir dir;
  dir.write("flyway.toml",
            "[environments.dev]\nurl = \"jdbc:sqlite:dev.db\"\n"
            "[environments.dev.flyway]\ntarget = \"5\"\nlocations = "
            "[\"filesystem:dev\"]\n"
            "[environments.dev.flyway.placeholders]\nonly = \"dev\"\n"
            "[flyway]\nenvironment = \"dev\"\nlocations = [\"filesystem:a\", "
            "\"filesystem:b\"]\n"
            "[flyway.placeholders]\nroot = \"r\"\n");
  const Settings s =
      load(dir, {"-target=9", "-placeholders.cli=c"}, {{"FLYWAY_TARGET", "8"}});
  CHECK(s.environment == "dev");
  CHECK(s.url == "jdbc:sqlite:dev.db");
  CHECK(s.target == "5");
  CHECK(s.locations == std::vector<std::string>{"filesystem:dev"});
  CHECK(s.placeholders == std::map<std::string, std::string>{{"only", "dev"}});
  CHECK(s.origin.at("target") ==
        "file " + dir.path("flyway.toml") + " [environments.dev.flyway]");
}

TEST_CASE("option -environments.NAME.flyway.KEY beats an environment override",
          "[config][precedence][environments]") {
  TempDir dir;
  dir.write("flyway.toml",
            "[environments.dev]\nurl = \"jdbc:sqlite:dev.db\"\n"
            "[environments.dev.flyway]\ntarget = \"5\"\n");
  const Settings s =
      load(dir, {"-environments.dev.flyway.target=6", "-environment=dev",
                 "-environments.dev.user=u", "-environments.dev.schemas=a, b"});
  CHECK(s.target == "6");
  CHECK(s.user == "u");
  CHECK(s.schemas == std::vector<std::string>{"a", "b"});
}

TEST_CASE("option -environments.NAME.key beats -key for the same environment",
          "[config][precedence][environments]") {
  TempDir dir;
  const Settings s = load(dir, {"-environments.default.url=jdbc:sqlite:b.db",
                                "-url=jdbc:sqlite:a.db"});
  CHECK(s.url == "jdbc:sqlite:b.db");
}

TEST_CASE(
    "connection keys from env and command line go to the selected environment",
    "[config][precedence][environments]") {
  TempDir dir;
  dir.write("flyway.toml",
            "[environments.prod]\nurl = \"jdbc:sqlite:prod.db\"\nuser = \"p\"\n"
            "[environments.default]\nurl = \"jdbc:sqlite:default.db\"\n");
  const Settings s = load(dir, {"-environment=prod", "-user=cli"},
                          {{"FLYWAY_PASSWORD", "pw"}});
  CHECK(s.url == "jdbc:sqlite:prod.db");
  CHECK(s.user == "cli");
  CHECK(s.password == "pw");
}

TEST_CASE(
    "selecting an unknown environment is Flyway's error with a suggestion",
    "[config][environments]") {
  TempDir dir;
  dir.write("flyway.toml",
            "[environments.production]\nurl = \"jdbc:sqlite:p.db\"\n");
  CHECK_THROWS_WITH(
      load(dir, {"-environment=prodution"}),
      "Environment 'prodution' not found. Check that this environment exists "
      "in your configuration. Did you mean 'production'?");
  CHECK_THROWS_WITH(
      load(dir, {"-environment=staging"}),
      "Environment 'staging' not found. Check that this environment exists "
      "in your configuration.");
  CHECK_NOTHROW(load(dir, {"-url=jdbc:sqlite:x.db"}));
}

TEST_CASE(
    "a list or map from a later source replaces the earlier one, maps merge by "
    "key",
    "[config][precedence]") {
  TempDir dir;
  dir.write("flyway.toml",
            "[flyway]\nlocations = [\"filesystem:a\", \"filesystem:b\"]\n"
            "[flyway.placeholders]\na = \"1\"\nb = \"2\"\n");
  dir.write("flyway.user.toml",
            "[flyway]\nlocations = []\n[flyway.placeholders]\nb = \"two\"\n");
  const Settings s = load(dir, {"-placeholders.c=3"});
  CHECK(s.locations ==
        std::vector<std::string>{"filesystem:a", "filesystem:b"});
  CHECK(s.placeholders == std::map<std::string, std::string>{
                              {"a", "1"}, {"b", "two"}, {"c", "3"}});
  CHECK(load(dir, {"-locations=filesystem:x, filesystem:y"}).locations ==
        std::vector<std::string>{"filesystem:x", "filesystem:y"});
  CHECK(load(dir, {"-ignoreMigrationPatterns="})
            .ignore_migration_patterns.empty());
}

TEST_CASE("unknown command-line keys are errors with a suggestion",
          "[config][args]") {
  TempDir dir;
  CHECK_THROWS_WITH(
      load(dir, {"-locatoins=sql"}),
      "Unknown configuration key 'locatoins' in the command line. Did you "
      "mean 'locations'?");
  CHECK_THROWS_WITH(
      load(dir, {"-URL=x"}),
      "Unknown configuration key 'URL' in the command line. Did you mean "
      "'url'?");
  CHECK_THROWS_WITH(
      load(dir, {"-environments.dev=x"}),
      "Invalid configuration argument: -environments.dev. Both the "
      "environment name and configuration option are required.");
  CHECK_THROWS_WITH(
      load(dir, {"-placeholders=x"}),
      "Invalid configuration argument: -placeholders=... needs a name: "
      "-placeholders.NAME=value");
}

TEST_CASE("command-line options are typed and checked", "[config][args]") {
  TempDir dir;
  const Settings s =
      load(dir, {"-outputType=JSON", "-outputFile=out.json", "-color=NEVER",
                 "-workingDirectory=sub", "-X", "-migrationIds",
                 "-infoOfState=pending,success"});
  CHECK(s.output_type == OutputType::kJson);
  CHECK(s.output_file == "out.json");
  CHECK(s.color == "never");
  CHECK(s.working_directory == dir.path("sub"));
  CHECK(s.debug);
  CHECK(s.info_migration_ids);
  CHECK(s.info_of_state == std::vector<std::string>{"pending", "success"});
  CHECK_THROWS_WITH(
      load(dir, {"-color=blue"}),
      "'blue' is an invalid value for the -color option. Use 'always', "
      "'never' or 'auto'.");
  CHECK(load(dir, {"-outputType="}).output_type == OutputType::kText);
  CHECK(load(dir, {"-X", "-q"}).quiet);
  CHECK_FALSE(load(dir, {"-X", "-q"}).debug);
}

TEST_CASE("command-line integers and booleans use Flyway's texts",
          "[config][args]") {
  TempDir dir;
  CHECK_THROWS_WITH(
      load(dir, {"-connectRetries=lots"}),
      "Invalid value for flyway.connectRetries (should be an integer): lots");
  CHECK_THROWS_WITH(load(dir, {"-outOfOrder=1"}),
                    "Invalid value for flyway.outOfOrder (should be either "
                    "true or false): 1");
}

TEST_CASE("a reserved placeholder name is Flyway's error",
          "[config][placeholders]") {
  TempDir dir;
  CHECK_THROWS_WITH(
      load(dir, {"-placeholders.flyway:x=1"}),
      "Invalid placeholder ('flyway:' prefix is reserved): flyway:x");
  CHECK_THROWS_WITH(
      load(dir, {"-placeholders.Flyway#x=1", "-placeholderSeparator=#"}),
      "Invalid placeholder ('flyway#' prefix is reserved): flyway#x");
  CHECK_NOTHROW(load(dir, {"-placeholders.flywayx=1"}));
}

TEST_CASE("passwordFile reads the password, trailing newline trimmed",
          "[config][password]") {
  TempDir dir;
  dir.write("secrets/db-password", "s3cret\n");
  dir.write("flyway.toml",
            "[environments.default]\npasswordFile = \"secrets/db-password\"\n");
  Settings s = load(dir, {});
  CHECK(s.password == "s3cret");
  CHECK(s.origin.at("password") == "passwordFile secrets/db-password");

  // A password from a higher-precedence source wins over a file's passwordFile.
  s = load(dir, {}, {{"FLYWAY_PASSWORD", "from-env"}});
  CHECK(s.password == "from-env");
  // A passwordFile from a higher-precedence source wins over a file's password.
  dir.write("flyway.toml", "[environments.default]\npassword = \"in-file\"\n");
  s = load(dir, {},
           {{"RUNWAY_PASSWORD_FILE", dir.path("secrets/db-password")}});
  CHECK(s.password == "s3cret");
}

TEST_CASE("a missing passwordFile is an error naming it",
          "[config][password]") {
  TempDir dir;
  CHECK_THROWS_WITH(load(dir, {"-passwordFile=nope"}),
                    "Unable to read passwordFile '" + dir.path("nope") +
                        "': No such file or directory");
}

TEST_CASE("option -X notes say which keys were ignored",
          "[config][provenance]") {
  TempDir dir;
  dir.write("flyway.toml", "[flyway]\njarDirs = [\"/opt/jars\"]\n");
  const Settings s = load(dir, {});
  CHECK(s.notes ==
        std::vector<std::string>{"Ignoring 'flyway.jarDirs' (file " +
                                 dir.path("flyway.toml") +
                                 "): Ignored: Java drivers and classes"});
}
