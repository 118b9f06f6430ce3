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

// Splits `text` at dots; returns false when any part is not all digits.
bool split_parts(std::string_view text, std::vector<std::string>& parts) {
  std::size_t start = 0;
  while (true) {
    std::size_t dot = text.find('.', start);
    std::string_view part = text.substr(start, dot == std::string_view::npos
                                                   ? std::string_view::npos
                                                   : dot - start);
    if (part.empty() || !std::all_of(part.begin(), part.end(), is_digit)) {
      return false;
    }
    std::size_t first = part.find_first_not_of('0');
    parts.emplace_back(first == std::string_view::npos ? std::string_view("0")
                                                       : part.substr(first));
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

const std::string& part_or_zero(const std::vector<std::string>& parts,
                                std::size_t i) {
  static const std::string kZero = "0";
  return i < parts.size() ? parts[i] : kZero;
}

// Both sides are digit strings without leading zeros ("0" for zero).
std::strong_ordering compare_numbers(const std::string& a,
                                     const std::string& b) {
  if (a.size() != b.size()) return a.size() <=> b.size();
  int c = a.compare(b);
  return c < 0   ? std::strong_ordering::less
         : c > 0 ? std::strong_ordering::greater
                 : std::strong_ordering::equal;
}

}  // namespace

std::optional<Version> Version::parse(std::string_view text,
                                      std::string* error) {
  std::string normalized(text);
  std::replace(normalized.begin(), normalized.end(), '_', '.');
  Version version;
  if (!split_parts(normalized, version.parts_)) {
    if (error != nullptr) {
      *error = "Version may only contain 0..9 and . (dot). Invalid version: " +
               normalized;
    }
    return std::nullopt;
  }
  while (version.parts_.size() > 1 && version.parts_.back() == "0") {
    version.parts_.pop_back();
  }
  version.text_ = std::move(normalized);
  return version;
}

std::strong_ordering Version::operator<=>(const Version& other) const {
  std::size_t n = std::max(parts_.size(), other.parts_.size());
  for (std::size_t i = 0; i < n; ++i) {
    auto order =
        compare_numbers(part_or_zero(parts_, i), part_or_zero(other.parts_, i));
    if (order != std::strong_ordering::equal) return order;
  }
  return std::strong_ordering::equal;
}

}  // namespace runway
