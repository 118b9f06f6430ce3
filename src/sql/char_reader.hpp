// A byte cursor over a TextSource with a small look-ahead window and line /
// column tracking. The splitters read through it so that a script is never
// held in memory as a whole: consumed bytes are dropped from the window.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "runway/core/text_source.hpp"

namespace runway::sql {

/// A place in the script: 1-based line and 1-based column. Columns count
/// characters (UTF-8 code points), as Flyway does; lines count '\n'.
struct Position {
  int line = 1;
  int col = 1;
};

class CharReader {
 public:
  static constexpr int kEnd = -1;

  explicit CharReader(TextSource& source) : source_(source) {}

  /// The byte `ahead` places after the cursor (0-255), or kEnd past the end.
  int peek(std::size_t ahead = 0) {
    if (pos_ + ahead < buf_.size() || fill(ahead))
      return static_cast<unsigned char>(buf_[pos_ + ahead]);
    return kEnd;
  }

  /// Consumes the byte under the cursor; peek() must not be kEnd.
  char take() {
    char c = buf_[pos_++];
    if (c == '\n') {
      ++line_;
      col_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++col_;
    }
    return c;
  }

  /// The bytes already loaded from the cursor on (possibly none: peek()
  /// loads more).
  std::string_view window() const {
    return std::string_view(buf_).substr(pos_);
  }

  /// Consumes `n` bytes of window() and appends them to `out`.
  void take_into(std::size_t n, std::string& out);

  /// Where the byte under the cursor sits.
  Position position() const { return {line_, col_}; }

  /// Appends the bytes up to and including the next '\n' (or up to the end
  /// of input) to `out`. False when already at the end.
  bool read_line(std::string& out);

 private:
  /// Makes byte `ahead` available; false when the source ends first.
  bool fill(std::size_t ahead);
  void skip_bom();

  TextSource& source_;
  std::string buf_;
  std::string chunk_;
  std::size_t pos_ = 0;
  bool bom_checked_ = false;
  int line_ = 1;
  int col_ = 1;
};

}  // namespace runway::sql
