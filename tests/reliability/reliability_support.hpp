// Shared helpers for the reliability tests: a scratch directory of
// migration scripts, running the runway binary, and catalog snapshots that
// two databases can be compared by (tables, columns, row counts, history).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/process.hpp"
#include "runway/db/connection.hpp"

namespace runway::test {

/// Runs the runway binary with `args`.
ProcessResult run_runway(const std::vector<std::string>& args,
                         const ProcessOptions& options = {});

/// Opens a connection to `url` (libpq conninfo or jdbc:sqlite:...).
std::unique_ptr<db::Connection> open_url(const std::string& url,
                                         const std::string& user = "",
                                         const std::string& password = "");

/// All rows of `sql`, each row's fields joined by '|', NULL as "NULL".
std::vector<std::string> rows_of(db::Connection& conn, const std::string& sql);

/// Tables with columns and row counts, plus every history row, as text
/// lines; equal snapshots mean equal schemas as far as migrations go.
std::vector<std::string> postgres_snapshot(db::Connection& conn);
std::vector<std::string> sqlite_snapshot(db::Connection& conn);

/// True when `haystack` contains `needle`.
inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace runway::test
