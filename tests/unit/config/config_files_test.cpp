// Which config files are read, in which order and mode (flyway-surface.md
// §1.1–§1.2), with real directories.
#include <catch2/catch.hpp>

#include "runway/config/load_settings.hpp"
#include "runway/config/sources.hpp"
#include "runway/core/error.hpp"
#include "unit/config/temp_dir.hpp"

using namespace runway;
using runway::test::TempDir;

namespace {

using Paths = std::vector<std::string>;

// A layout: <root>/install/bin/runway, <root>/home, <root>/project (cwd),
// <root>/work (-workingDirectory).
struct Layout {
  TempDir root;
  ConfigSearch search() const {
    ConfigSearch s;
    s.exe_path = root.path("install/bin/runway");
    s.home = root.path("home");
    s.cwd = root.path("project");
    return s;
  }
};

}  // namespace

TEST_CASE(
    "default TOML files are read from install, home, cwd, then working "
    "directory",
    "[config][files]") {
  Layout l;
  const Paths expected = {
      l.root.write("install/conf/flyway.toml", ""),
      l.root.write("install/conf/flyway.user.toml", ""),
      l.root.write("install/bin/conf/flyway.toml", ""),
      l.root.write("home/flyway.toml", ""),
      l.root.write("home/runway.toml", ""),
      l.root.write("project/flyway.toml", ""),
      l.root.write("project/flyway.user.toml", ""),
      l.root.write("project/runway.toml", ""),
      l.root.write("project/runway.user.toml", ""),
      l.root.write("work/flyway.toml", ""),
  };
  l.root.write("install/conf/runway.toml",
               "");  // not a Flyway install-dir name
  ConfigSearch search = l.search();
  search.working_directory = l.root.path("work");
  const ConfigFiles files = find_config_files(search);
  CHECK(files.mode == ConfigMode::kToml);
  CHECK(files.paths == expected);
}

TEST_CASE("listed files come after the defaults, environment list first",
          "[config][files]") {
  Layout l;
  const std::string project = l.root.write("project/flyway.toml", "");
  const std::string from_env = l.root.write("project/env.toml", "");
  const std::string from_cli = l.root.write("work/cli.toml", "");
  ConfigSearch search = l.search();
  search.working_directory = l.root.path("work");
  search.environment_files = l.root.path("project/env.toml");
  search.environment_files_variable = "FLYWAY_CONFIG_FILES";
  search.command_line_files = {"cli.toml"};  // relative to -workingDirectory
  CHECK(find_config_files(search).paths == Paths{project, from_env, from_cli});
}

TEST_CASE("a file listed twice keeps its later place", "[config][files]") {
  Layout l;
  const std::string project = l.root.write("project/flyway.toml", "");
  const std::string other = l.root.write("project/other.toml", "");
  ConfigSearch search = l.search();
  search.command_line_files = {"other.toml", "flyway.toml"};
  CHECK(find_config_files(search).paths == Paths{other, project});
}

TEST_CASE("only CONF files found means CONF mode; any TOML means TOML mode",
          "[config][files]") {
  Layout l;
  const std::string conf = l.root.write("home/flyway.conf", "");
  CHECK(find_config_files(l.search()).mode == ConfigMode::kConf);
  CHECK(find_config_files(l.search()).paths == Paths{conf});

  const std::string toml = l.root.write("project/flyway.toml", "");
  const ConfigFiles files = find_config_files(l.search());
  CHECK(files.mode == ConfigMode::kToml);
  CHECK(files.paths == Paths{toml});
  CHECK(files.notes ==
        Paths{"Ignoring " + conf + ": TOML configuration is in use"});
}

TEST_CASE("nothing found means TOML mode with no files", "[config][files]") {
  Layout l;
  const ConfigFiles files = find_config_files(l.search());
  CHECK(files.mode == ConfigMode::kToml);
  CHECK(files.paths.empty());
}

