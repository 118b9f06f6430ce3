// Per-script settings: Flyway's `<script>.sql.conf` files and Runway's
// `-- flyway:key=value` directive comments at the top of a script.
#pragma once

#include <string>
#include <string_view>

#include "runway/core/migration.hpp"

namespace runway {

/// Parses the properties text of a `<script>.sql.conf` file (placeholders
/// already replaced). Keys: executeInTransaction, encoding,
/// placeholderReplacement. Throws MigrationFileError(file, 0, message,
/// "CONFIGURATION") with Flyway's messages:
/// "Invalid value for <key> (should be either true or false): <value>" and
/// "Unknown configuration property: <key>. Please check your script config
/// files" ("properties: a,b" when several).
ScriptConfig parse_script_config(std::string_view text,
                                 const std::string& file);

/// Reads directive comments from the head of a script: lines such as
/// `-- flyway:executeInTransaction=false` (or `-- runway:...`) among the
/// blank lines and comments before the first statement. Same keys and value
/// rules as parse_script_config; errors carry the 1-based line. Comments
/// that do not have the form `flyway:<key>=<value>` are ordinary comments.
/// `head` may be just the first part of the script.
ScriptConfig parse_script_directives(std::string_view head,
                                     const std::string& file);

/// Field by field: the `.sql.conf` value when set, else the directive's.
ScriptConfig merge_script_config(const ScriptConfig& conf,
                                 const ScriptConfig& directive);

}  // namespace runway
