// Statements as the per-dialect splitters yield them.
#pragma once

#include <memory>
#include <string>

#include "runway/core/text_source.hpp"

namespace runway::sql {

enum class Dialect { kPostgreSQL, kSQLite, kMySQL };

enum class StatementKind {
  kSql,            ///< send as is
  kCopyFromStdin,  ///< PostgreSQL COPY ... FROM STDIN: data follows, see
                   ///< StatementSplitter::read_copy_data
};

struct Statement {
  StatementKind kind = StatementKind::kSql;
  /// The SQL to send: leading comments kept, trailing delimiter removed,
  /// surrounding whitespace trimmed (Flyway's rule).
  std::string sql;
  /// 1-based line (in the script after placeholder replacement) of the first
  /// token that is not a comment.
  int line = 0;
  /// 1-based line where `sql` itself begins (its leading comments
  /// included): line n of the text is script line text_line + n - 1.
  int text_line = 0;
  /// 1-based column (in characters) of that line where `sql` begins.
  int text_column = 1;
  /// True when the statement cannot run inside a transaction
  /// (CREATE INDEX CONCURRENTLY, VACUUM, ...).
  bool non_transactional = false;
  /// The statement changes session state that Flyway puts back before each
  /// migration: PostgreSQL's role (SET [SESSION | LOCAL] ROLE, SESSION
  /// AUTHORIZATION), MySQL's foreign_key_checks or sql_safe_updates (any
  /// statement naming them, mysqldump's /*!40014 SET ... */ included).
  bool changes_session_state = false;
};

/// Splits a script into statements while reading it, holding at most one
/// statement (plus a bounded read buffer) in memory.
class StatementSplitter {
 public:
  virtual ~StatementSplitter() = default;
  /// Fills `out` with the next statement; false at end of script.
  /// Throws MigrationFileError (file name left empty, line set to where the
  /// unterminated construct starts) at the end of the script inside a
  /// quote, comment, dollar quote or block:
  ///   "Unterminated dollar-quoted string $body$ starting at line 12 col 5
  ///    in statement at line 10 col 1: <first 100 characters>"
  /// ("quoted string", "quoted identifier", "block comment", "executable
  /// comment", "BEGIN ... END block"), or inside parentheses, with Flyway's
  ///   "Incomplete statement at line L col C: <first 100 characters>".
  /// MySQL also throws "Delimiter changed inside statement at line L col C:
  /// <sql>", "DELIMITER must be followed by a 'delimiter' character or
  /// string at line L" and "DELIMITER cannot contain a backslash character
  /// at line L".
  virtual bool next(Statement& out) = 0;
  /// After a kCopyFromStdin statement: yields its data in chunks of whole
  /// lines (each ending in '\n', the terminating `\.` line excluded; about
  /// 64 KiB each, more only for a longer line) until it returns false.
  /// Data left unread is skipped by the next call to next().
  virtual bool read_copy_data(std::string& chunk) = 0;
};

/// A splitter for `dialect` reading from `source` (which must outlive it).
/// A leading byte order mark is skipped. Boundaries follow the tool users
/// test their scripts with where it matters (see each src/sql/*_splitter.cpp
/// for the rules):
/// - PostgreSQL splits as `psql -f` does: E'' strings in either case,
///   $tag$ quotes, nested comments, BEGIN ATOMIC bodies, COPY FROM STDIN
///   data, `SET standard_conforming_strings = off` honoured from the next
///   statement on. psql meta-commands (\set, \i, ...) are not interpreted.
/// - SQLite counts BEGIN ... END only in CREATE TRIGGER statements, so a
///   script may contain BEGIN; ... COMMIT; (Flyway cannot), and accepts
///   [bracketed] identifiers; its /* */ comments do not nest.
/// - MySQL/MariaDB: DELIMITER lines, # and "-- " comments, executable
///   /*! */ comments sent as statements, stored programs without DELIMITER;
///   with a delimiter other than ';' only the delimiter ends a statement,
///   as in the mysql client. Client commands (\G, \d) are not interpreted.
std::unique_ptr<StatementSplitter> make_splitter(Dialect dialect,
                                                 TextSource& source);

}  // namespace runway::sql
