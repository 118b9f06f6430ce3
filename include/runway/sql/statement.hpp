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
  /// True when the statement cannot run inside a transaction
  /// (CREATE INDEX CONCURRENTLY, VACUUM, ...).
  bool non_transactional = false;
};

/// Splits a script into statements while reading it, holding at most one
/// statement (plus a bounded read buffer) in memory.
class StatementSplitter {
 public:
  virtual ~StatementSplitter() = default;
  /// Fills `out` with the next statement; false at end of script.
  /// Throws MigrationFileError (file name left empty, line set) on
  /// unterminated quotes, comments, dollar quotes or blocks.
  virtual bool next(Statement& out) = 0;
  /// After a kCopyFromStdin statement: yields its data in chunks of whole
  /// lines (each ending in '\n', the terminating `\.` line excluded) until
  /// it returns false. Must be drained before calling next() again.
  virtual bool read_copy_data(std::string& chunk) = 0;
};

/// A splitter for `dialect` reading from `source` (which must outlive it).
std::unique_ptr<StatementSplitter> make_splitter(Dialect dialect,
                                                 TextSource& source);

}  // namespace runway::sql
