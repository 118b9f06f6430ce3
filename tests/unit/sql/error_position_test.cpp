#include "runway/sql/error_position.hpp"

#include <catch2/catch.hpp>

using runway::sql::locate_in_script;
using runway::sql::psql_meta_command_at;

namespace {
int line_of(std::string_view sql, int first_token_line, int position) {
  const auto p = locate_in_script(sql, first_token_line, position);
  return p ? p->line : 0;
}
int column_of(std::string_view sql, int first_token_line, int position) {
  const auto p = locate_in_script(sql, first_token_line, position);
  return p ? p->column : 0;
}
}  // namespace

TEST_CASE("an error position on the first line of a statement",
          "[sql][error_position]") {
  // "SELECT 1 FROM WHERE": the server stops at WHERE, character 15.
  CHECK(line_of("SELECT 1 FROM WHERE", 12, 15) == 12);
  CHECK(column_of("SELECT 1 FROM WHERE", 12, 15) == 15);
}

TEST_CASE("leading comments are counted back from the first token's line",
          "[sql][error_position]") {
  // Text lines: 3 "-- c", 4 "/* a", 5 " b */ -- d", 6 "SELECT", 7 "  FROM;".
  const std::string sql = "-- c\n/* a\n b */ -- d\nSELECT\n  FROM x WHERE";
  const int where = static_cast<int>(sql.find("WHERE")) + 1;
  CHECK(line_of(sql, 6, where) == 7);
  CHECK(column_of(sql, 6, where) == 10);
  // Nested block comments end at their own */.
  const std::string nested = "/* a /* b */\n c */\nSELECT x";
  const int x = static_cast<int>(nested.find('x')) + 1;
  CHECK(line_of(nested, 9, x) == 9);
  CHECK(column_of(nested, 9, x) == 8);
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
  CHECK_FALSE(locate_in_script("SELECT 1", 1, 10));
  CHECK_FALSE(locate_in_script("SELECT 1", 1, 0));
  // An empty text has only the end position.
  CHECK(line_of("", 1, 1) == 1);
}

TEST_CASE("a psql meta-command at the error position",
          "[sql][error_position]") {
  const std::string dump = "--\n-- dump\n--\n\n\\restrict Ab12\n\nSET x = 0";
  const int at = static_cast<int>(dump.find('\\')) + 1;
  CHECK(psql_meta_command_at(dump, at) == "\\restrict");
  CHECK(line_of(dump, 5, at) == 5);
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

TEST_CASE("script lines count leading comments in each dialect's syntax",
          "[sql][error_position]") {
  using runway::sql::Dialect;
  using runway::sql::script_line_of;
  // MySQL: # and "-- " are comments; the statement's first token (SELECT)
  // is on script line 10, its text starts 3 lines earlier.
  const std::string mysql = "-- c\n# d\n/* e */\nSELECT id\n  FROM a WHERE";
  CHECK(script_line_of(mysql, Dialect::kMySQL, 10, 1) == 7);
  CHECK(script_line_of(mysql, Dialect::kMySQL, 10, 5) == 11);
  // An executable comment is a token, not a comment to skip.
  const std::string executable = "/*!40101 SET x = 1 */\n";
  CHECK(script_line_of(executable, Dialect::kMySQL, 4, 1) == 4);
  // MySQL's block comments do not nest: "c */" on line 2 is the first token.
  const std::string flat = "/* a /* b */\nc */ SELECT";
  CHECK(script_line_of(flat, Dialect::kMySQL, 6, 1) == 5);
  // PostgreSQL's do: the first token is SELECT on line 3.
  const std::string nested = "/* a /* b */\nc */\nSELECT";
  CHECK(script_line_of(nested, Dialect::kPostgreSQL, 6, 1) == 4);
  // "--x" is no comment in MySQL, but is one in PostgreSQL.
  CHECK(script_line_of("--x\nSELECT", Dialect::kMySQL, 3, 1) == 3);
  CHECK(script_line_of("--x\nSELECT", Dialect::kPostgreSQL, 3, 1) == 2);
}
