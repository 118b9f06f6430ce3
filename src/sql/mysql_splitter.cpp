// MySQL / MariaDB splitter: Flyway's MySQLParser and MariaDBParser
// (flyway-surface.md §8.7), with the mysql client's view where the two
// differ in ways a working script would notice.
//
// Quotes: '...' and "..." strings with backslash escapes and doubled quotes
// (NO_BACKSLASH_ESCAPES and ANSI_QUOTES are not considered), `...`
// identifiers. Comments: # and "-- " (a space or end of line after the
// dashes, as the server requires: 5--3 is arithmetic) to the end of the
// line, /* */ nested as Flyway nests them. /*!NNNNN ... */ (five digits)
// is an executable comment: statement content, so
// `/*!40101 SET NAMES utf8 */;` is sent. /*! ... */ without a version and
// MariaDB's /*M! ... */ are plain comments, as in Flyway: a statement made
// of nothing else is not sent (mariadb-dump's `/*M!100616 SET
// NOTE_VERBOSITY=0 */;`, which a MySQL server would refuse as empty).
//
// `DELIMITER x` (any case) as the first token of a statement, or the first
// word of a line inside one (then an error, as in Flyway), sets the
// delimiter to the next word on that line, or when there is none to the
// first word of the next line that is not blank (Flyway's reading; the
// mysql client refuses it); the lines themselves are not sent.
// With the default `;`, a delimiter ends a statement only outside
// parentheses and blocks: BEGIN opens one in stored programs (CREATE
// [OR REPLACE] [DEFINER=...] [AGGREGATE] PROCEDURE|FUNCTION|EVENT|TRIGGER,
// a superset of Flyway's regex), CASE opens one unless it follows END, the
// token after END closes one unless it is IF, LOOP, REPEAT or WHILE, and
// MariaDB's BEGIN NOT ATOMIC opens one anywhere. With any other delimiter
// the delimiter alone ends a statement, as in the mysql client.
// The client's backslash commands (\G, \d, ...) are not interpreted.
#include <algorithm>
#include <string>
#include <string_view>

#include "runway/core/error.hpp"
#include "scanner.hpp"
#include "splitters.hpp"

namespace runway::sql {

namespace {

enum class Boundary { kDelimiter, kEndOfInput };

bool is_word_char(int c) { return is_word_start(c) || is_digit(c) || c == '$'; }

// Whether `sql` names a user variable (`@x`, `@'x'`; not `@@x`, nor the
// `@` of `'user'@'host'`): Flyway sets every user variable back to NULL
// after each migration (#2197).
bool names_user_variable(std::string_view sql) {
  for (std::size_t at = sql.find('@'); at != std::string_view::npos;
       at = sql.find('@', at + 1)) {
    const char before = at == 0 ? ' ' : sql[at - 1];
    const char after = at + 1 < sql.size() ? sql[at + 1] : ' ';
    const bool joined = is_word_char(static_cast<unsigned char>(before)) ||
                        before == '@' || before == '\'' || before == '"' ||
                        before == '`';
    const bool names = is_word_char(static_cast<unsigned char>(after)) ||
                       after == '\'' || after == '"' || after == '`';
    if (!joined && names) return true;
  }
  return false;
}

// Whether `sql` changes session state Flyway puts back after each
// migration (MySQLConnection.doRestoreOriginalState): the session checks
// or a user variable. Searched in place: a statement can be a 100 KB
// INSERT.
bool names_session_check(std::string_view sql) {
  const auto contains = [sql](std::string_view lower_word) {
    return std::search(sql.begin(), sql.end(), lower_word.begin(),
                       lower_word.end(), [](char a, char b) {
                         return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b;
                       }) != sql.end();
  };
  return contains("foreign_key_checks") || contains("sql_safe_updates") ||
         names_user_variable(sql);
}

bool is_routine_kind(const Keywords& k, std::size_t i) {
  return k.is(i, "PROCEDURE") || k.is(i, "FUNCTION") || k.is(i, "EVENT") ||
         k.is(i, "TRIGGER");
}

// CREATE [OR REPLACE] [DEFINER = user[@host] | CURRENT_USER] [AGGREGATE]
// PROCEDURE|FUNCTION|EVENT|TRIGGER; quoted parts are not keywords.
bool is_stored_program(const Keywords& k) {
  if (!k.is(0, "CREATE")) return false;
  std::size_t i = k.is(1, "OR") && k.is(2, "REPLACE") ? 3 : 1;
  if (k.is(i, "DEFINER")) {
    ++i;
    if (k.is(i, "CURRENT_USER")) {
      ++i;
    } else {
      if (!k.is(i, "@") && !is_routine_kind(k, i)) ++i;  // user
      if (k.is(i, "@")) ++i;
      if (!is_routine_kind(k, i)) ++i;  // host
    }
  }
  if (k.is(i, "AGGREGATE")) ++i;
  return is_routine_kind(k, i);
}

class MysqlSplitter final : public StatementSplitter {
 public:
  explicit MysqlSplitter(TextSource& source) : scan_(source) {}
  bool next(Statement& out) override;
  bool read_copy_data(std::string& chunk) override {
    chunk.clear();
    return false;
  }

