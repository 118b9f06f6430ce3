// Flyway's MigrationVersion rules. The text is normalised (`_` -> `.`) and
// split at every dot that is followed by a digit; each part must be a
// non-empty run of ASCII digits, compared as an arbitrary-size integer.
// Trailing zero parts are dropped so that 1 == 1.0 == 1.0.0. Flyway's
// BigInteger also accepts a leading sign and non-ASCII Unicode digits; we
// reject both, since no real migration relies on them and they would make
// "-1" and "1" look like different files of the same version.
#include "runway/core/version.hpp"

#include <algorithm>

namespace runway {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Appends the order key of one part (digits without leading zeros, "0" for
// zero): its length, then its digits. Comparing keys byte by byte then
// compares the numbers: a shorter number is the smaller one, and numbers of
// one length compare digit by digit. Lengths below 255 take one byte; longer
// ones 0xFF and four bytes, which still sort after every short one.
void append_part_key(std::string& key, std::string_view digits) {
  const std::size_t n = digits.size();
  if (n < 0xFF) {
    key.push_back(static_cast<char>(n));
  } else {
    key.push_back(static_cast<char>(0xFF));
    for (int shift = 24; shift >= 0; shift -= 8)
      key.push_back(static_cast<char>((n >> shift) & 0xFF));
  }
  key.append(digits);
}

// The order key of `text` (dot-separated parts): each part's key, trailing
// zero parts left out, so that a missing part counts as zero (1 == 1.0, and
// a key that is a prefix of another is the smaller version). False when any
// part is not all digits.
bool order_key(std::string_view text, std::string& key) {
  std::size_t start = 0;
  std::size_t kept = 0;  // key length up to the last non-zero part
  bool first = true;
  while (true) {
    std::size_t dot = text.find('.', start);
    std::string_view part = text.substr(start, dot == std::string_view::npos
                                                   ? std::string_view::npos
                                                   : dot - start);
    if (part.empty() || !std::all_of(part.begin(), part.end(), is_digit)) {
      return false;
    }
    std::size_t nonzero = part.find_first_not_of('0');
    append_part_key(key, nonzero == std::string_view::npos
                             ? std::string_view("0")
                             : part.substr(nonzero));
    // The first part always stays: "0" is a version of its own.
    if (first || nonzero != std::string_view::npos) kept = key.size();
    first = false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  key.resize(kept);
  return true;
}

}  // namespace

std::optional<Version> Version::parse(std::string_view text,
                                      std::string* error) {
  std::string normalized(text);
  std::replace(normalized.begin(), normalized.end(), '_', '.');
  Version version;
  if (!order_key(normalized, version.key_)) {
    if (error != nullptr) {
      *error = "Version may only contain 0..9 and . (dot). Invalid version: " +
               normalized;
    }
    return std::nullopt;
  }
  version.text_ = std::move(normalized);
  return version;
}

std::strong_ordering Version::operator<=>(const Version& other) const {
  const int c = key_.compare(other.key_);
  return c < 0   ? std::strong_ordering::less
         : c > 0 ? std::strong_ordering::greater
                 : std::strong_ordering::equal;
}

}  // namespace runway
