// PostgreSQL splitter: finds statement boundaries the way `psql -f` does
// (src/fe_utils/psqlscan.l), because that is where users test their
// scripts, while keeping Flyway's statement text conventions (scanner.hpp).
//
// A semicolon ends a statement unless it sits inside a quote, a comment,
// parentheses or a routine body. Quotes: '...' with '' (and backslash
// escapes while the script has set standard_conforming_strings off), E'...'
// (either case) with backslash escapes and psql's continuation of a string
// across a newline, B'', X'', N'', U&'' strings, "..." and U&"..."
// identifiers, $tag$ dollar quotes whose tag is an identifier without '$'
// ($1 is a parameter, a$b an identifier). Comments: -- and nested /* */.
// Routine bodies: psql's heuristic for CREATE [OR REPLACE] FUNCTION |
// PROCEDURE ... BEGIN ATOMIC ... END. COPY ... FROM STDIN is followed by
// data lines up to a line `\.`, streamed through read_copy_data.
//
// psql meta-commands (\set, \i, \copy, ...) are not interpreted: a
// backslash outside COPY data is ordinary text sent to the server.
#include <string>

#include "classify.hpp"
#include "routine_body.hpp"
#include "scanner.hpp"
#include "splitters.hpp"

namespace runway::sql {

namespace {

constexpr std::size_t kCopyChunkBytes = 64 * 1024;

enum class Boundary { kDelimiter, kEndOfInput };

bool is_dollar_tag_char(int c) { return is_word_start(c) || is_digit(c); }

class PostgresSplitter final : public StatementSplitter {
 public:
  explicit PostgresSplitter(TextSource& source) : scan_(source) {}
  bool next(Statement& out) override;
  bool read_copy_data(std::string& chunk) override;

 private:
  Boundary scan_statement();
  void scan_token(int c);
  void scan_prefixed_or_word(int c, Position at);
  void scan_word(Position at);
  void scan_string(bool backslash_escapes, Position at);
  void continue_string(Position at);
  void scan_dollar();
  void scan_number();
  void finish(Statement& out, Boundary boundary);
  void reset_statement();

