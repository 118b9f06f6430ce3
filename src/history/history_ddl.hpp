// Private to src/history: Flyway's CREATE script for the history table.
#pragma once

#include <string>
#include <vector>

#include "runway/db/connection.hpp"

namespace runway::history::detail {

/// The create script split where Flyway puts the baseline INSERT: every
/// statement of `before_baseline`, then the baseline row, then
/// `after_baseline`. Statements carry no trailing ';'.
struct CreateScript {
  std::vector<std::string> before_baseline;
  std::vector<std::string> after_baseline;
};

CreateScript create_script(db::DatabaseType type, const std::string& schema,
                           const std::string& table,
                           const std::string& tablespace);

}  // namespace runway::history::detail
