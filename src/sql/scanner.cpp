#include "scanner.hpp"

#include <algorithm>

#include "runway/core/error.hpp"

namespace runway::sql {

namespace {

constexpr std::size_t kExcerptChars = 100;

bool is_trim_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && is_trim_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_trim_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string position_text(Position p) {
  return "line " + std::to_string(p.line) + " col " + std::to_string(p.col);
}

}  // namespace

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'a' && a[i] <= 'z' ? static_cast<char>(a[i] - 32) : a[i];
    char y = b[i] >= 'a' && b[i] <= 'z' ? static_cast<char>(b[i] - 32) : b[i];
    if (x != y) return false;
  }
  return true;
}

std::string to_upper(std::string_view word) {
  std::string upper(word);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return upper;
}

std::string StatementText::excerpt() const {
  std::string_view sql = trimmed(text_);
  std::size_t chars = 0;
  std::size_t end = 0;
  for (; end < sql.size(); ++end) {
    bool starts_char = (static_cast<unsigned char>(sql[end]) & 0xC0) != 0x80;
    if (starts_char && ++chars > kExcerptChars) break;
  }
  return std::string(sql.substr(0, end));
}

int StatementText::text_line() const {
  int line = start_.line;
  for (char c : text_) {
    if (!is_trim_space(c)) break;
    if (c == '\n') ++line;  // CharReader counts lines by '\n' alone
  }
  return line;
}

int StatementText::text_column() const {
  int col = start_.col;
  for (char c : text_) {
    if (!is_trim_space(c)) break;
    col = c == '\n' ? 1 : col + 1;  // blanks are one byte each
  }
  return col;
}

std::string StatementText::take() {
  std::string sql(trimmed(text_));
  clear();
  return sql;
}

void StatementText::clear() {
  text_.clear();
  has_token_ = false;
  start_ = Position{};
  token_ = Position{};
}

void Keywords::add_word(std::string_view word) {
  if (words_.size() >= kMax || word.empty()) return;
  bool letters_only = std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  });
  if (letters_only) words_.push_back(to_upper(word));
}

void Keywords::add_symbol(std::string_view symbol) {
  if (words_.size() < kMax) words_.emplace_back(symbol);
}

std::size_t Keywords::find(std::string_view word, std::size_t from) const {
  for (std::size_t i = from; i < words_.size(); ++i) {
    if (words_[i] == word) return i;
  }
  return words_.size();
}

bool Scanner::looking_at(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (in_.peek(i) != static_cast<unsigned char>(text[i])) return false;
  }
  return true;
}

void Scanner::skip_rest_of_line() {
  for (int c = in_.peek(); c != CharReader::kEnd; c = in_.peek()) {
    if (in_.take() == '\n') return;
  }
}

void Scanner::scan_line_comment() {
  for (int c = in_.peek(); c != CharReader::kEnd && c != '\n'; c = in_.peek()) {
    advance_run('\n');
    if (in_.peek() != '\n' && in_.peek() != CharReader::kEnd) advance();
  }
}

void Scanner::scan_block_comment(bool nested, std::string_view what) {
  Position start = in_.position();
  advance(2);
  std::size_t depth = 0;
  for (;;) {
    advance_run('*', '/');
    int c = in_.peek();
    if (c == CharReader::kEnd) fail_unterminated(what, start);
    if (c == '*' && in_.peek(1) == '/') {
      advance(2);
      if (depth == 0) return;
      --depth;
    } else if (nested && c == '/' && in_.peek(1) == '*') {
      advance(2);
      ++depth;
    } else {
      advance();
    }
  }
}

void Scanner::scan_quoted(QuoteRules rules, std::string_view what,
                          Position start) {
  advance();  // the opening quote
  char escape = rules.backslash_escapes ? '\\' : rules.close;
  for (;;) {
    advance_run(rules.close, escape);
    int c = in_.peek();
    if (c == CharReader::kEnd) fail_unterminated(what, start);
    if (rules.backslash_escapes && c == '\\') {
      advance();
      if (in_.peek() == CharReader::kEnd) fail_unterminated(what, start);
      advance();
    } else if (c == static_cast<unsigned char>(rules.close)) {
      advance();
      if (!rules.doubled_close_escapes || in_.peek() != c) return;
      advance();
    } else {
      advance();
    }
  }
}

void Scanner::fail_unterminated(std::string_view what, Position start) {
  throw MigrationFileError(
      "", start.line,
      "Unterminated " + std::string(what) + " starting at " +
          position_text(start) + " in statement at " +
          position_text(text_.position()) + ": " + text_.excerpt());
}

void Scanner::fail_incomplete() {
  Position at = text_.position();
  throw MigrationFileError(
      "", at.line,
      "Incomplete statement at " + position_text(at) + ": " + text_.excerpt());
}

}  // namespace runway::sql
