// Legacy flyway.conf files (flyway-surface.md §1.4): Java properties, read
// the way Flyway reads them. Flyway doubles every backslash before handing
// the text to java.util.Properties, so backslashes are literal (Windows
// paths survive) except a trailing one, which continues the value on the
// next line (whose leading blanks are dropped). `#` and `!` start comments;
// the key ends at the first `=`, `:` or blank. `${NAME}` is replaced by the
// OS environment variable NAME (empty if unset). Only `flyway.*` keys are
// configuration; lists are comma-separated and trimmed when typed.
#include <cctype>

#include "key_routing.hpp"
#include "runway/config/sources.hpp"

namespace runway {
namespace {

struct LogicalLine {
  std::string text;
  int line = 0;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

std::string strip_leading_blanks(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && is_blank(text[i])) ++i;
  return text.substr(i);
}

std::vector<LogicalLine> logical_lines(const std::string& text) {
  std::vector<LogicalLine> lines;
  std::size_t pos = 0;
  int number = 0;
  bool continuing = false;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string physical = text.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (!physical.empty() && physical.back() == '\r') physical.pop_back();
    if (continuing) {
      physical = strip_leading_blanks(physical);
      lines.back().text += physical;
    } else {
      lines.push_back(LogicalLine{physical, number});
    }
    continuing = !lines.back().text.empty() && lines.back().text.back() == '\\';
    if (continuing) lines.back().text.pop_back();
  }
  return lines;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

std::string expand_variables(const std::string& value,
                             const std::map<std::string, std::string>& env) {
  std::string out;
  std::size_t pos = 0;
  while (pos < value.size()) {
    if (value.compare(pos, 2, "${") == 0) {
      std::size_t end = pos + 2;
      while (end < value.size() && is_name_char(value[end])) ++end;
      if (end > pos + 2 && end < value.size() && value[end] == '}') {
        auto found = env.find(value.substr(pos + 2, end - pos - 2));
        if (found != env.end()) out += found->second;
        pos = end + 1;
        continue;
      }
    }
    out += value[pos++];
  }
  return out;
}

// Splits "key = value" / "key: value" / "key value".
std::pair<std::string, std::string> split_property(const std::string& line) {
  std::size_t end = 0;
  while (end < line.size() && line[end] != '=' && line[end] != ':' &&
         !is_blank(line[end])) {
    ++end;
  }
  std::string key = line.substr(0, end);
  std::size_t value = end;
  while (value < line.size() && is_blank(line[value])) ++value;
  if (value < line.size() && (line[value] == '=' || line[value] == ':')) {
    ++value;
    while (value < line.size() && is_blank(line[value])) ++value;
  }
  return {key, line.substr(value)};
}

}  // namespace

SourceValues load_conf(const std::string& text, const std::string& path,
                       const std::map<std::string, std::string>& env) {
  std::string_view body = text;
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  SourceValues out;
  for (const LogicalLine& line : logical_lines(std::string(body))) {
    const std::string content = strip_leading_blanks(line.text);
    if (content.empty() || content[0] == '#' || content[0] == '!') continue;
    auto [name, value] = split_property(content);
    Origin origin{Origin::Kind::kFile, path, line.line, 0};
    if (!name.starts_with("flyway.")) {
      out.notes.push_back("Ignoring '" + name + "' in " + origin.position() +
                          " (not a flyway.* key)");
      continue;
    }
    const std::string key = name.substr(7);
    auto routed = route_root_key(key, false);
    if (!routed) {
      throw_unknown_key(name, key, SettingScope::kFlyway, true, origin);
    }
    out.assignments.push_back(make_text_assignment(
        *routed, expand_variables(value, env), origin, name));
  }
  return out;
}

}  // namespace runway
