// Where in a script a server's error points: PostgreSQL gives a 1-based
// character position in the statement it was sent, MySQL and MariaDB a line
// of it in the message; the report wants the script's line (and column).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "runway/sql/statement.hpp"

namespace runway::sql {

struct ScriptPosition {
  int line = 0;    ///< 1-based line of the script
  int column = 0;  ///< 1-based, in characters
};

/// The script position of `char_position` (1-based, counted in UTF-8
/// characters, as PostgreSQL reports it for a UTF-8 client) within
/// `statement`, a PostgreSQL statement whose first token that is not a
/// comment is on `first_token_line` (Statement::line). Nullopt when the
/// position is 0 or beyond the text (the position just past the end, of
/// "syntax error at end of input", is after the last character).
std::optional<ScriptPosition> locate_in_script(std::string_view statement,
                                               int first_token_line,
                                               int char_position);

/// The script line of line `text_line` (1-based) of `statement`, whose first
/// token that is not a comment (in `dialect`'s syntax) is on
/// `first_token_line`: the splitters keep leading comments in the text.
int script_line_of(std::string_view statement, Dialect dialect,
                   int first_token_line, int text_line);

/// The line of the statement a MySQL/MariaDB error message ends with
/// ("... near 'AND id = 1' at line 5"), counted from the start of the
/// statement's text; nullopt if it names none.
std::optional<int> mysql_error_line(std::string_view message);

/// The psql meta-command (`\restrict`, `\connect`, ...) that starts at
/// `char_position` of `statement`, first on its line, as its name with the
/// backslash; nullopt if there is none there. psql runs these itself; a
/// server that is sent one reports a syntax error at its backslash.
std::optional<std::string> psql_meta_command_at(std::string_view statement,
                                                int char_position);

}  // namespace runway::sql
