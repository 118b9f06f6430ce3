// Finding migrations and SQL callbacks in the configured locations.
#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "runway/core/file_name.hpp"
#include "runway/core/migration.hpp"
#include "runway/core/placeholders.hpp"

namespace runway::fs {

class ParallelLoop;

/// What to scan and how to read what is found.
struct ScanOptions {
  /// "filesystem:<dir>" or a bare "<dir>"; relative ones are resolved
  /// against working_directory. Empty = {"filesystem:sql"}.
  std::vector<std::string> locations;
  /// Where SQL callbacks are looked for instead of `locations`, when set
  /// (Flyway's callbackLocations). Missing ones are skipped with a warning.
  std::vector<std::string> callback_locations;
  std::string working_directory;  ///< empty = the process's
  NamingOptions naming;
  std::string encoding = "UTF-8";  ///< unless a script's config says else
  bool placeholder_replacement = true;
  /// The final values (user ones and resolved `flyway:*` built-ins);
  /// `flyway:filename` is set per script by the scanner itself.
  PlaceholderOptions placeholders;
  /// When set, supplies the values instead of `placeholders`, at most once
  /// and only if some script needs them (a repeatable, a `.sql.conf` file),
  /// from whichever scanning thread needs them first. The built-ins come
  /// from the database, so the scan can start while it is being connected.
  std::function<PlaceholderOptions()> resolve_placeholders;
  /// When set and it becomes true, the scan stops before its next file with
  /// an Error whose text says so (the caller that set it has its own error
  /// to report; a scan of thousands of files need not finish first).
  std::shared_ptr<const std::atomic<bool>> cancelled;
  /// When true, the scan's threads run at the lowest CPU priority (nice
  /// 19): it is background work, done in the time the caller's own work
  /// (loading libpq, connecting, reading the history) and the database
  /// server leave idle, and the caller joins in when that work is done
  /// (StartedScan::help, at its own priority). A runner that waits for the
  /// migration lock does not join in: its scan then reads in the time the
  /// lock's holder leaves idle. start_scan sets it; the thread that calls
  /// scan_locations reads too and is lowered with the others.
  bool background = false;
  bool validate_migration_naming = false;
  bool fail_on_missing_locations = false;
};

/// An SQL callback script, e.g. `beforeMigrate.sql` or
/// `afterEachMigrate__note.sql`.
struct Callback {
  std::string event;        ///< e.g. "afterEachMigrate"
  std::string description;  ///< "note"; empty for `beforeMigrate.sql`
  std::string physical_path;
  std::string script;  ///< path relative to its location, '/'-separated
  ScriptConfig config;
};

/// Everything found, in Flyway's order.
struct ScanResult {
  /// Versioned-like ones (V, B, U) by version (V before B before U on equal
  /// versions), then repeatables by description (byte order).
  std::vector<ResolvedMigration> migrations;
  /// By event (in Flyway's Event order), then description (byte order).
  std::vector<Callback> callbacks;
  /// Lines for the log at warning level: skipped locations.
  std::vector<std::string> warnings;
  /// Lines for the log at info level, as Flyway logs them: how many file
  /// names were skipped as invalid.
  std::vector<std::string> notices;
};

/// Scans the locations: recursively, hidden directories skipped, files
/// ending in a configured suffix parsed as migration or callback names.
/// Reads each migration once, streaming, to compute its checksum (raw text
/// for V/B/U; for R the placeholder-replaced text, with the raw text's as
/// equivalent_checksum), and each script's `.sql.conf` and directives.
///
/// Throws:
/// - ConfigError "Invalid SQL filenames found:\r\n<msg>\r\n<msg>..." when
///   validate_migration_naming is on and some name is invalid (otherwise the
///   invalid files are skipped with Flyway's two log lines as warnings);
/// - ConfigError "Failed to find filesystem location: <p> (not found)" when
///   fail_on_missing_locations is on (otherwise the warning "Skipping
///   filesystem location: <p> (not found)");
/// - Error DUPLICATE_VERSIONED_MIGRATION / DUPLICATE_REPEATABLE_MIGRATION
///   with Flyway's message naming both files, and Flyway's message for two
///   callbacks of the same name;
/// - MigrationFileError for unreadable or wrongly encoded scripts, bad
///   `.sql.conf` files or directives, and unknown placeholders in
///   repeatables.
ScanResult scan_locations(const ScanOptions& options);

/// A scan_locations running on a thread of its own (start_scan).
class StartedScan {
 public:
  StartedScan(std::future<ScanResult> result,
              std::shared_ptr<ParallelLoop> readers);
  StartedScan(StartedScan&&) noexcept;
  StartedScan& operator=(StartedScan&&) noexcept;
  ~StartedScan();

  /// Reads files with the scan until none is left (or returns at once if
  /// the reading is over). The scan keeps a processor free for the
  /// caller's own work meanwhile; a caller whose work is done lends its
  /// thread here, once, before get().
  void help();
  /// Waits for the end of the scan: its result, or its error.
  ScanResult get();
  /// Waits for the end of the scan, whose outcome no longer matters.
  void wait() const { result_.wait(); }

 private:
  std::future<ScanResult> result_;
  std::shared_ptr<ParallelLoop> readers_;
};

/// scan_locations on a thread of its own, for a caller with other work
/// meanwhile. The scan's reading threads are all started before this
/// returns: the caller may go on to load a shared library (connecting loads
/// libpq), and glibc makes thread creation wait for a dlopen in progress.
/// It reads with one thread fewer than the machine has processors (one at
/// least), the caller's work having the last, until the caller joins in
/// (help()).
StartedScan start_scan(ScanOptions options);

}  // namespace runway::fs
