#include "runway/cli/args.hpp"

#include <catch2/catch.hpp>

#include "runway/core/error.hpp"

using namespace runway;

namespace {

using Args = std::vector<std::string>;
using Pairs = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("Flyway's argument forms normalise to double-dash forms",
          "[config][args]") {
  CHECK(
      normalize_args({"-url=x", "--user=y", "-placeholders.a=b", "migrate"}) ==
      Args{"--url=x", "--user=y", "--placeholders.a=b", "migrate"});
  CHECK(normalize_args({"-X", "-q", "-h", "-?", "--help", "-help", "-v",
                        "--version", "-version"}) ==
        Args{"-X", "-q", "--help", "--help", "--help", "--help", "--version",
             "--version", "--version"});
  CHECK(normalize_args({"", "-n", "-skipCheckForUpdate", "-migrationIds",
                        "info"}) == Args{"--migrationIds=true", "info"});
  CHECK(normalize_args({"-password=a=b=c", "-target="}) ==
        Args{"--password=a=b=c", "--target="});
}

TEST_CASE("bad argument forms get Flyway's messages", "[config][args]") {
  CHECK_THROWS_WITH(normalize_args({"-foo"}), "Invalid flag: -foo");
  CHECK_THROWS_WITH(normalize_args({"--X"}), "Invalid flag: --X");
  CHECK_THROWS_WITH(normalize_args({"-"}), "Invalid flag: -");
  CHECK_THROWS_WITH(normalize_args({"--"}), "Invalid flag: --");
  CHECK_THROWS_WITH(normalize_args({"-=x"}),
                    "Invalid configuration argument: -=x");
  CHECK_THROWS_WITH(
      normalize_args({"-url", "=", "x"}),
      "Invalid configuration argument: -url =. Please check you have not "
      "included any spaces in your configuration argument.");
  CHECK_THROWS_WITH(
      normalize_args({"-url", "=x"}),
      "Invalid configuration argument: -url =x. Please check you have not "
      "included any spaces in your configuration argument.");
}

TEST_CASE("options may come before and after commands", "[config][args]") {
  const CommandLine line = parse_command_line(
      Args{"-url=jdbc:sqlite:a.db", "clean", "--cleanDisabled=false", "migrate",
           "-X", "info", "-placeholders.a=b"});
  CHECK(line.commands == Args{"clean", "migrate", "info"});
  CHECK(line.assignments == Pairs{{"url", "jdbc:sqlite:a.db"},
                                  {"cleanDisabled", "false"},
                                  {"placeholders.a", "b"}});
  CHECK(line.debug);
  CHECK_FALSE(line.quiet);
  CHECK_FALSE(line.help);
}

TEST_CASE("argc/argv parsing skips the program name", "[config][args]") {
  const char* argv[] = {"runway", "-q", "info"};
  const CommandLine line = parse_command_line(3, argv);
  CHECK(line.quiet);
  CHECK(line.commands == Args{"info"});
}

TEST_CASE("an unknown command is an error with a suggestion",
          "[config][args]") {
  CHECK_THROWS_WITH(parse_command_line(Args{"migrat"}),
                    "Invalid flag: migrat. Did you mean 'migrate'?");
  CHECK_THROWS_WITH(
      parse_command_line(Args{"frobnicate"}),
      "Invalid flag: frobnicate. Runway's commands are: migrate, info, "
      "validate, baseline, repair, undo, clean, testConnection, help, version");
}

TEST_CASE("help and version are flags, with an optional help topic",
          "[config][args]") {
  CommandLine line = parse_command_line(Args{"help", "migrate"});
  CHECK(line.help);
  CHECK(line.help_topic == "migrate");
  CHECK(line.commands.empty());

  line = parse_command_line(Args{"info", "-h"});
  CHECK(line.help);
  CHECK(line.help_topic == "info");
  CHECK(line.commands.empty());

  line = parse_command_line(Args{"-?"});
  CHECK(line.help);
  CHECK(line.help_topic.empty());

  line = parse_command_line(Args{"-v"});
  CHECK(line.version);
  CHECK(line.commands.empty());

  line = parse_command_line(Args{"version"});
  CHECK(line.version);
  CHECK(line.commands.empty());
}

TEST_CASE("option -outputType accepts json only, in any case",
          "[config][args]") {
  CHECK(parse_command_line(Args{"-outputType=JSON", "info"}).assignments ==
        Pairs{{"outputType", "JSON"}});
  // Empty is the text output, as Flyway takes it.
  CHECK(parse_command_line(Args{"-outputType=", "info"}).assignments ==
        Pairs{{"outputType", ""}});
  CHECK_THROWS_WITH(
      parse_command_line(Args{"-outputType=xml", "info"}),
      "'xml' is an invalid value for the -outputType option. Use 'json'.");
}

TEST_CASE("no arguments is no command", "[config][args]") {
  const CommandLine line = parse_command_line(Args{});
  CHECK(line.commands.empty());
  CHECK_FALSE(line.help);
}

TEST_CASE("help text lists commands, options and exit codes",
          "[config][args]") {
  const std::string general = help_text("");
  for (std::string_view command : command_names()) {
    CHECK_THAT(general, Catch::Contains("  " + std::string(command) + " "));
  }
  CHECK_THAT(general, Catch::Contains("Usage: runway [options] <command>"));
  CHECK_THAT(general, Catch::Contains("  6  outcome unknown"));
  CHECK_THAT(general, Catch::Contains("docs/configuration.md"));
  const std::string migrate = help_text("migrate");
  CHECK_THAT(migrate, Catch::StartsWith("Usage: runway [options] migrate\n"));
  CHECK_THAT(migrate, Catch::Contains("-baselineOnMigrate"));
}
