// Flyway's argument forms (flyway-surface.md §3), rewritten into the
// double-dash forms CLI11 parses. Flyway reads every `-name=value` as a
// setting (split at the first `=`), a few fixed flags, and every argument
// not starting with `-` as a command; any other `-word` is
// `Invalid flag: -word`. We accept two dashes everywhere too.
#include <array>

#include "runway/cli/args.hpp"
#include "runway/core/error.hpp"

namespace runway {
namespace {

struct Flag {
  std::string_view name;    ///< without dashes
  std::string_view normal;  ///< "" = dropped
};

constexpr std::array kFlags = {
    Flag{"X", "-X"},
    Flag{"q", "-q"},
    Flag{"h", "--help"},
    Flag{"?", "--help"},
    Flag{"help", "--help"},
    Flag{"v", "--version"},
    Flag{"version", "--version"},
    Flag{"migrationIds", "--migrationIds=true"},
    Flag{"n", ""},  // Flyway ≤ 11.8: suppress prompts; Runway never prompts
    Flag{"skipCheckForUpdate", ""},
    Flag{"communityFallback", ""},
};

std::string_view strip_dashes(std::string_view arg) {
  if (arg.starts_with("--")) return arg.substr(2);
  return arg.substr(1);
}

[[noreturn]] void throw_spaced(const std::string& arg) {
  throw ConfigError("Invalid configuration argument: " + arg +
                    ". Please check you have not included any spaces in your "
                    "configuration argument.");
}

}  // namespace

std::vector<std::string> normalize_args(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.empty()) continue;
    const bool spaced_next =
        i + 1 < args.size() && args[i + 1].starts_with("=");
    if (arg[0] != '-') {
      if (arg[0] == '=') throw_spaced(i > 0 ? args[i - 1] + " " + arg : arg);
      if (spaced_next) throw_spaced(arg + " " + args[i + 1]);
      out.push_back(arg);
      continue;
    }
    const std::string_view body = strip_dashes(arg);
    const auto equals = body.find('=');
    if (equals != std::string_view::npos) {
      if (equals == 0)
        throw ConfigError("Invalid configuration argument: " + arg);
      out.push_back("--" + std::string(body));
      continue;
    }
    if (spaced_next) throw_spaced(arg + " " + args[i + 1]);
    const Flag* flag = nullptr;
    for (const Flag& candidate : kFlags) {
      if (candidate.name == body && (arg[1] != '-' || body.size() > 1))
        flag = &candidate;
    }
    if (flag == nullptr || body.empty())
      throw ConfigError("Invalid flag: " + arg);
    if (!flag->normal.empty()) out.emplace_back(flag->normal);
  }
  return out;
}

}  // namespace runway
