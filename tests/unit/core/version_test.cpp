#include "runway/core/version.hpp"

#include <catch2/catch.hpp>

namespace runway {
namespace {

Version v(std::string_view text) {
  std::string error;
  auto version = Version::parse(text, &error);
  INFO(error);
  REQUIRE(version.has_value());
  return *version;
}

std::string parse_error(std::string_view text) {
  std::string error;
  auto version = Version::parse(text, &error);
  CHECK_FALSE(version.has_value());
  return error;
}

}  // namespace

TEST_CASE("parts compare numerically, not as text", "[version]") {
  CHECK(v("1.9") < v("1.10"));
  CHECK(v("2") < v("10"));
  CHECK(v("10") > v("9.9.9"));
  CHECK(v("1.2.3") < v("1.2.4"));
}

TEST_CASE("leading zeros and trailing zero parts do not matter", "[version]") {
  CHECK(v("1") == v("1.0"));
  CHECK(v("1") == v("001"));
  CHECK(v("1.0") == v("001"));
  CHECK(v("1") == v("1.0.0.0"));
  CHECK(v("1.1") == v("1.01"));
  CHECK(v("0") == v("0.0"));
  CHECK(v("1.0.1") > v("1"));
  CHECK(v("1") < v("1.0.1"));
}

TEST_CASE("underscore is read as a dot", "[version]") {
  CHECK(v("1_1") == v("1.1"));
  CHECK(v("4.9_2015.10.26") < v("5.0_2014.08.08"));
  CHECK(v("2014_08_08") > v("2014.8.7"));
}

TEST_CASE("display text keeps the digits with underscores as dots",
          "[version]") {
  CHECK(v("1_1").text() == "1.1");
  CHECK(v("001").text() == "001");
  CHECK(v("2.0").text() == "2.0");
  CHECK(v("4.9_2015.10.26").text() == "4.9.2015.10.26");
}

TEST_CASE("parts larger than 64 bits compare exactly", "[version]") {
  CHECK(v("18446744073709551616") > v("18446744073709551615"));
  CHECK(v("1.99999999999999999999999999") < v("1.100000000000000000000000000"));
  CHECK(v("00000000000000000000000000000000000007") == v("7"));
  CHECK(v("123456789012345678901234567890.1") ==
        v("123456789012345678901234567890.1.0"));
}

TEST_CASE("parts of 255 digits and more still compare by size, then digits",
          "[version]") {
  // The order key stores a part's length in one byte below 255, in five
  // bytes from 255 on; both must still sort by value.
  const std::string nines(254, '9');
  const std::string long_one = "1" + std::string(254, '0');  // 255 digits
  const std::string longer = "1" + std::string(299, '0');    // 300 digits
  CHECK(v(nines) < v(long_one));
  CHECK(v(long_one) < v(longer));
  CHECK(v("2." + long_one) < v("2." + longer));
  CHECK(v("3." + longer) > v("2." + longer + ".5"));
  CHECK(v(long_one + ".0") == v("000" + long_one));
  CHECK(v(long_one + ".1") > v(long_one));
  // Zero parts in the middle still count; only trailing ones are dropped.
  CHECK(v("1.0.5") > v("1"));
  CHECK(v("1.0.5") < v("1.1"));
  CHECK(v("0.0.1") > v("0"));
  CHECK(v("0.0.1") < v("0.1"));
}

TEST_CASE("ordering is consistent both ways", "[version]") {
  CHECK((v("1.2") <=> v("1.10")) == std::strong_ordering::less);
  CHECK((v("1.10") <=> v("1.2")) == std::strong_ordering::greater);
  CHECK((v("3") <=> v("3.0")) == std::strong_ordering::equal);
  CHECK_FALSE(v("1") == v("1.1"));
}

TEST_CASE("malformed versions give Flyway's message", "[version]") {
  CHECK(parse_error("1..2") ==
        "Version may only contain 0..9 and . (dot). Invalid version: 1..2");
  CHECK(parse_error("1.") ==
        "Version may only contain 0..9 and . (dot). Invalid version: 1.");
  CHECK(parse_error("1_") ==
        "Version may only contain 0..9 and . (dot). Invalid version: 1.");
  CHECK(parse_error("1.a") ==
        "Version may only contain 0..9 and . (dot). Invalid version: 1.a");
  CHECK(parse_error("1 2") ==
        "Version may only contain 0..9 and . (dot). Invalid version: 1 2");
  CHECK(parse_error("") ==
        "Version may only contain 0..9 and . (dot). Invalid version: ");
  CHECK(parse_error(".1") ==
        "Version may only contain 0..9 and . (dot). Invalid version: .1");
  CHECK(parse_error("-1") ==
        "Version may only contain 0..9 and . (dot). Invalid version: -1");
}

TEST_CASE("parse without an error sink just returns nullopt", "[version]") {
  CHECK_FALSE(Version::parse("x").has_value());
  CHECK(Version::parse("1.2").has_value());
}

}  // namespace runway
