// Test helpers: run a splitter over a string with every chunk size the
// chunk-boundary rule asks for (1, 2, 3, 7 and 64K bytes per read) and
// require the same result each time.
#pragma once

#include <catch2/catch.hpp>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "runway/core/error.hpp"
#include "runway/sql/statement.hpp"

namespace runway::sql::test {

inline const std::size_t kChunkSizes[] = {1, 2, 3, 7, 1 << 16};

/// What a splitter yielded for one statement, COPY data included.
struct Split {
  Split() = default;
  Split(std::string sql_text, int line_number,
        StatementKind statement_kind = StatementKind::kSql, bool non_tx = false,
        std::string data = {})
      : sql(std::move(sql_text)),
        line(line_number),
        kind(statement_kind),
        non_transactional(non_tx),
        copy_data(std::move(data)) {}

  std::string sql;
  int line = 0;
  StatementKind kind = StatementKind::kSql;
  bool non_transactional = false;
  std::string copy_data;

  bool operator==(const Split&) const = default;
};

inline std::ostream& operator<<(std::ostream& os, const Split& s) {
  os << "{line " << s.line << (s.non_transactional ? ", non-tx" : "")
     << (s.kind == StatementKind::kCopyFromStdin ? ", COPY" : "") << ": \""
     << s.sql << "\"";
  if (!s.copy_data.empty()) os << ", data \"" << s.copy_data << "\"";
  return os << "}";
}

/// A non-transactional statement, for expectation lists.
inline Split non_tx(std::string sql, int line) {
  return Split(std::move(sql), line, StatementKind::kSql, true);
}

/// A COPY ... FROM STDIN statement and its data.
inline Split copy(std::string sql, int line, std::string data) {
  return Split(std::move(sql), line, StatementKind::kCopyFromStdin, false,
               std::move(data));
}

inline std::vector<Split> split_with_chunk(Dialect dialect,
                                           const std::string& text,
                                           std::size_t chunk_size) {
  StringSource source(text, chunk_size);
  auto splitter = make_splitter(dialect, source);
  std::vector<Split> result;
  Statement statement;
  while (splitter->next(statement)) {
    Split split(statement.sql, statement.line, statement.kind,
                statement.non_transactional);
    if (statement.kind == StatementKind::kCopyFromStdin) {
      std::string chunk;
      while (splitter->read_copy_data(chunk)) split.copy_data += chunk;
    }
    result.push_back(std::move(split));
  }
  return result;
}

/// The statements of `text`, the same for every chunk size.
inline std::vector<Split> split(Dialect dialect, const std::string& text) {
  std::vector<Split> first = split_with_chunk(dialect, text, kChunkSizes[0]);
  for (std::size_t chunk_size : kChunkSizes) {
    INFO("chunk size " << chunk_size);
    REQUIRE(split_with_chunk(dialect, text, chunk_size) == first);
  }
  return first;
}

/// The text of tests/data/sql/<name>.
inline std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(RUNWAY_SOURCE_DIR) + "/tests/data/sql/" + name,
                   std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The line of each statement, in order.
inline std::vector<int> lines_of(const std::vector<Split>& statements) {
  std::vector<int> lines;
  for (const Split& s : statements) lines.push_back(s.line);
  return lines;
}

inline std::vector<Split> split_pg(const std::string& text) {
  return split(Dialect::kPostgreSQL, text);
}
inline std::vector<Split> split_sqlite(const std::string& text) {
  return split(Dialect::kSQLite, text);
}
inline std::vector<Split> split_mysql(const std::string& text) {
  return split(Dialect::kMySQL, text);
}

/// The error splitting `text` raises: "<line>: <message>", the same for
/// every chunk size; "no error" when it splits cleanly.
inline std::string split_error(Dialect dialect, const std::string& text) {
  std::string first;
  for (std::size_t chunk_size : kChunkSizes) {
    std::string got = "no error";
    try {
      split_with_chunk(dialect, text, chunk_size);
    } catch (const MigrationFileError& e) {
      got = std::to_string(e.line()) + ": " + e.what();
    }
    if (first.empty()) first = got;
    INFO("chunk size " << chunk_size);
    REQUIRE(got == first);
  }
  return first;
}

}  // namespace runway::sql::test
