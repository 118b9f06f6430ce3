// SQLite splitter (Flyway's SQLiteParser, flyway-surface.md §8.8, with the
// tokens SQLite itself accepts). A semicolon ends a statement unless it is
// inside a quote, a comment, parentheses or a trigger body.
//
// Quotes: '...' strings and X'...' blobs with '', "..." and `...`
// identifiers with doubled quotes, [...] identifiers (SQLite accepts them;
// Flyway does not). Comments: -- and /* */, which SQLite does not nest.
// Trigger bodies: in a statement starting CREATE [TEMP|TEMPORARY] TRIGGER,
// BEGIN and CASE at parenthesis depth 0 open a block and END closes one.
// Unlike Flyway, BEGIN outside a trigger is not counted, so a script may
// run BEGIN; ... COMMIT; (Flyway reports an incomplete statement).
#include <string>

#include "classify.hpp"
#include "scanner.hpp"
#include "splitters.hpp"

namespace runway::sql {

namespace {

enum class Boundary { kDelimiter, kEndOfInput };

bool is_word_char(int c) { return is_word_start(c) || is_digit(c) || c == '$'; }

class SqliteSplitter final : public StatementSplitter {
 public:
  explicit SqliteSplitter(TextSource& source) : scan_(source) {}
  bool next(Statement& out) override;
  bool read_copy_data(std::string& chunk) override {
    chunk.clear();
    return false;
  }

 private:
  Boundary scan_statement();
  void scan_token(int c);
  void scan_word(Position at);
  bool in_trigger() const;
  void reset_statement();

  Scanner scan_;
  Keywords keywords_;
  std::size_t paren_depth_ = 0;
  std::size_t block_depth_ = 0;
  Position block_start_;
};

bool SqliteSplitter::next(Statement& out) {
  for (;;) {
    Boundary boundary = scan_statement();
    if (scan_.text().has_token()) {
      out.line = scan_.text().position().line;
      out.text_line = scan_.text().text_line();
      out.text_column = scan_.text().text_column();
      out.sql = scan_.text().take();
      out.kind = StatementKind::kSql;
      out.non_transactional = sqlite_non_transactional(keywords_);
      out.changes_session_state = false;
      reset_statement();
      return true;
    }
    reset_statement();  // nothing but comments: Flyway drops it
    if (boundary == Boundary::kEndOfInput) return false;
  }
}

Boundary SqliteSplitter::scan_statement() {
  for (;;) {
    int c = scan_.peek();
    if (c == CharReader::kEnd) {
      if (block_depth_ > 0)
        scan_.fail_unterminated("BEGIN ... END block", block_start_);
      if (paren_depth_ > 0) scan_.fail_incomplete();
      return Boundary::kEndOfInput;
    }
    if (c == ';' && paren_depth_ == 0 && block_depth_ == 0) {
      scan_.skip();
      return Boundary::kDelimiter;
    }
    scan_token(c);
  }
}

void SqliteSplitter::scan_token(int c) {
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
    return scan_.scan_block_comment(false, "block comment");
  scan_.text().mark_token(at);
  switch (c) {
    case '\'':
      return scan_.scan_quoted({'\'', true, false}, "quoted string", at);
    case '"':
      return scan_.scan_quoted({'"', true, false}, "quoted identifier", at);
    case '`':
      return scan_.scan_quoted({'`', true, false}, "quoted identifier", at);
    case '[':
      return scan_.scan_quoted({']', false, false}, "quoted identifier", at);
    case '(':
      ++paren_depth_;
      break;
    case ')':
      if (paren_depth_ > 0) --paren_depth_;
      break;
    default:
      break;
  }
  if ((c == 'x' || c == 'X') && scan_.peek(1) == '\'') {
    scan_.advance();
    return scan_.scan_quoted({'\'', true, false}, "quoted string", at);
  }
  if (is_word_start(c)) return scan_word(at);
  if (is_digit(c)) {
    while (is_word_char(scan_.peek()) || scan_.peek() == '.') scan_.advance();
    return;
  }
  scan_.advance();
}

void SqliteSplitter::scan_word(Position at) {
  std::string word;
  while (is_word_char(scan_.peek())) word.push_back(scan_.advance());
  if (paren_depth_ > 0) return;
  keywords_.add_word(word);
  if (!in_trigger()) return;
  if (equals_ignore_case(word, "BEGIN") || equals_ignore_case(word, "CASE")) {
    if (block_depth_++ == 0) block_start_ = at;
  } else if (equals_ignore_case(word, "END") && block_depth_ > 0) {
    --block_depth_;
  }
}

bool SqliteSplitter::in_trigger() const {
  const Keywords& k = keywords_;
  if (!k.is(0, "CREATE")) return false;
  std::size_t kind = k.is(1, "TEMP") || k.is(1, "TEMPORARY") ? 2 : 1;
  return k.is(kind, "TRIGGER");
}

void SqliteSplitter::reset_statement() {
  scan_.text().clear();
  keywords_.clear();
  paren_depth_ = 0;
  block_depth_ = 0;
}

}  // namespace

std::unique_ptr<StatementSplitter> make_sqlite_splitter(TextSource& source) {
  return std::make_unique<SqliteSplitter>(source);
}

}  // namespace runway::sql
