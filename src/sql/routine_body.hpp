// psql's heuristic for SQL-standard routine bodies (src/fe_utils/psqlscan.l),
// which decides where `CREATE FUNCTION ... BEGIN ATOMIC ...; END;` ends.
#pragma once

#include <cstddef>
#include <string_view>

#include "scanner.hpp"

namespace runway::sql {

/// psql's heuristic for SQL-standard routine bodies (psqlscan.l): when the
/// statement begins CREATE [OR REPLACE] FUNCTION|PROCEDURE, BEGIN and END at
/// parenthesis depth 0 open and close a block (CASE too, inside a block),
/// and a semicolon inside a block does not end the statement.
class RoutineBody {
 public:
  void on_identifier(std::string_view word, bool at_depth_zero, Position at) {
    if (count_ < sizeof first_letters_) first_letters_[count_] = tag_of(word);
    if (count_ < sizeof first_letters_ + 1) ++count_;
    if (!creates_routine() || !at_depth_zero) return;
    if (equals_ignore_case(word, "BEGIN")) {
      if (depth_++ == 0) start_ = at;
    } else if (equals_ignore_case(word, "CASE")) {
      if (depth_ > 0) ++depth_;
    } else if (equals_ignore_case(word, "END")) {
      if (depth_ > 0) --depth_;
    }
  }
  std::size_t depth() const { return depth_; }
  Position start() const { return start_; }

 private:
  static char tag_of(std::string_view word) {
    for (std::string_view w :
         {"CREATE", "FUNCTION", "PROCEDURE", "OR", "REPLACE"}) {
      if (equals_ignore_case(word, w)) return static_cast<char>(w[0]);
    }
    return 0;
  }
  bool creates_routine() const {
    const char* f = first_letters_;
    return f[0] == 'C' &&
           (f[1] == 'F' || f[1] == 'P' ||
            (f[1] == 'O' && f[2] == 'R' && (f[3] == 'F' || f[3] == 'P')));
  }

  char first_letters_[4] = {};
  std::size_t count_ = 0;
  std::size_t depth_ = 0;
  Position start_;
};

}  // namespace runway::sql