 private:
  Boundary scan_statement();
  bool at_delimiter() {
    return scan_.peek() == static_cast<unsigned char>(delimiter_[0]) &&
           scan_.looking_at(delimiter_);
  }
  bool custom_delimiter() const { return delimiter_ != ";"; }
  void scan_token(int c);
  void scan_comment_or_executable(Position at);
  void scan_word(Position at, bool line_start);
  bool is_delimiter_directive(std::size_t length, bool line_start);
  void read_delimiter_directive(std::size_t length, Position at);
  bool at_executable_comment();
  std::string read_rest_of_line();
  static std::string first_word(const std::string& line);
  void on_word(const std::string& upper, Position at);
  void on_other_token();
  void close_block_after_end(std::string_view token);
  void reset_statement();

  Scanner scan_;
  Keywords keywords_;
  std::string delimiter_ = ";";
  std::size_t paren_depth_ = 0;
  std::size_t block_depth_ = 0;
  Position block_start_;
  bool after_end_ = false;     // the last depth-0 token was END
  std::string last_words_[2];  // the last two depth-0 words, upper-cased
  bool line_start_ = true;     // only whitespace since the last newline
};

bool MysqlSplitter::next(Statement& out) {
  for (;;) {
    Boundary boundary = scan_statement();
    if (scan_.text().has_token()) {
      out.line = scan_.text().position().line;
      out.text_line = scan_.text().text_line();
      out.text_column = scan_.text().text_column();
      out.sql = scan_.text().take();
      out.kind = StatementKind::kSql;
      out.non_transactional = false;  // MySQL DDL is never transactional
      out.changes_session_state = names_session_check(out.sql);
      reset_statement();
      return true;
    }
    reset_statement();  // nothing but comments: Flyway drops it
    if (boundary == Boundary::kEndOfInput) return false;
  }
}

Boundary MysqlSplitter::scan_statement() {
  for (;;) {
    int c = scan_.peek();
    if (c == CharReader::kEnd) {
      if (custom_delimiter()) return Boundary::kEndOfInput;
      close_block_after_end("");
      if (block_depth_ > 0)
        scan_.fail_unterminated("BEGIN ... END block", block_start_);
      if (paren_depth_ > 0) scan_.fail_incomplete();
      return Boundary::kEndOfInput;
    }
    if (at_delimiter()) {
      if (!custom_delimiter()) on_other_token();
      if (custom_delimiter() || (paren_depth_ == 0 && block_depth_ == 0)) {
        for (std::size_t i = 0; i < delimiter_.size(); ++i) scan_.skip();
        return Boundary::kDelimiter;
      }
      scan_.text().mark_token(scan_.position());
      scan_.advance(delimiter_.size());
      line_start_ = false;
      continue;
    }
    scan_token(c);
  }
}

void MysqlSplitter::scan_token(int c) {
  Position at = scan_.position();
  if (is_space(c)) {
    if (scan_.text().empty()) {
      scan_.skip();  // whitespace before a statement is not recorded
    } else {
      scan_.advance();
    }
    if (c == '\n') line_start_ = true;
    return;
  }
  bool line_start = line_start_;
  line_start_ = false;
  int next = scan_.peek(1);
  if (c == '#' ||
      (c == '-' && next == '-' &&
       (is_space(scan_.peek(2)) || scan_.peek(2) == CharReader::kEnd)))
    return scan_.scan_line_comment();
  if (c == '/' && next == '*') return scan_comment_or_executable(at);
  if (is_word_char(c)) return scan_word(at, line_start);
  scan_.text().mark_token(at);
  if (c == '(') {
    ++paren_depth_;
  } else if (c == ')') {
    if (paren_depth_ > 0) --paren_depth_;
  } else {
    on_other_token();
    if (c == '@' && paren_depth_ == 0) keywords_.add_symbol("@");
  }
  if (c == '\'' || c == '"')
    return scan_.scan_quoted({static_cast<char>(c), true, true},
                             "quoted string", at);
  if (c == '`')
    return scan_.scan_quoted({'`', true, false}, "quoted identifier", at);
  scan_.advance();
}

// /*!NNNNN (five digits) is statement content; a /*! without a version and
// MariaDB's /*M! are ordinary comments, as Flyway's MySQLParser reads them:
// a statement made of nothing else is not sent (the mysql client would send
// it).
bool MysqlSplitter::at_executable_comment() {
  if (scan_.peek(2) != '!') return false;
  for (std::size_t i = 3; i < 8; ++i)
    if (!is_digit(scan_.peek(i))) return false;
  return true;
}

void MysqlSplitter::scan_comment_or_executable(Position at) {
  if (at_executable_comment()) {
    scan_.text().mark_token(at);
    on_other_token();
    return scan_.scan_block_comment(true, "executable comment");
  }
  scan_.scan_block_comment(true, "block comment");
}

void MysqlSplitter::scan_word(Position at, bool line_start) {
  std::size_t length = 0;
  while (is_word_char(scan_.peek(length))) ++length;
  if (is_delimiter_directive(length, line_start))
    return read_delimiter_directive(length, at);
  scan_.text().mark_token(at);
  std::string word;
  while (is_word_char(scan_.peek()) && !at_delimiter())
    word.push_back(scan_.advance());
  if (paren_depth_ == 0) on_word(to_upper(word), at);
}

bool MysqlSplitter::is_delimiter_directive(std::size_t length,
                                           bool line_start) {
  if (length != 9 || !(line_start || !scan_.text().has_token())) return false;
  std::string word;
  for (std::size_t i = 0; i < length; ++i)
    word.push_back(static_cast<char>(scan_.peek(i)));
  if (!equals_ignore_case(word, "DELIMITER")) return false;
  int after = scan_.peek(length);
  return !scan_.text().has_token() || after == ' ' || after == '\t';
}

void MysqlSplitter::read_delimiter_directive(std::size_t length, Position at) {
  if (scan_.text().has_token()) {
    Position p = scan_.text().position();
    throw MigrationFileError(
        "", p.line,
        "Delimiter changed inside statement at line " + std::to_string(p.line) +
            " col " + std::to_string(p.col) + ": " + scan_.text().excerpt());
  }
  for (std::size_t i = 0; i < length; ++i) scan_.skip();
  // The mysql client takes the first word of the rest of the line. When
  // the line has none, Flyway takes the next line that is not blank
  // (scripts written for Flyway put `$$` on the line after DELIMITER).
  std::string delimiter = first_word(read_rest_of_line());
  while (delimiter.empty() && scan_.peek() != CharReader::kEnd)
    delimiter = first_word(read_rest_of_line());
  if (delimiter.empty() || delimiter.find('\\') != std::string::npos) {
    throw MigrationFileError(
        "", at.line,
        std::string(delimiter.empty()
                        ? "DELIMITER must be followed by a 'delimiter' "
                          "character or string"
                        : "DELIMITER cannot contain a backslash character") +
            " at line " + std::to_string(at.line));
  }
  delimiter_ = delimiter;
  scan_.text().clear();  // comments before the directive go with it
  line_start_ = true;
}

// The characters up to the end of the line, which is consumed too.
std::string MysqlSplitter::read_rest_of_line() {
  std::string rest;
  for (int c = scan_.peek(); c != CharReader::kEnd && c != '\n';
       c = scan_.peek()) {
    scan_.skip();
    rest.push_back(static_cast<char>(c));
  }
  if (scan_.peek() == '\n') scan_.skip();
  return rest;
}

std::string MysqlSplitter::first_word(const std::string& line) {
  std::size_t begin = 0;
  while (begin < line.size() &&
         is_space(static_cast<unsigned char>(line[begin])))
    ++begin;
  std::size_t end = begin;
  while (end < line.size() && !is_space(static_cast<unsigned char>(line[end])))
    ++end;
  return line.substr(begin, end - begin);
}

void MysqlSplitter::on_word(const std::string& upper, Position at) {
  keywords_.add_word(upper);
  bool follows_end = after_end_;
  close_block_after_end(upper);
  bool opens = false;
  if (upper == "BEGIN") {
    opens = is_stored_program(keywords_);
  } else if (upper == "CASE") {
    opens = !follows_end;
  } else if (upper == "ATOMIC") {  // MariaDB: BEGIN NOT ATOMIC ... END
    opens = last_words_[0] == "NOT" && last_words_[1] == "BEGIN" &&
            !is_stored_program(keywords_);
  }
  if (opens && block_depth_++ == 0) block_start_ = at;
  after_end_ = upper == "END";
  last_words_[1] = std::move(last_words_[0]);
  last_words_[0] = upper;
}

void MysqlSplitter::on_other_token() {
  if (paren_depth_ > 0) return;
  close_block_after_end("");
  after_end_ = false;
  last_words_[0].clear();
  last_words_[1].clear();
}

// END IF, END LOOP, END REPEAT and END WHILE close nothing Flyway counts;
// END followed by anything else (CASE, a label, the delimiter) closes.
void MysqlSplitter::close_block_after_end(std::string_view token) {
  if (!after_end_ || block_depth_ == 0) return;
  if (token == "IF" || token == "LOOP" || token == "REPEAT" || token == "WHILE")
    return;
  --block_depth_;
  after_end_ = false;
}

void MysqlSplitter::reset_statement() {
  scan_.text().clear();
  keywords_.clear();
  paren_depth_ = 0;
  block_depth_ = 0;
  after_end_ = false;
  last_words_[0].clear();
  last_words_[1].clear();
}

}  // namespace

std::unique_ptr<StatementSplitter> make_mysql_splitter(TextSource& source) {
  return std::make_unique<MysqlSplitter>(source);
}

}  // namespace runway::sql
