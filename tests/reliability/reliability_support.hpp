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

/// A runway process started in the background, its output in files.
struct Spawned {
  ScratchDir logs;
  int pid = 0;
  /// Waits for the process; its exit code (-1 if signalled).
  int wait() const { return wait_process(pid); }
  std::string err() const { return read_text_file(logs.path("err.txt")); }
  std::string out() const { return read_text_file(logs.path("out.txt")); }
};

/// Starts the runway binary with `args` without waiting for it.
std::unique_ptr<Spawned> spawn_runway(const std::vector<std::string>& args,
                                      const ProcessOptions& options = {});

/// Waits (up to 20 s) until a runway backend in `admin`'s database (tests
/// run side by side, each in a database of its own), not `admin`'s own,
/// runs a statement matching the LIKE pattern `like`; returns its pid.
std::string wait_for_postgres_backend(db::Connection& admin,
                                      const std::string& like);

/// Waits (up to 20 s) until a connection other than `admin`'s runs a
/// statement matching `like` on MySQL/MariaDB; returns its connection id.
std::string wait_for_mysql_connection(db::Connection& admin,
                                      const std::string& like);

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
/// The same for the current MySQL/MariaDB database.
std::vector<std::string> mysql_snapshot(db::Connection& conn);

/// True when `haystack` contains `needle`.
inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace runway::test
