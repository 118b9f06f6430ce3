#include <catch2/catch.hpp>

#include "runway/core/file_name.hpp"

using runway::abbreviate_description;
using runway::abbreviate_script;

TEST_CASE("descriptions over 200 characters keep 197 and add dots",
          "[history]") {
  const std::string exact(200, 'd');
  CHECK(abbreviate_description(exact) == exact);
  const std::string longer = std::string(197, 'a') + "bcdef";
  CHECK(abbreviate_description(longer) == std::string(197, 'a') + "...");
  // Characters, not bytes: 201 two-byte characters.
  std::string accented;
  for (int i = 0; i < 201; ++i) accented += "\xC3\xA9";
  const std::string cut = abbreviate_description(accented);
  CHECK(cut.size() == 197 * 2 + 3);
}

TEST_CASE("scripts over 1000 characters drop their first three", "[history]") {
  const std::string exact(1000, 's');
  CHECK(abbreviate_script(exact) == exact);
  const std::string longer = "abc" + std::string(997, 'x') + "tail";
  CHECK(abbreviate_script(longer) == "..." + std::string(997, 'x'));
}
