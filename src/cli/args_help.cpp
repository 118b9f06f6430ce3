// `runway --help` and `runway help <command>`. Kept in step with the code:
// the command list is command_names(), exit codes are SPEC §7's.
#include <algorithm>
#include <array>

#include "runway/cli/args.hpp"

namespace runway {
namespace {

struct CommandHelp {
  std::string_view name;
  std::string_view summary;
  std::string_view details;  ///< extra lines for `runway help <command>`
};

constexpr std::array kHelp = {
    CommandHelp{
        "migrate", "Migrates the database to the latest (or -target) version",
        "Validates first (validateOnMigrate), then applies pending migrations "
        "in\n"
        "order, one transaction per migration unless -group=true.\n"
        "Options: -target -outOfOrder -baselineOnMigrate -validateOnMigrate\n"
        "         -group -mixed -placeholders.NAME=value\n"},
    CommandHelp{"info", "Prints applied, current and pending migrations",
                "Options: -infoSinceDate -infoUntilDate -infoSinceVersion\n"
                "         -infoUntilVersion -infoOfState -migrationIds "
                "-outputType=json\n"},
    CommandHelp{
        "validate", "Validates applied migrations against the migration files",
        "Reports every problem at once. Options: -ignoreMigrationPatterns\n"
        "         -outOfOrder -target\n"},
    CommandHelp{"baseline",
                "Baselines an existing database at the baselineVersion",
                "Options: -baselineVersion -baselineDescription\n"},
    CommandHelp{
        "repair", "Repairs the schema history table",
        "Removes failed rows, marks missing migrations deleted and realigns\n"
        "checksums, descriptions and types with the files.\n"},
    CommandHelp{
        "undo", "Undoes the most recently applied versioned migration",
        "Runs U<version>__*.sql files; -target=<version> undoes down to it.\n"},
    CommandHelp{"clean", "Drops all objects in the configured schemas",
                "Refused unless -cleanDisabled=false.\n"},
    CommandHelp{"testConnection",
                "Connects to the database with the configured settings",
                "Exits 0 when the connection succeeds, 3 when it cannot be "
                "made.\n"
                "Runs initSql and the URL's connection set-up as any command "
                "does;\nno callbacks, and the history is not read.\n"},
    CommandHelp{"help", "Prints this usage, or help on one command", ""},
    CommandHelp{"version", "Prints the Runway version", ""},
};

constexpr std::string_view kOptions =
    "Options (any configuration key works as -key=value or --key=value):\n"
    "  -url=<url>                 database URL (jdbc:postgresql://..., "
    "jdbc:sqlite:...,\n"
    "                             jdbc:mysql://..., postgresql://..., libpq "
    "key=value)\n"
    "  -user=<user>               database user\n"
    "  -password=<password>       database password (never printed)\n"
    "  -schemas=<a,b>             managed schemas; the first holds the history "
    "table\n"
    "  -locations=<a,b>           migration locations (default "
    "filesystem:sql)\n"
    "  -target=<version>          latest (default), current, next, a version\n"
    "  -placeholders.<name>=<v>   a placeholder value\n"
    "  -environment=<name>        the [environments.NAME] to use\n"
    "  -environments.<n>.<key>=<v> a setting of environment <n>\n"
    "  -configFiles=<a,b>         more config files (.toml, or .conf)\n"
    "  -workingDirectory=<dir>    base of relative paths; its flyway.toml is "
    "read\n"
    "  -outputType=json           print one JSON document\n"
    "  -outputFile=<file>         also write the output to <file>\n"
    "  -color=always|never|auto   colour in the output (auto: on a terminal)\n"
    "  -X                         debug output (shows where each setting came "
    "from)\n"
    "  -q                         quiet: warnings and errors only\n"
    "  -h, --help, -?             this help;  -v, --version: the version\n";

constexpr std::string_view kTail =
    "Configuration, lowest precedence first: defaults, flyway.toml /\n"
    "flyway.user.toml / runway.toml (conf/ next to the install, home, working\n"
    "directory, -workingDirectory) or legacy flyway.conf, -configFiles,\n"
    "FLYWAY_* then RUNWAY_* environment variables, the command line.\n"
    "Every key is described in docs/configuration.md.\n"
    "\n"
    "Exit codes:\n"
    "  0  success\n"
    "  1  a migration or command failed\n"
    "  2  bad usage or configuration\n"
    "  3  cannot connect to the database, or the connection was lost\n"
    "  4  validation failed\n"
    "  5  the migration lock was not acquired in time (lockRetryCount)\n"
    "  6  outcome unknown: connection lost during COMMIT (run info)\n";

std::string general_help() {
  std::string text =
      "Usage: runway [options] <command> [<command>...] [options]\n"
      "       runway help <command>\n"
      "\n"
      "Runway runs Flyway SQL migrations: same files, same history table, "
      "same\n"
      "configuration. Several commands run in order: runway clean migrate "
      "info\n"
      "\n"
      "Commands:\n";
  for (const CommandHelp& command : kHelp) {
    std::string name(command.name);
    name.resize(16, ' ');
    text += "  " + name + std::string(command.summary) + "\n";
  }
  return text + "\n" + std::string(kOptions) + "\n" + std::string(kTail);
}

}  // namespace

std::string help_text(const std::string& topic) {
  auto found =
      std::find_if(kHelp.begin(), kHelp.end(),
                   [&](const CommandHelp& c) { return c.name == topic; });
  if (topic.empty() || found == kHelp.end() || found->details.empty()) {
    return general_help();
  }
  return "Usage: runway [options] " + topic + "\n\n" +
         std::string(found->summary) + ".\n" + std::string(found->details) +
         "\n" + std::string(kOptions) +
         "\nEvery key is described in docs/configuration.md.\n";
}

}  // namespace runway
