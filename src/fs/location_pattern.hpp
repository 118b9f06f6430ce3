// Wildcards in filesystem locations, as Flyway's LocationParser reads them
// (private to fs/): `filesystem:db/**/test`, `db/release1.?`, `db/*.sql`.
// The components before the first one with `*` or `?` are the root that is
// listed; the rest is a pattern over each file's path under it:
// `**` is any number of directories (as few as will do), `*` one or more
// characters of one component, `?` exactly one. When the last component
// has a '.', the pattern names the files themselves; otherwise it names
// directories, and a file goes by its path under the matched directory
// (Flyway's "relpath", which is the history's script name).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runway::fs {

struct LocationPattern {
  std::vector<std::string> parts;  ///< after the root: "**" or a glob
  bool names_files = false;        ///< the last part has a '.'
  /// It ends in `**` (`db/**`): Flyway's expression then wants "//" in a
  /// path, so it matches no file.
  bool matches_nothing = false;
};

struct SplitLocation {
  std::string root;  ///< the path up to the first wildcard component
  std::optional<LocationPattern> pattern;  ///< none without wildcards
};

/// Splits a location's path (after "filesystem:") at its first component
/// with a wildcard; both '/' and '\\' separate components, as in Flyway.
SplitLocation split_wildcards(std::string_view path);

/// The name a file under the root goes by when `pattern` matches its path
/// `relative` ('/'-separated, under the root), or nullopt when it does not.
std::optional<std::string> match_location(const LocationPattern& pattern,
                                          std::string_view relative);

}  // namespace runway::fs
