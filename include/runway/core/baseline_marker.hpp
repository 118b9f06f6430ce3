// Reading the history the way the `baseline` command must: Flyway looks for
// the BASELINE marker only in the first two rows (a SCHEMA marker may come
// first), and refuses to baseline a history holding real migrations.
#pragma once

#include <optional>
#include <vector>

#include "runway/core/migration.hpp"

namespace runway {

/// The BASELINE marker row, searched only among the two lowest installed
/// ranks (Flyway's SchemaHistory.getBaselineMarker); nullopt if none.
std::optional<AppliedMigration> find_baseline_marker(
    const std::vector<AppliedMigration>& rows);

/// True when any row is a migration rather than a marker (SCHEMA,
/// BASELINE, DELETE) or an undo run.
bool has_non_synthetic_rows(const std::vector<AppliedMigration>& rows);

}  // namespace runway
