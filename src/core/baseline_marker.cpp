#include "runway/core/baseline_marker.hpp"

#include <algorithm>

#include "runway/core/migration_type.hpp"

namespace runway {

std::optional<AppliedMigration> find_baseline_marker(
    const std::vector<AppliedMigration>& rows) {
  std::vector<const AppliedMigration*> first;
  for (const AppliedMigration& row : rows) first.push_back(&row);
  std::size_t count = std::min<std::size_t>(first.size(), 2);
  std::partial_sort(first.begin(),
                    first.begin() + static_cast<std::ptrdiff_t>(count),
                    first.end(), [](const auto* a, const auto* b) {
                      return a->installed_rank < b->installed_rank;
                    });
  for (std::size_t i = 0; i < count; ++i) {
    if (first[i]->type == "BASELINE") return *first[i];
  }
  return std::nullopt;
}

bool has_non_synthetic_rows(const std::vector<AppliedMigration>& rows) {
  return std::any_of(rows.begin(), rows.end(), [](const AppliedMigration& r) {
    return !is_synthetic_type(r.type) && !is_undo_type(r.type);
  });
}

}  // namespace runway
