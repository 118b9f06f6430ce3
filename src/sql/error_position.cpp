// Script positions of server errors: PostgreSQL's character position, the
// line a MySQL/MariaDB parse error names (see error_position.hpp).
#include "runway/sql/error_position.hpp"

#include <algorithm>
#include <cstddef>

namespace runway::sql {

namespace {

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The byte offset of the 1-based UTF-8 character `char_position` (the
// text's size for the position just past its end).
std::optional<std::size_t> byte_offset_of(std::string_view text,
                                          int char_position) {
  if (char_position <= 0) return std::nullopt;
  int seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation_byte(text[i])) continue;
    if (++seen == char_position) return i;
  }
  // "syntax error at end of input" points just past the last character.
  if (seen + 1 == char_position) return text.size();
  return std::nullopt;
}

int newlines(std::string_view text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::optional<ScriptPosition> locate_in_script(std::string_view statement,
                                               int text_line, int text_column,
                                               int char_position) {
  const std::optional<std::size_t> at =
      byte_offset_of(statement, char_position);
  if (!at) return std::nullopt;
  const std::string_view before = statement.substr(0, *at);
  const std::size_t line_start = before.rfind('\n');
  const std::string_view on_line = line_start == std::string_view::npos
                                       ? before
                                       : before.substr(line_start + 1);
  ScriptPosition p;
  p.line = text_line + newlines(before);
  // On the text's first line, columns go on from where the text begins.
  p.column = (line_start == std::string_view::npos ? text_column : 1) +
             static_cast<int>(std::count_if(
                 on_line.begin(), on_line.end(),
                 [](char c) { return !is_continuation_byte(c); }));
  return p;
}

std::optional<int> mysql_error_line(std::string_view message) {
  constexpr std::string_view kAtLine = " at line ";
  const std::size_t at = message.rfind(kAtLine);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view digits = message.substr(at + kAtLine.size());
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  int line = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    line = line * 10 + (c - '0');
  }
  if (line == 0) return std::nullopt;
  return line;
}

std::optional<std::string> psql_meta_command_at(std::string_view statement,
                                                int char_position) {
  const std::optional<std::size_t> at =
      byte_offset_of(statement, char_position);
  if (!at || *at >= statement.size() || statement[*at] != '\\')
    return std::nullopt;
  for (std::size_t i = *at; i > 0 && statement[i - 1] != '\n'; --i) {
    const char c = statement[i - 1];
    if (c != ' ' && c != '\t' && c != '\r') return std::nullopt;
  }
  std::size_t end = *at + 1;
  while (end < statement.size() && is_letter(statement[end])) ++end;
  if (end == *at + 1) return std::nullopt;
  return std::string(statement.substr(*at, end - *at));
}

}  // namespace runway::sql
