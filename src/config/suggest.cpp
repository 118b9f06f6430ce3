#include "runway/config/suggest.hpp"

#include <algorithm>

namespace runway {
namespace {

// ASCII case folding, without the locale lookup std::tolower makes per
// call (names of settings and variables are ASCII).
std::string folded(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a_text, std::string_view b_text) {
  const std::string a = folded(a_text);
  const std::string b = folded(b_text);
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // Three rows: two back (for swaps), previous, current.
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min(
          {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[m];
}

std::string closest_match(std::string_view word,
                          const std::vector<std::string>& candidates,
                          std::size_t max_distance) {
  const std::size_t limit =
      std::min(max_distance, std::max<std::size_t>(1, (word.size() + 2) / 4));
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    // The distance is at least the difference in length: skip the
    // candidates that cannot be near enough (most of the settings table).
    const std::size_t gap = word.size() > candidate.size()
                                ? word.size() - candidate.size()
                                : candidate.size() - word.size();
    if (gap >= best_distance) continue;
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace runway
