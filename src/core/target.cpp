#include "runway/core/target.hpp"

#include <algorithm>
#include <cctype>

#include "runway/core/error.hpp"

namespace runway {
namespace {

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

Target Target::parse(std::string_view text) {
  Target target;
  // Flyway strips one trailing '?' first, so "latest?" and "1.2?" both work.
  if (text.ends_with('?')) {
    target.fail_if_missing = false;
    text.remove_suffix(1);
  }
  if (equals_ignore_case(text, "latest") || text == "9223372036854775807") {
    target.kind = Kind::kLatest;
  } else if (equals_ignore_case(text, "current")) {
    target.kind = Kind::kCurrent;
  } else if (equals_ignore_case(text, "next")) {
    target.kind = Kind::kNext;
  } else {
    std::string error;
    target.version = Version::parse(text, &error);
    if (!target.version) throw ConfigError(error);
    target.kind = Kind::kVersion;
  }
  return target;
}

}  // namespace runway
