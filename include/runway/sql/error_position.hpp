// Where in a script a server's error points: PostgreSQL gives a 1-based
// character position in the statement it was sent, MySQL and MariaDB name
// a line of it in a parse error's message; the report wants the script's
// line (and column).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace runway::sql {

struct ScriptPosition {
  int line = 0;    ///< 1-based line of the script
  int column = 0;  ///< 1-based, in characters; 0 when not known
};

/// The script position of `char_position` (1-based, counted in UTF-8
/// characters, as PostgreSQL reports it for a UTF-8 client) within
/// `statement`, whose text begins on script line `text_line` at column
/// `text_column` (Statement::text_line, text_column). Nullopt when the
/// position is 0 or beyond the text (the position just past the end, of
/// "syntax error at end of input", is after the last character).
std::optional<ScriptPosition> locate_in_script(std::string_view statement,
                                               int text_line, int text_column,
                                               int char_position);

/// The line of the statement a MySQL/MariaDB parse error ends with
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
