#include "runway/core/ignore_patterns.hpp"

#include <catch2/catch.hpp>

#include "runway/core/error.hpp"

namespace runway {
namespace {

std::string pattern_error(std::string_view value) {
  try {
    IgnorePatterns::parse(value);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("ignore patterns are comma separated, trimmed, case-insensitive",
          "[ignore_patterns]") {
  IgnorePatterns patterns =
      IgnorePatterns::parse(" Versioned : MISSING , repeatable:pending");
  REQUIRE(patterns.patterns().size() == 2);
  CHECK(patterns.matches(true, MigrationState::kMissingSuccess));
  CHECK_FALSE(patterns.matches(false, MigrationState::kMissingSuccess));
  CHECK(patterns.matches(false, MigrationState::kPending));
  CHECK_FALSE(patterns.matches(true, MigrationState::kPending));
}

TEST_CASE("an empty ignore pattern setting means no patterns",
          "[ignore_patterns]") {
  CHECK(IgnorePatterns::parse("").empty());
  CHECK(IgnorePatterns::parse(std::vector<std::string>{""}).empty());
  CHECK(IgnorePatterns::parse(std::vector<std::string>{}).empty());
}

TEST_CASE("a state pattern matches the display name, not failed variants",
          "[ignore_patterns]") {
  IgnorePatterns patterns = IgnorePatterns::parse("*:missing,*:future");
  CHECK(patterns.matches(true, MigrationState::kMissingSuccess));
  CHECK(patterns.matches(true, MigrationState::kFutureSuccess));
  CHECK_FALSE(patterns.matches(true, MigrationState::kMissingFailed));
  CHECK_FALSE(patterns.matches(true, MigrationState::kFutureFailed));
  IgnorePatterns any = IgnorePatterns::parse("versioned:*");
  CHECK(any.matches(true, MigrationState::kMissingFailed));
  CHECK_FALSE(any.matches(false, MigrationState::kMissingFailed));
}

TEST_CASE("a state counts as ignored only for both kinds of migration",
          "[ignore_patterns]") {
  CHECK(
      IgnorePatterns::parse("*:pending").is_ignored(MigrationState::kPending));
  CHECK(IgnorePatterns::parse("*:*").is_ignored(MigrationState::kPending));
  CHECK_FALSE(IgnorePatterns::parse("versioned:pending")
                  .is_ignored(MigrationState::kPending));
  CHECK(IgnorePatterns::parse("versioned:pending,repeatable:pending")
            .is_ignored(MigrationState::kPending));
  CHECK(IgnorePatterns::defaults().is_ignored(MigrationState::kFutureSuccess));
  CHECK_FALSE(
      IgnorePatterns::defaults().is_ignored(MigrationState::kMissingSuccess));
  CHECK(
      IgnorePatterns().with("*:pending").is_ignored(MigrationState::kPending));
}

TEST_CASE("malformed ignore patterns give Flyway's messages",
          "[ignore_patterns]") {
  const std::string kUrl(kIgnoreMigrationPatternsUrl);
  CHECK(pattern_error("pending") ==
        "Invalid pattern 'pending'. Pattern must be of the form "
        "<migration_type>:<migration_state> See " +
            kUrl + " for full details");
  CHECK(pattern_error("*:") ==
        "Invalid pattern '*:'. Pattern must be of the form "
        "<migration_type>:<migration_state> See " +
            kUrl + " for full details");
  CHECK(pattern_error("a:b:c").starts_with("Invalid pattern 'a:b:c'."));
  CHECK(pattern_error("Baseline:missing") ==
        "Invalid migration type 'Baseline'. Valid types are: [*, repeatable, "
        "versioned]");
  CHECK(pattern_error("*:Failed") ==
        "Invalid migration state 'Failed'. Valid states are: [*, missing, "
        "pending, ignored, future]");
  CHECK(pattern_error("*:future,,*:missing").starts_with("Invalid pattern ''"));
}

TEST_CASE("a trailing colon piece is dropped as Java's split does",
          "[ignore_patterns]") {
  IgnorePatterns patterns = IgnorePatterns::parse("*:pending:");
  CHECK(patterns.is_ignored(MigrationState::kPending));
}

}  // namespace runway
