// Script settings. Flyway reads `<script>.sql.conf` with java.util.Properties
// after trimming every line and doubling backslashes (so backslashes are
// literal): `key=value`, `key: value` or `key value`, `#` and `!` comments.
// Booleans are "true"/"false" in any case; anything else is an error, as is
// any key other than the three below (Flyway Teams' shouldExecute included:
// silently running a script that was meant to be skipped would be worse).
//
// The directive comment is ours (Flyway has none): migration guides write
// `-- flyway:executeInTransaction=false` at the top of a script, so we read
// such lines from the script's header (blank lines and comments before the
// first statement) and let a `.sql.conf` value win when both are given.
#include "runway/core/script_config.hpp"

#include <cstring>
#include <map>
#include <vector>

#include "runway/core/error.hpp"

namespace runway {
namespace {

constexpr std::string_view kWhitespace = " \t\f\v";

std::string_view trim(std::string_view text) {
  std::size_t start = text.find_first_not_of(kWhitespace);
  if (start == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(kWhitespace);
  return text.substr(start, end - start + 1);
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) return false;
  }
  return true;
}

// The lines of a text one at a time, split at '\n', '\r\n' and a lone
// '\r', as Java reads lines. Lazy: the directive scan stops at the first
// statement, and a script's head can be 64 KiB of lines.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {}

  bool next(std::string_view& line) {
    if (pos_ > text_.size()) return false;
    // memchr rather than a loop over bytes: the head of every script of a
    // scan passes here.
    const char* begin = text_.data() + pos_;
    const std::size_t rest = text_.size() - pos_;
    const void* lf = std::memchr(begin, '\n', rest);
    const std::size_t limit =
        lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - begin)
           : rest;
    const void* cr = std::memchr(begin, '\r', limit);
    const std::size_t end =
        pos_ +
        (cr ? static_cast<std::size_t>(static_cast<const char*>(cr) - begin)
            : limit);
    line = text_.substr(pos_, end - pos_);
    if (end == text_.size()) {
      pos_ = text_.size() + 1;  // that was the last line
    } else {
      pos_ = end + (text_.compare(end, 2, "\r\n") == 0 ? 2 : 1);
    }
    return true;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  LineCursor cursor(text);
  for (std::string_view line; cursor.next(line);) lines.push_back(line);
  return lines;
}

bool parse_boolean(std::string_view key, std::string_view value,
                   const std::string& file, int line) {
  if (equals_ignoring_case(value, "true")) return true;
  if (equals_ignoring_case(value, "false")) return false;
  throw MigrationFileError(
      file, line,
      "Invalid value for " + std::string(key) +
          " (should be either true or false): " + std::string(value),
      "CONFIGURATION");
}

// Sets a known key; returns false for an unknown one.
bool apply_setting(ScriptConfig& config, std::string_view key,
                   std::string_view value, const std::string& file, int line) {
  if (key == "executeInTransaction") {
    config.execute_in_transaction = parse_boolean(key, value, file, line);
  } else if (key == "encoding") {
    config.encoding = std::string(value);
  } else if (key == "placeholderReplacement") {
    config.placeholder_replacement = parse_boolean(key, value, file, line);
  } else {
    return false;
  }
  return true;
}

[[noreturn]] void fail_unknown(const std::vector<std::string>& keys,
                               const std::string& file, int line,
                               std::string_view where) {
  std::string joined;
  for (const std::string& key : keys) {
    if (!joined.empty()) joined += ",";
    joined += key;
  }
  throw MigrationFileError(file, line,
                           std::string("Unknown configuration ") +
                               (keys.size() == 1 ? "property" : "properties") +
                               ": " + joined + ". Please check your " +
                               std::string(where),
                           "CONFIGURATION");
}

