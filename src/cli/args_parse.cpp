// Parsing the normalised arguments. The only translation unit that sees
// CLI11: it separates flags, commands (positionals) and `--key=value`
// settings (kept as "extras", in order); the Flyway rules on top — command
// names with suggestions, `help <command>`, `-outputType=json` — are ours.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>

#include "runway/cli/args.hpp"
#include "runway/config/suggest.hpp"
#include "runway/core/error.hpp"

namespace runway {
namespace {

constexpr std::array<std::string_view, 10> kCommands = {
    "migrate", "info",  "validate",       "baseline", "repair",
    "undo",    "clean", "testConnection", "help",     "version"};

bool is_command(const std::string& word) {
  return std::find(kCommands.begin(), kCommands.end(), word) != kCommands.end();
}

void check_command(const std::string& word) {
  if (is_command(word)) return;
  const std::string near = closest_match(
      word, std::vector<std::string>(kCommands.begin(), kCommands.end()));
  if (!near.empty()) {
    throw ConfigError("Invalid flag: " + word + ". Did you mean '" + near +
                      "'?");
  }
  std::string list;
  for (std::string_view command : kCommands) {
    list += list.empty() ? "" : ", ";
    list += command;
  }
  throw ConfigError("Invalid flag: " + word +
                    ". Runway's commands are: " + list);
}

std::pair<std::string, std::string> split_assignment(const std::string& extra) {
  // normalize_args() guarantees "--key=value" with a non-empty key.
  const std::string body = extra.substr(2);
  const auto equals = body.find('=');
  if (equals == std::string::npos) throw ConfigError("Invalid flag: " + extra);
  return {body.substr(0, equals), body.substr(equals + 1)};
}

void check_output_type(const std::string& value) {
  std::string word = value;
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  // Empty is the text output, as Flyway takes it (pipelines pass
  // -outputType="" for the default).
  if (word != "json" && !word.empty()) {
    throw ConfigError(
        "'" + value +
        "' is an invalid value for the -outputType option. Use 'json'.");
  }
}

// `help` and `version` are not run as commands: `help [topic]` sets help,
// `version` sets version.
void take_help_and_version(std::vector<std::string>& words, CommandLine& line) {
  std::vector<std::string> commands;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "version") {
      line.version = true;
    } else if (words[i] == "help") {
      line.help = true;
      if (i + 1 < words.size() && line.help_topic.empty())
        line.help_topic = words[++i];
    } else {
      commands.push_back(words[i]);
    }
  }
  if (line.help) {
    if (line.help_topic.empty() && !commands.empty())
      line.help_topic = commands.front();
    commands.clear();
  }
  line.commands = std::move(commands);
}

}  // namespace

std::span<const std::string_view> command_names() { return kCommands; }

CommandLine parse_command_line(const std::vector<std::string>& args) {
  std::vector<std::string> normal = normalize_args(args);
  CLI::App app{"runway"};
  app.set_help_flag();
  app.allow_extras();
  CommandLine line;
  std::vector<std::string> words;
  app.add_flag("-X", line.debug);
  app.add_flag("-q", line.quiet);
  app.add_flag("--help", line.help);
  app.add_flag("--version", line.version);
  app.add_option("commands", words);
  std::reverse(normal.begin(), normal.end());  // CLI11 takes argv reversed
  try {
    app.parse(normal);
  } catch (const CLI::ParseError& error) {
    throw ConfigError(std::string("Invalid command line: ") + error.what());
  }
  for (const std::string& word : words) check_command(word);
  for (const std::string& extra : app.remaining()) {
    auto assignment = split_assignment(extra);
    if (assignment.first == "outputType") check_output_type(assignment.second);
    line.assignments.push_back(std::move(assignment));
  }
  take_help_and_version(words, line);
  return line;
}

CommandLine parse_command_line(int argc, const char* const* argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return parse_command_line(args);
}

}  // namespace runway
