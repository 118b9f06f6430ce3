// Locations: where migrations live, and the files found under them
// (private to fs/).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "location_pattern.hpp"

namespace runway::fs {

/// An open directory, closed with its last user.
class OpenDirectory {
 public:
  /// A duplicate of `fd` (close-on-exec), or null when 64 are open in the
  /// process already (each holds a descriptor, against a limit often of
  /// 1024, whatever the number of locations and scans) or the duplicate
  /// fails.
  static std::shared_ptr<const OpenDirectory> keep(int fd);
  ~OpenDirectory();
  OpenDirectory(const OpenDirectory&) = delete;
  OpenDirectory& operator=(const OpenDirectory&) = delete;
  int fd() const { return fd_; }

 private:
  explicit OpenDirectory(int fd) : fd_(fd) {}
  int fd_;
};

/// A file found under a location root.
struct FoundFile {
  std::string relative;  ///< path under the root, '/'-separated
  std::string absolute;  ///< absolute, lexically normal
  std::string name;      ///< the last path component
  /// The directory holding it, kept open so that the file can be opened
  /// relative to it (`name`); null when none could be kept
  /// (OpenDirectory::keep): the file is then opened by `absolute`.
  std::shared_ptr<const OpenDirectory> directory;
};

/// A location string resolved against the working directory.
struct Location {
  std::string text;            ///< as configured, e.g. "filesystem:sql"
  std::filesystem::path root;  ///< absolute directory
  std::string shown;           ///< the path as Flyway prints it in messages
  bool relative = false;       ///< the configured path was relative
  /// Wildcards after the root (`db/**/test`): only the files they match
  /// are the location's, by the names match_location gives them.
  std::optional<LocationPattern> pattern;
};

/// Resolves "filesystem:<dir>" or a bare "<dir>" against
/// `working_directory` (empty = the process's); a path with wildcards is
/// split into its root and pattern (a pattern from its first component on,
/// `**/sql`, has the working directory for root). Throws ConfigError for
/// other kinds of location (classpath:, s3:, ...).
Location resolve_location(std::string_view text,
                          const std::string& working_directory);

/// Why a location root cannot be scanned: "" when it can, else Flyway's
/// words "not found", "not readable" or "not a directory".
std::string_view directory_problem(const std::filesystem::path& root);

/// Every regular file under `root`, recursively, sorted by relative path.
/// Directories whose names start with '.' are skipped (Flyway's rule for
/// hidden directories, which keeps Kubernetes' ..data links out); hidden
/// files are kept. Symbolic links are followed, each directory once.
/// Unreadable directories are skipped, as in Flyway; unreadable files are
/// listed (Flyway skips them silently) so that reading them fails loudly
/// instead of a migration going unseen.
std::vector<FoundFile> list_files(const std::filesystem::path& root);

}  // namespace runway::fs
