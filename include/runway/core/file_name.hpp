// Migration and callback file names, parsed by Flyway's ResourceNameParser
// rules, and the abbreviations Flyway applies before storing names.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runway/core/migration.hpp"
#include "runway/core/version.hpp"

namespace runway {

/// The configurable parts of a migration file name (Flyway's
/// sqlMigrationPrefix, repeatableSqlMigrationPrefix, ... settings).
struct NamingOptions {
  std::string sql_migration_prefix = "V";
  std::string repeatable_sql_migration_prefix = "R";
  std::string undo_sql_migration_prefix = "U";
  std::string baseline_migration_prefix = "B";
  std::string sql_migration_separator = "__";
  std::vector<std::string> sql_migration_suffixes = {".sql"};
};

/// A file name that names a migration or an SQL callback.
struct ParsedFileName {
  bool is_callback = false;
  MigrationKind kind = MigrationKind::kVersioned;  ///< migrations only
  std::string event;  ///< callbacks only: the event id, e.g. "beforeMigrate"
  std::optional<Version> version;  ///< V, B and U files
  std::string raw_version;         ///< as written, e.g. "1_1"
  std::string description;         ///< `_` turned into spaces
  std::string prefix;              ///< as matched, e.g. "V" or "afterMigrate"
  std::string separator;           ///< the configured separator
  std::string suffix;              ///< as written in the file, e.g. ".SQL"

  /// Flyway's "filename without suffix": prefix + version, then separator +
  /// description when there is one. Two callbacks with the same value clash.
  std::string name_without_suffix() const;
};

/// Flyway's callback event ids (the SQL callback file prefixes), in Flyway's
/// Event order.
std::span<const std::string_view> callback_events();

/// True when `id` is one of callback_events().
bool is_callback_event(std::string_view id);

/// True when `file_name` ends with one of the configured suffixes, compared
/// without regard to case. Only such files are migration candidates.
bool has_migration_suffix(std::string_view file_name,
                          const NamingOptions& options);

/// Parses a file name (no directory part). Returns nullopt and sets *error to
/// Flyway's exact message when the name is not a valid migration or
/// callback name, e.g. "Unrecognised migration name format: x.sql".
std::optional<ParsedFileName> parse_file_name(std::string_view file_name,
                                              const NamingOptions& options,
                                              std::string* error = nullptr);

/// parse_file_name for many names under one NamingOptions: the table of
/// prefixes (V, R, every callback event, B, U, longest first) is built once,
/// here, rather than per name. `options` must outlive the parser. Holds no
/// cache of its own, so parsers on several threads share nothing.
class FileNameParser {
 public:
  explicit FileNameParser(const NamingOptions& options);

  std::optional<ParsedFileName> parse(std::string_view file_name,
                                      std::string* error = nullptr) const;

  struct Prefix {
    std::string_view text;  // into the options or the static event names
    bool is_callback;
    MigrationKind kind;
  };

 private:
  const NamingOptions& options_;
  std::vector<Prefix> prefixes_;
};

/// Flyway's description abbreviation for the 200-character history column:
/// longer texts become their first 197 characters + "...". Characters are
/// counted as Java does (UTF-16 code units), never splitting a character.
std::string abbreviate_description(std::string_view description);

/// Flyway's script abbreviation for the 1000-character history column:
/// longer texts become "..." + characters [3, 1000).
std::string abbreviate_script(std::string_view script);

}  // namespace runway
