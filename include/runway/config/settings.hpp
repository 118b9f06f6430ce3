// Every setting Runway understands, with its default, in one place.
// Loaders (TOML, .conf, environment, command line) fill a Settings in
// precedence order; commands only read it. The Flyway key behind each field,
// its type, environment variable and description are in settings_table.hpp;
// load_settings() (load_settings.hpp) builds one from every source.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace runway {

enum class OutputType { kText, kJson };

struct Settings {
  // --- connection (the selected environment) ---
  std::string url;
  std::string user;
  std::string password;       ///< never printed; see secrets_of()
  std::string password_file;  ///< Runway's passwordFile, already read into
                              ///< `password` by load_settings()
  std::vector<std::string> schemas;
  std::string default_schema;  ///< empty = first of schemas, else current
  int connect_retries = 0;
  int connect_retries_interval = 120;  ///< seconds, cap of the back-off
  std::string init_sql;
  std::map<std::string, std::string> jdbc_properties;
  std::string environment = "default";

  // --- locations and naming ---
  std::vector<std::string> locations;  ///< empty = "filesystem:sql"
  std::vector<std::string> callback_locations;
  std::string sql_migration_prefix = "V";
  std::string repeatable_sql_migration_prefix = "R";
  std::string undo_sql_migration_prefix = "U";
  std::string baseline_migration_prefix = "B";
  std::string sql_migration_separator = "__";
  std::vector<std::string> sql_migration_suffixes = {".sql"};
  std::string encoding = "UTF-8";
  bool validate_migration_naming = false;
  bool fail_on_missing_locations = false;
  bool skip_default_callbacks = false;

  // --- placeholders ---
  std::map<std::string, std::string> placeholders;  ///< keys lower-cased
  bool placeholder_replacement = true;
  std::string placeholder_prefix = "${";
  std::string placeholder_suffix = "}";
  std::string placeholder_separator = ":";

  // --- history table ---
  std::string table = "flyway_schema_history";
  std::string tablespace;
  std::string installed_by;  ///< empty = database user

  // --- behaviour ---
  std::string target = "latest";
  bool out_of_order = false;
  bool validate_on_migrate = true;
  std::vector<std::string> ignore_migration_patterns = {"*:future"};
  bool baseline_on_migrate = false;
  std::string baseline_version = "1";
  std::string baseline_description = "<< Flyway Baseline >>";
  bool clean_disabled = true;
  bool mixed = false;
  bool group = false;
  bool execute_in_transaction = true;
  bool create_schemas = true;
  bool skip_executing_migrations = false;
  bool output_query_results = true;
  int lock_retry_count = 50;
  /// true: the PostgreSQL lock is held in a transaction (for PgBouncer's
  /// transaction pooling); false, Runway's default (Flyway's is true): a
  /// session lock.
  bool postgresql_transactional_lock = false;

  // --- command line only ---
  std::string working_directory;  ///< empty = process working directory
  OutputType output_type = OutputType::kText;
  std::string output_file;
  bool debug = false;          ///< -X
  bool quiet = false;          ///< -q
  std::string color = "auto";  ///< always | never | auto
  std::string config_file_encoding = "UTF-8";
  // info filters (-infoSinceDate etc.), kept as given for the info command
  std::string info_since_date;  ///< dd/MM/yyyy HH:mm
  std::string info_until_date;
  std::string info_since_version;
  std::string info_until_version;
  std::vector<std::string> info_of_state;
  bool info_migration_ids = false;  ///< -migrationIds

  // --- where the values came from (filled by load_settings) ---
  /// Flyway key ("url", "locations", "placeholders.tenant") → "default",
  /// "file /x/flyway.toml", "env FLYWAY_URL", "command line", ...
  /// Keys absent here have their default value.
  std::map<std::string, std::string> origin;
  std::vector<std::string> config_files;  ///< loaded, lowest precedence first
  std::vector<std::string> notes;     ///< debug-level remarks (ignored keys)
  std::vector<std::string> warnings;  ///< worth a WARNING line
};

}  // namespace runway
