// "Did you mean ...?" for unknown keys, commands and environments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace runway {

/// Optimal-string-alignment distance (a swap of two neighbours counts as
/// one edit), comparing ASCII letters case-insensitively.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, or "" when none is close enough to be a
/// plausible typo (about one edit per four characters, at least one, and
/// at most `max_distance`).
std::string closest_match(std::string_view word,
                          const std::vector<std::string>& candidates,
                          std::size_t max_distance = SIZE_MAX);

}  // namespace runway
