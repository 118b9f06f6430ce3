#include "char_reader.hpp"

#include <cstring>

namespace runway::sql {

bool CharReader::fill(std::size_t ahead) {
  if (!bom_checked_) skip_bom();
  // Drop what was consumed; the window then holds only the look-ahead.
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  while (buf_.size() <= ahead) {
    if (!source_.read(chunk_)) return false;
    buf_ += chunk_;
  }
  return true;
}

// Flyway strips a byte order mark before parsing; psql would send it to the
// server and fail. Only the one at the very start is dropped: a U+FEFF in
// the middle of a string literal is data.
void CharReader::skip_bom() {
  bom_checked_ = true;
  while (buf_.size() < 3 && source_.read(chunk_)) buf_ += chunk_;
  if (buf_.size() >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0)
    pos_ = 3;
}

void CharReader::take_into(std::size_t n, std::string& out) {
  for (std::size_t i = pos_; i < pos_ + n; ++i) {
    auto c = static_cast<unsigned char>(buf_[i]);
    if (c == '\n') {
      ++line_;
      col_ = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col_;
    }
  }
  out.append(buf_, pos_, n);
  pos_ += n;
}

bool CharReader::read_line(std::string& out) {
  bool read_any = false;
  for (;;) {
    if (pos_ >= buf_.size() && !fill(0)) return read_any;
    read_any = true;
    std::size_t newline = buf_.find('\n', pos_);
    std::size_t end = newline == std::string::npos ? buf_.size() : newline + 1;
    for (std::size_t i = pos_; i < end; ++i) {
      if ((static_cast<unsigned char>(buf_[i]) & 0xC0) != 0x80) ++col_;
    }
    out.append(buf_, pos_, end - pos_);
    pos_ = end;
    if (newline != std::string::npos) {
      ++line_;
      col_ = 1;
      return true;
    }
  }
}

}  // namespace runway::sql
