#include "runway/sql/error_position.hpp"

#include <catch2/catch.hpp>

#include "runway/core/text_source.hpp"
#include "runway/sql/statement.hpp"

using runway::sql::locate_in_script;
using runway::sql::psql_meta_command_at;

namespace {
int line_of(std::string_view sql, int text_line, int position,
            int text_column = 1) {
  const auto p = locate_in_script(sql, text_line, text_column, position);
  return p ? p->line : 0;
}
int column_of(std::string_view sql, int text_line, int position,
              int text_column = 1) {
  const auto p = locate_in_script(sql, text_line, text_column, position);
  return p ? p->column : 0;
}
}  // namespace

TEST_CASE("an error position on the first line of a statement",
          "[sql][error_position]") {
  // "SELECT 1 FROM WHERE": the server stops at WHERE, character 15.
  CHECK(line_of("SELECT 1 FROM WHERE", 12, 15) == 12);
  CHECK(column_of("SELECT 1 FROM WHERE", 12, 15) == 15);
}

TEST_CASE("error positions count lines from where the text begins",
          "[sql][error_position]") {
  // The text keeps its leading comments: WHERE is on its fifth line.
  const std::string sql = "-- c\n/* a\n b */ -- d\nSELECT\n  FROM x WHERE";
  const int where = static_cast<int>(sql.find("WHERE")) + 1;
  CHECK(line_of(sql, 3, where) == 7);
  CHECK(column_of(sql, 3, where) == 10);
}

TEST_CASE("a statement that begins mid-line counts columns from there",
          "[sql][error_position]") {
  // "create table t(a int); select   nosuch from t;": the second statement
  // begins at column 24, so "nosuch" (its character 10) is at column 33.
  CHECK(column_of("select   nosuch from t", 1, 10, 24) == 33);
  // Only its first line: later lines start at column 1.
  CHECK(column_of("select 1\nfrom nosuch", 1, 15, 24) == 6);
}

TEST_CASE("error positions count characters, not bytes",
          "[sql][error_position]") {
  // 'é' and '€' take two and three bytes; PostgreSQL counts them as one.
  const std::string sql = "SELECT 'é€' FORM\nt WHERE";
  // Characters: SELECT(1-6) space(7) '(8) é(9) €(10) '(11) space(12) F(13)
  CHECK(column_of(sql, 1, 13) == 13);
  CHECK(line_of(sql, 1, 13) == 1);
  // t on the second line is character 18.
  CHECK(line_of(sql, 1, 18) == 2);
  CHECK(column_of(sql, 1, 18) == 1);
}

TEST_CASE("positions at and beyond the end of the statement",
          "[sql][error_position]") {
  // "syntax error at end of input": just past the last character.
  CHECK(line_of("SELECT (1\n + 2", 4, 15) == 5);
  CHECK(column_of("SELECT (1\n + 2", 4, 15) == 5);
  CHECK_FALSE(locate_in_script("SELECT 1", 1, 1, 10));
  CHECK_FALSE(locate_in_script("SELECT 1", 1, 1, 0));
  // An empty text has only the end position.
  CHECK(line_of("", 1, 1) == 1);
}

TEST_CASE("a psql meta-command at the error position",
          "[sql][error_position]") {
  const std::string dump = "--\n-- dump\n--\n\n\\restrict Ab12\n\nSET x = 0";
  const int at = static_cast<int>(dump.find('\\')) + 1;
  CHECK(psql_meta_command_at(dump, at) == "\\restrict");
  CHECK(line_of(dump, 1, at) == 5);
  // Indented still counts as first on its line.
  CHECK(psql_meta_command_at("SELECT 1\n  \\connect db", 12) == "\\connect");
  // A backslash after other text, or without a command name, is not one.
  CHECK_FALSE(psql_meta_command_at("SELECT 1 \\x", 10));
  CHECK_FALSE(psql_meta_command_at("\\ x", 1));
  // Not at the error position: nothing.
  CHECK_FALSE(psql_meta_command_at(dump, 1));
  CHECK_FALSE(psql_meta_command_at(dump, 1000));
}

TEST_CASE("the line a MySQL error message names", "[sql][error_position]") {
  using runway::sql::mysql_error_line;
  CHECK(mysql_error_line("You have an error in your SQL syntax; check the "
                         "manual ... near 'AND id = 1' at line 5") == 5);
  CHECK(mysql_error_line("near '' at line 12") == 12);
  CHECK_FALSE(mysql_error_line("Table 'x.y' doesn't exist"));
  CHECK_FALSE(mysql_error_line("near 'x' at line 5 of something"));
  CHECK_FALSE(mysql_error_line("near 'x' at line "));
}

namespace {
// Each statement's (text_line, line) as the dialect's splitter gives them.
std::vector<std::pair<int, int>> lines_of(runway::sql::Dialect dialect,
                                          const std::string& script) {
  runway::StringSource source(script);
  auto splitter = runway::sql::make_splitter(dialect, source);
  std::vector<std::pair<int, int>> out;
  runway::sql::Statement s;
  while (splitter->next(s)) out.emplace_back(s.text_line, s.line);
  return out;
}

// Each statement's text_column.
std::vector<int> columns_of(runway::sql::Dialect dialect,
                            const std::string& script) {
  runway::StringSource source(script);
  auto splitter = runway::sql::make_splitter(dialect, source);
  std::vector<int> out;
  runway::sql::Statement s;
  while (splitter->next(s)) out.push_back(s.text_column);
  return out;
}
}  // namespace

TEST_CASE("statements know the line their text begins on",
          "[sql][error_position]") {
  using runway::sql::Dialect;
  using Lines = std::vector<std::pair<int, int>>;
  // mariadb-dump's first line is a comment to Flyway (and Runway); the
  // statement's text begins there, its first token two lines later.
  CHECK(lines_of(Dialect::kMySQL,
                 "/*M!999999\\- enable the sandbox mode */\n-- dump\n"
                 "SELECT 1;\n\n\n  # note\nSELECT\n2;") ==
        Lines{{1, 3}, {6, 7}});
  CHECK(lines_of(Dialect::kPostgreSQL,
                 "\n\n/* a /* nested */ b */\n\nSELECT 1;\n\n  SELECT 2;") ==
        Lines{{3, 5}, {7, 7}});
  CHECK(lines_of(Dialect::kSQLite, "SELECT 1;\n-- c\r\nSELECT 2;") ==
        Lines{{1, 1}, {2, 3}});
  // And the column: after the previous statement on the same line.
  CHECK(columns_of(Dialect::kPostgreSQL,
                   "create table t(a int); select 1;\n  select 'é';  /* c */ "
                   "select 2;") == std::vector<int>{1, 24, 3, 16});
  CHECK(columns_of(Dialect::kMySQL, "SELECT 1;  SELECT 2;") ==
        std::vector<int>{1, 12});
}
