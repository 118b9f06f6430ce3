// Flyway derives its lock names from Java's String.hashCode() of the quoted
// table literal. Java strings are UTF-16, so UTF-8 input is decoded and
// characters beyond the BMP count as two surrogate units; an invalid byte
// counts as U+FFFD, as Java's decoder would produce.
#include "runway/history/lock_key.hpp"

namespace runway::history {
namespace {

// Next code point of `s` at `i` (advancing `i`); U+FFFD for bad input.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) {
    return static_cast<unsigned char>(s[k]);
  };
  const unsigned char b0 = byte(i);
  int length = 0;
  char32_t cp = 0;
  if (b0 < 0x80) {
    ++i;
    return b0;
  } else if ((b0 & 0xE0) == 0xC0) {
    length = 2;
    cp = b0 & 0x1Fu;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3;
    cp = b0 & 0x0Fu;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4;
    cp = b0 & 0x07u;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + static_cast<std::size_t>(length) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < length; ++k) {
    const unsigned char b = byte(i + static_cast<std::size_t>(k));
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  i += static_cast<std::size_t>(length);
  return cp;
}

}  // namespace

std::int32_t java_string_hash(std::string_view utf8) {
  std::uint32_t h = 0;  // unsigned: overflow wraps, as Java's int does
  std::size_t i = 0;
  while (i < utf8.size()) {
    const char32_t cp = next_code_point(utf8, i);
    if (cp >= 0x10000) {
      const char32_t v = cp - 0x10000;
      h = 31 * h + static_cast<std::uint32_t>(0xD800 + (v >> 10));
      h = 31 * h + static_cast<std::uint32_t>(0xDC00 + (v & 0x3FF));
    } else {
      h = 31 * h + static_cast<std::uint32_t>(cp);
    }
  }
  return static_cast<std::int32_t>(h);
}

std::int64_t postgres_advisory_lock_key(std::string_view quoted_table) {
  constexpr std::int64_t kFlyway = 0x466C79776179;  // "Flyway" in ASCII
  return kFlyway + java_string_hash(quoted_table);
}

std::string mysql_lock_name(std::string_view quoted_table) {
  return "Flyway-" + std::to_string(java_string_hash(quoted_table));
}

}  // namespace runway::history
