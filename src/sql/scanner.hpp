// Building blocks shared by the three splitters: the statement being
// collected, Flyway's keyword summary of it, and a Scanner that reads
// quotes and comments while recording the text the database will receive.
//
// Flyway's statement text rules (flyway-surface.md §8.3) live here: leading
// whitespace is dropped, leading comments are kept, the delimiter is not
// recorded, the result is trimmed, and a statement made only of comments is
// discarded. The statement's line is that of its first non-comment token.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "char_reader.hpp"

namespace runway::sql {

/// The text of the statement being collected and where it starts.
class StatementText {
 public:
  bool empty() const { return text_.empty(); }
  void append(char c, Position at) {
    if (text_.empty()) start_ = at;
    text_.push_back(c);
  }
  /// Appends the next `n` bytes of `in` (a run inside one token).
  void append_from(CharReader& in, std::size_t n) {
    if (text_.empty()) start_ = in.position();
    in.take_into(n, text_);
  }
  /// Records that a token other than a comment starts at `at`.
  void mark_token(Position at) {
    if (!has_token_) token_ = at;
    has_token_ = true;
  }
  bool has_token() const { return has_token_; }
  /// The first non-comment token, or the first recorded byte if none.
  Position position() const { return has_token_ ? token_ : start_; }
  /// The line and column where the trimmed text begins (take() drops the
  /// leading whitespace recorded).
  int text_line() const;
  int text_column() const;
  /// The first 100 characters of the trimmed text, for error messages.
  std::string excerpt() const;
  /// The trimmed text; the builder is empty afterwards.
  std::string take();
  void clear();

 private:
  std::string text_;
  Position start_;
  Position token_;
  bool has_token_ = false;
};

/// Flyway's "simplified statement": the words at parenthesis depth 0 that
/// consist of letters and underscores only, upper-cased, in order. Flyway
/// looks at the first 10; we keep a few more for our own extra rules.
class Keywords {
 public:
  static constexpr std::size_t kMax = 32;

  /// Adds `word` if it is a keyword and there is room.
  void add_word(std::string_view word);
  /// Adds a symbol Flyway keeps in the summary (MySQL's "@").
  void add_symbol(std::string_view symbol);
  std::size_t size() const { return words_.size(); }
  bool is(std::size_t i, std::string_view word) const {
    return i < words_.size() && words_[i] == word;
  }
  /// Index of the first `word` at or after `from`, or size() if none.
  std::size_t find(std::string_view word, std::size_t from = 0) const;
  bool contains(std::string_view word, std::size_t from = 0) const {
    return find(word, from) < size();
  }
  void clear() { words_.clear(); }

 private:
  std::vector<std::string> words_;
};

inline bool is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline bool is_digit(int c) { return c >= '0' && c <= '9'; }
/// ASCII letters, underscore and any byte of a multi-byte UTF-8 character.
inline bool is_word_start(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c >= 0x80;
}
bool equals_ignore_case(std::string_view a, std::string_view b);
std::string to_upper(std::string_view word);

/// How a quoted token ends and what escapes its closing character.
struct QuoteRules {
  char close;
  bool doubled_close_escapes;  ///< '' inside '...', "" inside "..."
  bool backslash_escapes;      ///< \' and \\ (E'...', MySQL strings)
};

/// Reads the script through a CharReader and records what it reads into
/// the current statement. Quotes and comments are read whole; running out
/// of input inside one is an error naming where it started.
class Scanner {
 public:
  explicit Scanner(TextSource& source) : in_(source) {}

  int peek(std::size_t ahead = 0) { return in_.peek(ahead); }
  Position position() const { return in_.position(); }
  /// True when the input continues with `text` (compared exactly).
  bool looking_at(std::string_view text);
  /// Consumes one byte and records it in the statement.
  char advance() {
    Position at = in_.position();
    char c = in_.take();
    text_.append(c, at);
    return c;
  }
  void advance(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) advance();
  }
  /// Consumes and records the loaded bytes up to the first `stop` or
  /// `other_stop`; the fast path through long strings, comments and
  /// dollar-quoted bodies.
  void advance_run(char stop, char other_stop) {
    std::string_view window = in_.window();
    std::size_t n = 0;
    while (n < window.size() && window[n] != stop && window[n] != other_stop)
      ++n;
    if (n > 0) text_.append_from(in_, n);
  }
  void advance_run(char stop) { advance_run(stop, stop); }
  /// Consumes one byte without recording it.
  void skip() { in_.take(); }
  /// Consumes input up to and including the next newline, unrecorded.
  void skip_rest_of_line();

  /// A comment running to the end of the line (newline not consumed).
  void scan_line_comment();
  /// A /* ... */ comment starting under the cursor. Nested comments count
  /// when `nested` (PostgreSQL, MySQL per Flyway); SQLite does not nest.
  void scan_block_comment(bool nested, std::string_view what);
  /// A quoted token whose opening character is under the cursor; `start`
  /// is where it began (before any prefix such as E or U&).
  void scan_quoted(QuoteRules rules, std::string_view what, Position start);

  [[noreturn]] void fail_unterminated(std::string_view what, Position start);
  [[noreturn]] void fail_incomplete();

  CharReader& reader() { return in_; }
  StatementText& text() { return text_; }

 private:
  CharReader in_;
  StatementText text_;
};

}  // namespace runway::sql