TEST_CASE("option -configFiles decides the mode before the default files",
          "[config][files]") {
  Layout l;
  l.root.write("project/flyway.toml", "");
  const std::string conf = l.root.write("project/legacy.conf", "");
  ConfigSearch search = l.search();
  search.command_line_files = {"legacy.conf"};
  const ConfigFiles files = find_config_files(search);
  CHECK(files.mode == ConfigMode::kConf);
  CHECK(files.paths == Paths{conf});
}

TEST_CASE("FLYWAY_CONFIG_FILES decides the mode when -configFiles is absent",
          "[config][files]") {
  Layout l;
  const std::string conf = l.root.write("project/a.conf", "");
  ConfigSearch search = l.search();
  search.environment_files = "a.conf";
  search.environment_files_variable = "FLYWAY_CONFIG_FILES";
  CHECK(find_config_files(search).mode == ConfigMode::kConf);
}

TEST_CASE("listing TOML and CONF files together is Flyway's error",
          "[config][files]") {
  Layout l;
  l.root.write("project/a.toml", "");
  l.root.write("project/b.conf", "");
  ConfigSearch search = l.search();
  search.command_line_files = {"a.toml", "b.conf"};
  CHECK_THROWS_WITH(
      find_config_files(search),
      "Using both TOML configuration and CONF configuration is not supported. "
      "Please remove the CONF configuration files.");
}

TEST_CASE("a listed file that does not exist is an error naming it",
          "[config][files]") {
  Layout l;
  ConfigSearch search = l.search();
  search.command_line_files = {"missing.toml"};
  CHECK_THROWS_WITH(
      find_config_files(search),
      "Unable to load config file: " + l.root.path("project/missing.toml") +
          " (listed in -configFiles): file not found");
  search.command_line_files.clear();
  search.environment_files = "/nowhere/x.toml";
  search.environment_files_variable = "RUNWAY_CONFIG_FILES";
  CHECK_THROWS_WITH(find_config_files(search),
                    "Unable to load config file: /nowhere/x.toml (listed in "
                    "RUNWAY_CONFIG_FILES): file not found");
}

TEST_CASE("configuration from standard input is refused", "[config][files]") {
  Layout l;
  ConfigSearch search = l.search();
  search.command_line_files = {"-"};
  CHECK_THROWS_WITH(
      find_config_files(search),
      "Reading configuration from standard input (-configFiles=-) is not "
      "supported by Runway");
}

TEST_CASE("load_settings reads later files over earlier ones, in CONF mode too",
          "[config][files][precedence]") {
  Layout l;
  l.root.write("home/flyway.conf", "flyway.table=home\nflyway.target=1\n");
  l.root.write("project/flyway.conf", "flyway.table=project\n");
  l.root.write("work/flyway.conf", "flyway.baselineVersion=7\n");
  const CommandLine line =
      parse_command_line(std::vector<std::string>{"-workingDirectory=../work"});
  const Settings s =
      load_settings(line, {{"HOME", l.root.path("home")}},
                    l.root.path("project"), l.root.path("install/bin/runway"));
  CHECK(s.table == "project");
  CHECK(s.target == "1");
  CHECK(s.baseline_version == "7");
  CHECK(s.working_directory == l.root.path("work"));
}

TEST_CASE(
    "FLYWAY_CONFIG_FILES and RUNWAY_CONFIG_FILES are honoured, RUNWAY_ first",
    "[config][files]") {
  Layout l;
  l.root.write("project/a.toml", "[flyway]\ntable = \"a\"\n");
  l.root.write("project/b.toml", "[flyway]\ntable = \"b\"\n");
  const CommandLine none = parse_command_line(std::vector<std::string>{});
  const auto table = [&](const std::map<std::string, std::string>& env) {
    return load_settings(none, env, l.root.path("project"), "").table;
  };
  CHECK(table({{"FLYWAY_CONFIG_FILES", "a.toml"}}) == "a");
  CHECK(table({{"FLYWAY_CONFIG_FILES", "a.toml"},
               {"RUNWAY_CONFIG_FILES", "b.toml"}}) == "b");
}
