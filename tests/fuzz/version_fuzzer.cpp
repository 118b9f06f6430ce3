// libFuzzer target for version parsing. On any text Version::parse must not
// crash; a parsed version must equal itself, re-parse from its own text to an
// equal version, and compare consistently with a second version cut from the
// same input (a < b exactly when b > a).
#include <compare>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "runway/core/version.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto cut = text.find('\n');
  const std::string first = text.substr(0, cut);
  std::string error;
  const auto a = runway::Version::parse(first, &error);
  if (!a) {
    if (error.empty()) std::abort();
    return 0;
  }
  if (!(*a == *a)) std::abort();
  const auto again = runway::Version::parse(a->text());
  if (!again || !(*again == *a)) std::abort();
  if (cut == std::string::npos) return 0;
  const auto b = runway::Version::parse(text.substr(cut + 1));
  if (!b) return 0;
  if ((*a < *b) != (*b > *a) || (*a == *b) != (*b == *a)) std::abort();
  return 0;
}
