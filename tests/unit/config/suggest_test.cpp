#include "runway/config/suggest.hpp"

#include <catch2/catch.hpp>

using namespace runway;

TEST_CASE("edit distance counts a swap of neighbours as one edit",
          "[config][suggest]") {
  CHECK(edit_distance("locations", "locations") == 0);
  CHECK(edit_distance("locatoins", "locations") == 1);
  CHECK(edit_distance("migrat", "migrate") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("URL", "url") == 0);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("closest match accepts plausible typos only", "[config][suggest]") {
  const std::vector<std::string> keys = {"locations", "callbackLocations",
                                         "target", "table"};
  CHECK(closest_match("locatoins", keys) == "locations");
  CHECK(closest_match("tabel", keys) == "table");
  CHECK(closest_match("Target", keys) == "target");
  CHECK(closest_match("banana", keys).empty());
  CHECK(closest_match("x", keys).empty());
}
