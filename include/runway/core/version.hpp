// Flyway migration versions: "1", "1.2", "1_2" (= "1.2"), "001" (= "1").
// Parts compare as arbitrary-size unsigned integers; trailing zero parts are
// ignored for comparison but kept in the display text.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runway {

class Version {
 public:
  /// Parses version text as it appears in a file name or the history table.
  /// `_` is read as `.`. Returns nullopt (and sets *error to Flyway's
  /// message "Version may only contain 0..9 and . (dot). Invalid version: x")
  /// when the text is not a version.
  static std::optional<Version> parse(std::string_view text,
                                      std::string* error = nullptr);

  /// The display text Flyway stores: the digits as written, `_` as `.`.
  const std::string& text() const { return text_; }

  std::strong_ordering operator<=>(const Version& other) const;
  /// Bytes whose order (as by std::string_view::compare) is the versions'
  /// order, for sorting many versions without calling back here.
  std::string_view sort_key() const { return key_; }
  bool operator==(const Version& other) const { return key_ == other.key_; }

 private:
  std::string text_;
  // The numeric parts, without leading zeros or trailing zero parts, as a
  // byte string whose order is the versions' order (see version.cpp): no
  // allocation beyond the string's own, a comparison is one compare().
  std::string key_;
};

}  // namespace runway
