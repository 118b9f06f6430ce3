#include "runway/core/target.hpp"

#include <catch2/catch.hpp>

#include "runway/core/error.hpp"

namespace runway {

TEST_CASE("target special words are case-insensitive", "[target]") {
  CHECK(Target::parse("latest").kind == Target::Kind::kLatest);
  CHECK(Target::parse("LATEST").kind == Target::Kind::kLatest);
  CHECK(Target::parse("Current").kind == Target::Kind::kCurrent);
  CHECK(Target::parse("nExT").kind == Target::Kind::kNext);
  CHECK(Target::parse("9223372036854775807").kind == Target::Kind::kLatest);
}

TEST_CASE("target version must exist unless it ends in a question mark",
          "[target]") {
  Target strict = Target::parse("1_2");
  CHECK(strict.kind == Target::Kind::kVersion);
  CHECK(strict.version->text() == "1.2");
  CHECK(strict.fail_if_missing);

  Target lenient = Target::parse("2.1?");
  CHECK(lenient.kind == Target::Kind::kVersion);
  CHECK(lenient.version->text() == "2.1");
  CHECK_FALSE(lenient.fail_if_missing);

  Target latest = Target::parse("latest?");
  CHECK(latest.kind == Target::Kind::kLatest);
  CHECK_FALSE(latest.fail_if_missing);
}

TEST_CASE("an unparsable target is a configuration error", "[target]") {
  try {
    Target::parse("1.x");
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()) ==
          "Version may only contain 0..9 and . (dot). Invalid version: 1.x");
  }
}

}  // namespace runway
