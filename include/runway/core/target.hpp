// The `target` setting: how far migrate (or undo) should go.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "runway/core/version.hpp"

namespace runway {

/// A parsed `target`: `latest` (default), `current`, `next`, a version, or
/// `<version>?` (a version that need not exist). The special words are
/// case-insensitive; `9223372036854775807` means `latest` as in Flyway.
struct Target {
  enum class Kind {
    kLatest,   ///< no limit
    kCurrent,  ///< the version currently applied
    kNext,     ///< the first pending migration only
    kVersion,  ///< up to and including `version`
  };

  Kind kind = Kind::kLatest;
  std::optional<Version> version;  ///< set only for kVersion
  /// False when the text ended in `?`: a target version no migration has is
  /// then not an error.
  bool fail_if_missing = true;

  /// Parses a `target` value. Throws ConfigError with Flyway's message
  /// "Version may only contain 0..9 and . (dot). Invalid version: x" when
  /// the text is neither a special word nor a version.
  static Target parse(std::string_view text);

  static Target latest() { return {}; }
  static Target current() { return {Kind::kCurrent, std::nullopt, true}; }
  static Target next() { return {Kind::kNext, std::nullopt, true}; }
  static Target at(Version v, bool fail_if_missing = true) {
    return {Kind::kVersion, std::move(v), fail_if_missing};
  }
};

}  // namespace runway
