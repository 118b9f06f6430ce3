// Traits of the history table's `type` column (Flyway's MigrationType):
// which rows are markers Flyway writes itself (synthetic), which record
// baselines, and which record undo runs.
#pragma once

#include <string_view>

namespace runway {

/// SCHEMA, BASELINE and DELETE rows: markers, never backed by a file.
constexpr bool is_synthetic_type(std::string_view type) {
  return type == "SCHEMA" || type == "BASELINE" || type == "DELETE";
}

/// BASELINE markers and applied baseline migrations (B files).
constexpr bool is_baseline_type(std::string_view type) {
  return type == "BASELINE" || type == "SQL_BASELINE" ||
         type == "JDBC_BASELINE";
}

/// Undo runs: UNDO_SQL, UNDO_JDBC, UNDO_SCRIPT, ...
constexpr bool is_undo_type(std::string_view type) {
  return type.starts_with("UNDO_");
}

}  // namespace runway