  Scanner scan_;
  Keywords keywords_;
  RoutineBody routine_;
  std::size_t paren_depth_ = 0;
  bool concurrently_ = false;
  bool standard_strings_ = true;
  bool copy_open_ = false;
};

bool PostgresSplitter::next(Statement& out) {
  std::string unread;
  while (copy_open_) read_copy_data(unread);  // caller skipped the data
  for (;;) {
    Boundary boundary = scan_statement();
    if (scan_.text().has_token()) {
      finish(out, boundary);
      return true;
    }
    reset_statement();  // nothing but comments: Flyway drops it
    if (boundary == Boundary::kEndOfInput) return false;
  }
}

Boundary PostgresSplitter::scan_statement() {
  for (;;) {
    int c = scan_.peek();
    if (c == CharReader::kEnd) {
      if (routine_.depth() > 0)
        scan_.fail_unterminated("BEGIN ... END block", routine_.start());
      if (paren_depth_ > 0) scan_.fail_incomplete();
      return Boundary::kEndOfInput;
    }
    if (c == ';' && paren_depth_ == 0 && routine_.depth() == 0) {
      scan_.skip();
      return Boundary::kDelimiter;
    }
    scan_token(c);
  }
}

void PostgresSplitter::scan_token(int c) {
  Position at = scan_.position();
  if (is_space(c)) {
    if (scan_.text().empty()) {
      scan_.skip();  // whitespace before a statement is not recorded
    } else {
      scan_.advance();
    }
    return;
  }
  if (c == '-' && scan_.peek(1) == '-') return scan_.scan_line_comment();
  if (c == '/' && scan_.peek(1) == '*')
    return scan_.scan_block_comment(true, "block comment");
  scan_.text().mark_token(at);
  if (c == '\'') return scan_string(!standard_strings_, at);
  if (c == '"')
    return scan_.scan_quoted({'"', true, false}, "quoted identifier", at);
  if (c == '$') return scan_dollar();
  if (c == '(') ++paren_depth_;
  if (c == ')' && paren_depth_ > 0) --paren_depth_;
  if (is_word_start(c)) return scan_prefixed_or_word(c, at);
  if (is_digit(c) || (c == '.' && is_digit(scan_.peek(1))))
    return scan_number();
  scan_.advance();
}

// A letter may open a string (E'', B'', X'', N'', U&'') or a U&"" name.
void PostgresSplitter::scan_prefixed_or_word(int c, Position at) {
  int lower = c < 0x80 ? (c | 0x20) : c;
  int next = scan_.peek(1);
  if (next == '\'') {
    if (lower == 'e' || lower == 'b' || lower == 'x') {
      scan_.advance();
      return scan_string(lower == 'e', at);
    }
    if (lower == 'n') {
      scan_.advance();  // N'...' is an ordinary string after the N
      return;
    }
  }
  if (lower == 'u' && next == '&') {
    int quote = scan_.peek(2);
    if (quote == '\'' || quote == '"') {
      scan_.advance(2);
      if (quote == '\'') return scan_string(false, at);
      return scan_.scan_quoted({'"', true, false}, "quoted identifier", at);
    }
    scan_.advance();  // psql: a lone U& is not an identifier
    return;
  }
  scan_word(at);
}

void PostgresSplitter::scan_word(Position at) {
  std::string word;
  for (int c = scan_.peek(); is_word_start(c) || is_digit(c) || c == '$';
       c = scan_.peek())
    word.push_back(scan_.advance());
  if (paren_depth_ == 0) keywords_.add_word(word);
  if (equals_ignore_case(word, "CONCURRENTLY")) concurrently_ = true;
  routine_.on_identifier(word, paren_depth_ == 0, at);
}

void PostgresSplitter::scan_string(bool backslash_escapes, Position at) {
  scan_.scan_quoted({'\'', true, backslash_escapes}, "quoted string", at);
  if (backslash_escapes) continue_string(at);
}

// The server joins 'a'<newline>'b' into one literal, and a string with
// backslash escapes keeps them in its continuation, so '\'' after the
// newline must not end the statement. (psql's lexer has the same rule but
// feeds it one line at a time, so `psql -f` cuts such a statement at the
// first quote and the server then rejects both halves; Flyway cuts it
// too. We follow the server: no working script splits differently.)
void PostgresSplitter::continue_string(Position at) {
  for (;;) {
    bool newline = false;
    for (int c = scan_.peek();; c = scan_.peek()) {
      if (c == '\n' || c == '\r') {
        newline = true;
        scan_.advance();
      } else if (c == ' ' || c == '\t' || c == '\f') {
        scan_.advance();
      } else if (c == '-' && scan_.peek(1) == '-') {
        scan_.scan_line_comment();
      } else {
        break;
      }
    }
    if (!newline || scan_.peek() != '\'') return;
    scan_.scan_quoted({'\'', true, true}, "quoted string", at);
  }
}

// $tag$ opens a dollar quote when the tag is empty or an identifier without
// '$'; $1 is a parameter; any other '$' is an ordinary character.
void PostgresSplitter::scan_dollar() {
  int next = scan_.peek(1);
  if (is_digit(next)) {
    scan_.advance();
    while (is_digit(scan_.peek())) scan_.advance();
    return;
  }
  std::size_t end = 1;
  if (is_word_start(next)) {
    while (is_dollar_tag_char(scan_.peek(end))) ++end;
  }
  if (scan_.peek(end) != '$') {
    scan_.advance();  // not a dollar quote: an ordinary character
    return;
  }
  Position start = scan_.position();
  std::string tag;
  for (std::size_t i = 0; i <= end; ++i) tag.push_back(scan_.advance());
  for (;;) {
    scan_.advance_run('$');
    int c = scan_.peek();
    if (c == CharReader::kEnd)
      scan_.fail_unterminated("dollar-quoted string " + tag, start);
    if (c == '$' && scan_.looking_at(tag)) return scan_.advance(tag.size());
    scan_.advance();
  }
}

void PostgresSplitter::scan_number() {
  while (is_digit(scan_.peek())) scan_.advance();
  if (scan_.peek() == '.' && scan_.peek(1) != '.') {
    scan_.advance();
    while (is_digit(scan_.peek())) scan_.advance();
  }
  if (scan_.peek() == 'e' || scan_.peek() == 'E') {
    std::size_t sign = scan_.peek(1) == '+' || scan_.peek(1) == '-' ? 1 : 0;
    if (!is_digit(scan_.peek(1 + sign))) return;
    scan_.advance(1 + sign);
    while (is_digit(scan_.peek())) scan_.advance();
  }
}

void PostgresSplitter::finish(Statement& out, Boundary boundary) {
  out.line = scan_.text().position().line;
  out.text_line = scan_.text().text_line();
  out.text_column = scan_.text().text_column();
  out.sql = scan_.text().take();
  bool copy = is_copy_from_stdin(keywords_);
  out.kind = copy ? StatementKind::kCopyFromStdin : StatementKind::kSql;
  out.non_transactional = postgres_non_transactional(keywords_, concurrently_);
  out.changes_session_state = postgres_changes_role(keywords_);
  if (keywords_.is(0, "SET") || keywords_.is(0, "RESET")) {
    if (auto on = standard_strings_after(out.sql)) standard_strings_ = *on;
  }
  if (copy) {
    // The rest of the COPY line is ignored; data starts on the next line.
    if (boundary == Boundary::kDelimiter) scan_.skip_rest_of_line();
    copy_open_ = true;
  }
  reset_statement();
}

void PostgresSplitter::reset_statement() {
  scan_.text().clear();
  keywords_.clear();
  routine_ = RoutineBody{};
  paren_depth_ = 0;
  concurrently_ = false;
}

// Data lines are passed on unchanged, in chunks of whole lines; the end
// marker is a line that is exactly \. (psql), or the end of the script.
bool PostgresSplitter::read_copy_data(std::string& chunk) {
  chunk.clear();
  while (copy_open_ && chunk.size() < kCopyChunkBytes) {
    std::size_t line_start = chunk.size();
    if (!scan_.reader().read_line(chunk)) {
      copy_open_ = false;
      break;
    }
    std::string_view line(chunk.data() + line_start, chunk.size() - line_start);
    if (line == "\\.\n" || line == "\\.\r\n" || line == "\\.") {
      chunk.resize(line_start);
      copy_open_ = false;
    } else if (line.back() != '\n') {
      chunk.push_back('\n');
    }
  }
  return !chunk.empty();
}

}  // namespace

std::unique_ptr<StatementSplitter> make_postgres_splitter(TextSource& source) {
  return std::make_unique<PostgresSplitter>(source);
}

}  // namespace runway::sql
