// `ignoreMigrationPatterns`: which findings validate lets pass (Flyway's
// ValidatePattern). A pattern is `<type>:<state>` with type one of `*`,
// `repeatable`, `versioned` and state one of `*`, `missing`, `pending`,
// `ignored`, `future` (case-insensitive, trimmed). A state pattern matches a
// migration whose state *display name* equals it ignoring case, so
// `missing` matches "Missing" but not "Failed (Missing)"; only `*` matches
// the failed variants. Patterns never change states: they only affect
// validate, and which Missing/Future rows repair marks deleted.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runway/core/migration_state.hpp"

namespace runway {

/// Documentation Flyway points to from pattern errors.
inline constexpr std::string_view kIgnoreMigrationPatternsUrl =
    "https://documentation.red-gate.com/flyway/reference/configuration/"
    "flyway-namespace/flyway-ignore-migration-patterns-setting";

/// One `<type>:<state>` pattern.
struct IgnorePattern {
  enum class Type { kAny, kRepeatable, kVersioned };

  Type type = Type::kAny;
  std::string state;  ///< lower case: "*", "missing", "pending", ...
  std::string text;   ///< as written

  /// Parses one pattern. Throws ConfigError with Flyway's messages:
  /// `Invalid pattern '<p>'. Pattern must be of the form
  /// <migration_type>:<migration_state> See <url> for full details`,
  /// `Invalid migration type '<t>'. Valid types are: [*, repeatable,
  /// versioned]`, `Invalid migration state '<s>'. Valid states are: [*,
  /// missing, pending, ignored, future]`.
  static IgnorePattern parse(std::string_view text);

  /// True when a migration (versioned or repeatable) in `actual` matches.
  bool matches(bool versioned, MigrationState actual) const;
};

/// The configured list of patterns.
class IgnorePatterns {
 public:
  IgnorePatterns() = default;
  explicit IgnorePatterns(std::vector<IgnorePattern> patterns)
      : patterns_(std::move(patterns)) {}

  /// Parses a config value: patterns separated by `,`, each trimmed.
  /// The empty string means no patterns.
  static IgnorePatterns parse(std::string_view value);
  /// Parses a list of patterns (TOML array, or the config layer's split).
  /// A list holding exactly one empty string means no patterns.
  static IgnorePatterns parse(const std::vector<std::string>& items);
  /// Flyway's default, `*:future`.
  static IgnorePatterns defaults() { return parse("*:future"); }
  /// `*:*`, what migrate and repair use for their internal refreshes.
  static IgnorePatterns all() { return parse("*:*"); }

  /// A copy with one more pattern (e.g. migrate adding `*:pending`).
  IgnorePatterns with(std::string_view pattern) const;

  /// True when any pattern matches a migration in `state`.
  bool matches(bool versioned, MigrationState state) const;
  /// "`state` is ignored": true when both a versioned and a repeatable
  /// migration in `state` would be matched (`*:x`, `*:*`, or both
  /// `versioned:x` and `repeatable:x`). Used with kPending, kIgnored,
  /// kMissingSuccess and kFutureSuccess.
  bool is_ignored(MigrationState state) const {
    return matches(true, state) && matches(false, state);
  }

  const std::vector<IgnorePattern>& patterns() const { return patterns_; }
  bool empty() const { return patterns_.empty(); }

 private:
  std::vector<IgnorePattern> patterns_;
};

}  // namespace runway