// One java.util.Properties entry: key ends at '=', ':' or whitespace.
std::pair<std::string_view, std::string_view> split_property(
    std::string_view line) {
  std::size_t end = line.find_first_of("=: \t\f");
  if (end == std::string_view::npos) return {line, {}};
  std::string_view key = line.substr(0, end);
  std::string_view rest = line.substr(end);
  std::size_t pos = rest.find_first_not_of(kWhitespace);
  if (pos != std::string_view::npos && (rest[pos] == '=' || rest[pos] == ':')) {
    ++pos;
  }
  rest = pos == std::string_view::npos ? std::string_view{} : rest.substr(pos);
  return {key, trim(rest)};
}

// Properties lines with continuations (a trailing '\' followed by a
// non-empty line) joined.
std::vector<std::string> logical_lines(std::string_view text) {
  std::vector<std::string_view> lines = split_lines(text);
  std::vector<std::string> joined;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string line(trim(lines[i]));
    while (!line.empty() && line.back() == '\\' && i + 1 < lines.size() &&
           !lines[i + 1].empty()) {
      line.pop_back();
      line += trim(lines[++i]);
    }
    joined.push_back(std::move(line));
  }
  return joined;
}

}  // namespace

ScriptConfig parse_script_config(std::string_view text,
                                 const std::string& file) {
  // Like java.util.Properties: the last occurrence of a key wins. Values
  // are checked in Flyway's order (booleans first, then unknown keys).
  std::map<std::string, std::string> entries;
  for (const std::string& line : logical_lines(text)) {
    if (line.empty() || line[0] == '#' || line[0] == '!') continue;
    auto [key, value] = split_property(line);
    entries[std::string(key)] = std::string(value);
  }
  ScriptConfig config;
  std::vector<std::string> unknown;
  for (const char* key :
       {"executeInTransaction", "encoding", "placeholderReplacement"}) {
    auto found = entries.find(key);
    if (found == entries.end()) continue;
    apply_setting(config, key, found->second, file, 0);
    entries.erase(found);
  }
  for (const auto& entry : entries) unknown.push_back(entry.first);
  if (!unknown.empty()) fail_unknown(unknown, file, 0, "script config files");
  return config;
}

ScriptConfig parse_script_directives(std::string_view head,
                                     const std::string& file) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  ScriptConfig config;
  bool in_block_comment = false;
  int line_number = 0;
  LineCursor cursor(head);
  for (std::string_view raw; cursor.next(raw);) {
    ++line_number;
    std::string_view line = trim(raw);
    if (in_block_comment || line.starts_with("/*")) {
      std::size_t close = line.find("*/", in_block_comment ? 0 : 2);
      in_block_comment = close == std::string_view::npos;
      if (!in_block_comment && !trim(line.substr(close + 2)).empty()) break;
      continue;
    }
    if (line.empty()) continue;
    if (!line.starts_with("--")) break;
    std::string_view body = trim(line.substr(2));
    std::size_t colon = body.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view tool = body.substr(0, colon);
    if (!equals_ignoring_case(tool, "flyway") &&
        !equals_ignoring_case(tool, "runway")) {
      continue;
    }
    std::string_view setting = body.substr(colon + 1);
    std::size_t equals = setting.find('=');
    if (equals == std::string_view::npos) continue;
    std::string_view key = trim(setting.substr(0, equals));
    if (key.empty() || key.find_first_of(" \t") != std::string_view::npos) {
      continue;  // prose such as "-- flyway: note that a = b"
    }
    std::string_view value = trim(setting.substr(equals + 1));
    if (!apply_setting(config, key, value, file, line_number)) {
      fail_unknown({std::string(key)}, file, line_number, "script directives");
    }
  }
  return config;
}

ScriptConfig merge_script_config(const ScriptConfig& conf,
                                 const ScriptConfig& directive) {
  ScriptConfig merged;
  merged.execute_in_transaction = conf.execute_in_transaction
                                      ? conf.execute_in_transaction
                                      : directive.execute_in_transaction;
  merged.encoding = conf.encoding ? conf.encoding : directive.encoding;
  merged.placeholder_replacement = conf.placeholder_replacement
                                       ? conf.placeholder_replacement
                                       : directive.placeholder_replacement;
  return merged;
}

}  // namespace runway
