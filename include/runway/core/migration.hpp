// The two sides of every comparison Runway makes: migrations found on disk
// (resolved) and rows found in the schema history table (applied).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runway/core/version.hpp"

namespace runway {

/// What a migration file is, by its prefix.
enum class MigrationKind {
  kVersioned,   ///< V<version>__<desc>.sql
  kRepeatable,  ///< R__<desc>.sql
  kUndo,        ///< U<version>__<desc>.sql
  kBaseline,    ///< B<version>__<desc>.sql
};

/// Per-script settings from `<file>.sql.conf` or a `-- flyway:` directive.
struct ScriptConfig {
  std::optional<bool> execute_in_transaction;
  std::optional<std::string> encoding;
  std::optional<bool> placeholder_replacement;
};

/// A migration file found in a location.
struct ResolvedMigration {
  MigrationKind kind = MigrationKind::kVersioned;
  std::optional<Version> version;  ///< empty for repeatables
  std::string raw_version;         ///< as in the file name, e.g. "1_1"
  std::string description;         ///< `_` turned into spaces
  std::string script;         ///< path relative to its location, `/` separated
  std::string physical_path;  ///< absolute path on disk
  /// Checksum written to history: raw text for V/B/U, placeholder-replaced
  /// text for R (when replacement is on).
  std::int32_t checksum = 0;
  /// For repeatables: checksum of the raw text, also accepted as a match
  /// (histories written before Flyway 6.3).
  std::optional<std::int32_t> equivalent_checksum;
  ScriptConfig config;

  /// The history `type` value: "SQL", "SQL_BASELINE" or "UNDO_SQL".
  std::string type() const { return std::string(type_name()); }
  /// type() without a copy.
  std::string_view type_name() const;
  bool is_versioned_like() const { return version.has_value(); }
};

/// A row of the schema history table.
struct AppliedMigration {
  int installed_rank = 0;
  std::optional<Version> version;
  std::string description;
  std::string type;  ///< "SQL", "BASELINE", "SCHEMA", "DELETE", ...
  std::string script;
  std::optional<std::int32_t> checksum;
  std::string installed_by;
  std::string installed_on;  ///< as the database returned it
  int execution_time = 0;    ///< milliseconds
  bool success = true;
};

}  // namespace runway
