// The settings table (see settings_table.hpp). Rows follow Flyway's key
// names, defaults and FLYWAY_* variable names (flyway-surface.md §1.3, §2)
// so that an existing flyway.toml / flyway.conf / environment works as is.
// Keys Flyway has but Runway cannot honour are listed too: Java-only ones
// are accepted and ignored (a debug note says so); ones whose effect would
// be silently lost (cherryPick, errorOverrides, ...) are refused unless left
// at their default.
#include "runway/config/settings_table.hpp"

#include <algorithm>
#include <array>
#include <type_traits>

namespace runway {
namespace {

using S = SettingScope;
using T = SettingType;
using U = SettingSupport;
constexpr U kOn = U::kHonoured;
constexpr U kOff = U::kIgnored;
constexpr U kNo = U::kUnsupported;
constexpr std::monostate kNone{};

const std::array kTable = std::to_array<SettingSpec>({
    // ---- [flyway] -----------------------------------------------------------
    {"environment", S::kFlyway, T::kString, "default", "",
     "Which `[environments.NAME]` to use (env var: lower-case "
     "`flyway_environment`)",
     kOn, &Settings::environment},
    {"locations", S::kFlyway, T::kList, "filesystem:sql", "LOCATIONS",
     "Where migrations are: `filesystem:<dir>` (prefix optional), searched "
     "recursively; relative to -workingDirectory",
     kOn, &Settings::locations},
    {"callbackLocations", S::kFlyway, T::kList, "", "CALLBACK_LOCATIONS",
     "Where SQL callbacks are searched instead of `locations` (as in Flyway)",
     kOn, &Settings::callback_locations},
    {"table", S::kFlyway, T::kString, "flyway_schema_history", "TABLE",
     "Name of the schema history table", kOn, &Settings::table},
    {"tablespace", S::kFlyway, T::kString, "", "TABLESPACE",
     "Tablespace of the schema history table (database default if empty)", kOn,
     &Settings::tablespace},
    {"defaultSchema", S::kFlyway, T::kString, "(first of schemas)",
     "DEFAULT_SCHEMA",
     "Schema holding the history table; else the first of `schemas`, else "
     "the connection's current schema",
     kOn, &Settings::default_schema},
    {"baselineVersion", S::kFlyway, T::kString, "1", "BASELINE_VERSION",
     "Version recorded by `baseline`", kOn, &Settings::baseline_version},
    {"baselineDescription", S::kFlyway, T::kString, "<< Flyway Baseline >>",
     "BASELINE_DESCRIPTION", "Description recorded by `baseline`", kOn,
     &Settings::baseline_description},
    {"baselineOnMigrate", S::kFlyway, T::kBool, "false", "BASELINE_ON_MIGRATE",
     "Baseline a non-empty schema without history table on `migrate`", kOn,
     &Settings::baseline_on_migrate},
    {"baselineMigrationPrefix", S::kFlyway, T::kString, "B",
     "BASELINE_MIGRATION_PREFIX", "File prefix of baseline migrations", kOn,
     &Settings::baseline_migration_prefix},
    {"validateOnMigrate", S::kFlyway, T::kBool, "true", "VALIDATE_ON_MIGRATE",
     "Validate before migrating (pending migrations allowed)", kOn,
     &Settings::validate_on_migrate},
    {"validateMigrationNaming", S::kFlyway, T::kBool, "false",
     "VALIDATE_MIGRATION_NAMING",
     "Fail on files in locations whose names are not valid migrations", kOn,
     &Settings::validate_migration_naming},
    {"outOfOrder", S::kFlyway, T::kBool, "false", "OUT_OF_ORDER",
     "Apply pending migrations older than the current version", kOn,
     &Settings::out_of_order},
    {"target", S::kFlyway, T::kString, "latest", "TARGET",
     "Version to migrate to: `latest`, `current`, `next`, a version, or "
     "`<version>?`",
     kOn, &Settings::target},
    {"cleanDisabled", S::kFlyway, T::kBool, "true", "CLEAN_DISABLED",
     "Refuse `clean` (set false to allow it)", kOn, &Settings::clean_disabled},
    {"placeholders", S::kFlyway, T::kMap, "", "PLACEHOLDERS_<NAME>",
     "Placeholder values: `[flyway.placeholders]`, `-placeholders.NAME=v`; "
     "names are case-insensitive",
     kOn, &Settings::placeholders},
    {"placeholderReplacement", S::kFlyway, T::kBool, "true",
     "PLACEHOLDER_REPLACEMENT", "Replace placeholders in scripts", kOn,
     &Settings::placeholder_replacement},
    {"placeholderPrefix", S::kFlyway, T::kString, "${", "PLACEHOLDER_PREFIX",
     "Text that starts a placeholder", kOn, &Settings::placeholder_prefix},
    {"placeholderSuffix", S::kFlyway, T::kString, "}", "PLACEHOLDER_SUFFIX",
     "Text that ends a placeholder", kOn, &Settings::placeholder_suffix},
    {"placeholderSeparator", S::kFlyway, T::kString, ":",
     "PLACEHOLDER_SEPARATOR", "Separator in built-ins such as `flyway:user`",
     kOn, &Settings::placeholder_separator},
    {"sqlMigrationPrefix", S::kFlyway, T::kString, "V", "SQL_MIGRATION_PREFIX",
     "File prefix of versioned migrations", kOn,
     &Settings::sql_migration_prefix},
    {"sqlMigrationSeparator", S::kFlyway, T::kString, "__",
     "SQL_MIGRATION_SEPARATOR", "Separator between version and description",
     kOn, &Settings::sql_migration_separator},
    {"sqlMigrationSuffixes", S::kFlyway, T::kList, ".sql",
     "SQL_MIGRATION_SUFFIXES", "File suffixes of migrations (case-insensitive)",
     kOn, &Settings::sql_migration_suffixes},
    {"repeatableSqlMigrationPrefix", S::kFlyway, T::kString, "R",
     "REPEATABLE_SQL_MIGRATION_PREFIX", "File prefix of repeatable migrations",
     kOn, &Settings::repeatable_sql_migration_prefix},
    {"undoSqlMigrationPrefix", S::kFlyway, T::kString, "U",
     "UNDO_SQL_MIGRATION_PREFIX", "File prefix of undo migrations", kOn,
     &Settings::undo_sql_migration_prefix},
    {"group", S::kFlyway, T::kBool, "false", "GROUP",
     "Apply all pending migrations in one transaction", kOn, &Settings::group},
    {"mixed", S::kFlyway, T::kBool, "false", "MIXED",
     "Allow transactional and non-transactional statements in one script", kOn,
     &Settings::mixed},
    {"executeInTransaction", S::kFlyway, T::kBool, "true",
     "EXECUTE_IN_TRANSACTION", "Run each migration in a transaction", kOn,
     &Settings::execute_in_transaction},
    {"ignoreMigrationPatterns", S::kFlyway, T::kList, "*:future",
     "IGNORE_MIGRATION_PATTERNS",
     "`type:state` patterns validation ignores (`\"\"` = none)", kOn,
     &Settings::ignore_migration_patterns},
    {"installedBy", S::kFlyway, T::kString, "(the database user)",
     "INSTALLED_BY", "Value of the history table's installed_by column", kOn,
     &Settings::installed_by},
    {"encoding", S::kFlyway, T::kString, "UTF-8", "ENCODING",
     "Encoding of migration scripts", kOn, &Settings::encoding},
    {"skipDefaultCallbacks", S::kFlyway, T::kBool, "false",
     "SKIP_DEFAULT_CALLBACKS", "Ignore SQL callback files found in locations",
     kOn, &Settings::skip_default_callbacks},
    {"lockRetryCount", S::kFlyway, T::kInt, "50", "LOCK_RETRY_COUNT",
     "Attempts to take the migration lock, 1 s apart (-1 = forever; "
     "MySQL waits forever unless this is set, as Flyway)",
     kOn, &Settings::lock_retry_count, -1},
    {"createSchemas", S::kFlyway, T::kBool, "true", "CREATE_SCHEMAS",
     "Create the schemas listed in `schemas` if missing", kOn,
     &Settings::create_schemas},
    {"failOnMissingLocations", S::kFlyway, T::kBool, "false",
     "FAIL_ON_MISSING_LOCATIONS", "Fail when a location does not exist", kOn,
     &Settings::fail_on_missing_locations},
    {"skipExecutingMigrations", S::kFlyway, T::kBool, "false",
     "SKIP_EXECUTING_MIGRATIONS",
     "Record migrations as applied without running them", kOn,
     &Settings::skip_executing_migrations},
    {"outputQueryResults", S::kFlyway, T::kBool, "true", "OUTPUT_QUERY_RESULTS",
     "Print the rows of queries run by migrations", kOn,
     &Settings::output_query_results},
    {"dryRunOutput", S::kFlyway, T::kString, "", "DRYRUN_OUTPUT",
     "Not supported yet: refused unless empty (ignoring it would migrate "
     "for real)",
     kNo, kNone},
    {"postgresql.transactional.lock", S::kFlyway, T::kBool, "false",
     "POSTGRESQL_TRANSACTIONAL_LOCK",
     "true: the PostgreSQL migration lock is held as Flyway's default "
     "holds it, in a transaction (pg_advisory_xact_lock, on a connection of "
     "its own), as a pooler in transaction mode needs (PgBouncer "
     "pool_mode=transaction). Runway's default is false (Flyway's is true): "
     "a session advisory lock, which lets runners that find nothing to do "
     "check side by side",
     kOn, &Settings::postgresql_transactional_lock},
    // Flyway keys Runway does not act on.
    {"cherryPick", S::kFlyway, T::kList, "", "CHERRY_PICK",
     "Not supported (Flyway Teams): refused unless empty", kNo, kNone},
    {"errorOverrides", S::kFlyway, T::kList, "", "ERROR_OVERRIDES",
     "Not supported (Flyway Teams): refused unless empty", kNo, kNone},
    {"detectEncoding", S::kFlyway, T::kBool, "false", "DETECT_ENCODING",
     "Not supported: refused unless false", kNo, kNone},
    {"cleanOnValidationError", S::kFlyway, T::kBool, "false",
     "CLEAN_ON_VALIDATION_ERROR",
     "Removed from Flyway (V12), never in Runway: refused unless false", kNo,
     kNone},
    {"failOnMissingTarget", S::kFlyway, T::kBool, "false", "",
     "Not supported: refused unless false (write `target` without `?`)", kNo,
     kNone},
    {"callbacks", S::kFlyway, T::kList, "", "CALLBACKS",
     "Ignored: Java callback classes", kOff, kNone},
    {"migrationResolvers", S::kFlyway, T::kList, "", "RESOLVERS",
     "Ignored: Java migration resolvers", kOff, kNone},
    {"resolvers", S::kFlyway, T::kList, "", "",
     "Ignored: legacy name of `migrationResolvers`", kOff, kNone},
    {"skipDefaultResolvers", S::kFlyway, T::kBool, "false",
     "SKIP_DEFAULT_RESOLVERS", "Ignored: Java migration resolvers", kOff,
     kNone},
    {"jarDirs", S::kFlyway, T::kList, "", "JAR_DIRS",
     "Ignored: Java drivers and classes", kOff, kNone},
    {"scriptPlaceholderPrefix", S::kFlyway, T::kString, "FP__",
     "SCRIPT_PLACEHOLDER_PREFIX", "Ignored: script (shell) migrations", kOff,
     kNone},
    {"scriptPlaceholderSuffix", S::kFlyway, T::kString, "__",
     "SCRIPT_PLACEHOLDER_SUFFIX", "Ignored: script (shell) migrations", kOff,
     kNone},
    {"powershellExecutable", S::kFlyway, T::kString, "pwsh",
     "POWERSHELL_EXECUTABLE", "Ignored: script (shell) migrations", kOff,
     kNone},
    {"batch", S::kFlyway, T::kBool, "false", "BATCH",
     "Ignored: JDBC statement batching", kOff, kNone},
    {"stream", S::kFlyway, T::kBool, "false", "STREAM",
     "Ignored: Runway always streams scripts", kOff, kNone},
    {"loggers", S::kFlyway, T::kList, "auto", "LOGGERS",
     "Ignored: Java logging back-ends", kOff, kNone},
    {"communityDBSupportEnabled", S::kFlyway, T::kBool, "true",
     "COMMUNITY_DB_SUPPORT_DISABLED", "Ignored: Flyway database plugins", kOff,
     kNone},
    {"kerberosConfigFile", S::kFlyway, T::kString, "", "KERBEROS_CONFIG_FILE",
     "Ignored: Java Kerberos", kOff, kNone},
    {"reportEnabled", S::kFlyway, T::kBool, "false", "",
     "Ignored: Flyway's HTML report", kOff, kNone},
    {"reportFilename", S::kFlyway, T::kString, "report", "REPORT_FILENAME",
     "Ignored: Flyway's HTML report", kOff, kNone},
    {"outputType", S::kFlyway, T::kString, "", "",
     "Ignored in files, as in Flyway: use `-outputType` on the command line",
     kOff, kNone},
    {"color", S::kFlyway, T::kString, "auto", "",
     "Ignored in files, as in Flyway: use `-color` on the command line", kOff,
     kNone},
    {"outputProgress", S::kFlyway, T::kBool, "false", "",
     "Ignored: Flyway Desktop progress output", kOff, kNone},
    {"schemaModelLocation", S::kFlyway, T::kString, "", "",
     "Ignored: Flyway Desktop schema model", kOff, kNone},
    {"schemaModelSchemas", S::kFlyway, T::kList, "", "",
     "Ignored: Flyway Desktop schema model", kOff, kNone},
    {"outputLogsInJson", S::kFlyway, T::kBool, "false", "",
     "Ignored: JSON log lines", kOff, kNone},
    {"provisionMode", S::kFlyway, T::kString, "provision", "",
     "Ignored: Redgate provisioners", kOff, kNone},
    {"licenseKey", S::kFlyway, T::kString, "", "LICENSE_KEY",
     "Ignored: Runway needs no licence", kOff, kNone},
    {"email", S::kFlyway, T::kString, "", "EMAIL", "Ignored: Redgate licensing",
     kOff, kNone},
    {"token", S::kFlyway, T::kString, "", "TOKEN", "Ignored: Redgate licensing",
     kOff, kNone},

    // ---- [environments.NAME] -----------------------------------------------
    {"url", S::kEnvironment, T::kString, "", "URL",
     "Database URL: `jdbc:postgresql://…`, `postgresql://…`, libpq "
     "`key=value`, `jdbc:sqlite:<path>`, `jdbc:mysql://…`, `jdbc:mariadb://…`",
     kOn, &Settings::url},
    {"user", S::kEnvironment, T::kString, "", "USER", "Database user", kOn,
     &Settings::user},
    {"password", S::kEnvironment, T::kString, "", "PASSWORD",
     "Database password (never printed)", kOn, &Settings::password},
    {"passwordFile", S::kEnvironment, T::kString, "", "PASSWORD_FILE",
     "Runway only: read the password from this file (trailing newline "
     "trimmed), e.g. a mounted Kubernetes secret",
     kOn, &Settings::password_file},
    {"schemas", S::kEnvironment, T::kList, "", "SCHEMAS",
     "Schemas managed by Runway; the first holds the history table", kOn,
     &Settings::schemas},
    {"connectRetries", S::kEnvironment, T::kInt, "0", "CONNECT_RETRIES",
     "Retries after a failed connection (back-off 1 s, doubling)", kOn,
     &Settings::connect_retries},
    {"connectRetriesInterval", S::kEnvironment, T::kInt, "120",
     "CONNECT_RETRIES_INTERVAL", "Longest wait between retries, in seconds",
     kOn, &Settings::connect_retries_interval, 1},
    {"initSql", S::kEnvironment, T::kString, "", "INIT_SQL",
     "SQL run after every connection is opened", kOn, &Settings::init_sql},
    {"jdbcProperties", S::kEnvironment, T::kMap, "", "JDBC_PROPERTIES_<NAME>",
     "Connection properties (`sslmode`, `ApplicationName`, ...)", kOn,
     &Settings::jdbc_properties},
    {"driver", S::kEnvironment, T::kString, "", "DRIVER",
     "Ignored: the driver follows from the URL", kOff, kNone},
    {"displayName", S::kEnvironment, T::kString, "", "",
     "Ignored: Flyway Desktop label", kOff, kNone},
    {"jarDirs", S::kEnvironment, T::kList, "", "",
     "Ignored: Java drivers and classes", kOff, kNone},
    {"provisioner", S::kEnvironment, T::kString, "", "",
     "Ignored: Redgate provisioners", kOff, kNone},
    {"resolvers", S::kEnvironment, T::kMap, "", "",
     "Ignored: only the `env` and `placeholder` resolvers exist in Runway",
     kOff, kNone},

    // ---- command line only -------------------------------------------------
    {"configFiles", S::kCommandLine, T::kList, "", "CONFIG_FILES",
     "More config files (comma list), loaded after the default ones", kOn,
     kNone},
    {"configFileEncoding", S::kCommandLine, T::kString, "UTF-8",
     "CONFIG_FILE_ENCODING", "Encoding of config files (UTF-8 only)", kOn,
     &Settings::config_file_encoding},
    {"workingDirectory", S::kCommandLine, T::kString, "", "",
     "Base of relative locations and config files; its flyway.toml is loaded",
     kOn, &Settings::working_directory},
    {"outputType", S::kCommandLine, T::kString, "text", "",
     "`json`: print one JSON document instead of text", kOn,
     &Settings::output_type},
    {"outputFile", S::kCommandLine, T::kString, "", "",
     "Also write the output to this file", kOn, &Settings::output_file},
    {"color", S::kCommandLine, T::kString, "auto", "",
     "`always`, `never` or `auto` (a terminal without NO_COLOR)", kOn,
     &Settings::color},
    {"infoSinceDate", S::kCommandLine, T::kString, "", "",
     "`info`: only migrations installed since (dd/MM/yyyy HH:mm), and "
     "pending ones",
     kOn, &Settings::info_since_date},
    {"infoUntilDate", S::kCommandLine, T::kString, "", "",
     "`info`: only migrations installed before (dd/MM/yyyy HH:mm)", kOn,
     &Settings::info_until_date},
    {"infoSinceVersion", S::kCommandLine, T::kString, "", "",
     "`info`: only migrations from this version, and repeatables", kOn,
     &Settings::info_since_version},
    {"infoUntilVersion", S::kCommandLine, T::kString, "", "",
     "`info`: only versioned migrations up to this version", kOn,
     &Settings::info_until_version},
    {"infoOfState", S::kCommandLine, T::kList, "", "",
     "`info`: only migrations in these states (comma list of Flyway's names: "
     "`PENDING`, `ABOVE_TARGET`, ...; display names also work)",
     kOn, &Settings::info_of_state},
    {"migrationIds", S::kCommandLine, T::kBool, "false", "",
     "`info`: print only a comma list of versions (flag `-migrationIds`)", kOn,
     &Settings::info_migration_ids},
});

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

template <typename Member>
void store_member(Member field, Settings& settings, const SettingValue& value) {
  using Target = std::remove_reference_t<decltype(settings.*field)>;
  if constexpr (std::is_same_v<Target, OutputType>) {
    settings.*field = std::get<std::string>(value) == "json"
                          ? OutputType::kJson
                          : OutputType::kText;
  } else {
    settings.*field = std::get<Target>(value);
  }
}

}  // namespace

std::span<const SettingSpec> settings_table() { return kTable; }

std::optional<SettingMatch> find_setting(SettingScope scope,
                                         std::string_view key) {
  for (const SettingSpec& spec : kTable) {
    if (spec.scope != scope) continue;
    if (spec.type != SettingType::kMap) {
      if (spec.key == key) return SettingMatch{&spec, ""};
      continue;
    }
    if (key.size() > spec.key.size() + 1 && key.starts_with(spec.key) &&
        key[spec.key.size()] == '.') {
      return SettingMatch{&spec, std::string(key.substr(spec.key.size() + 1))};
    }
  }
  return std::nullopt;
}

void store_setting(const SettingSpec& spec, Settings& settings,
                   const SettingValue& value) {
  std::visit(
      [&](auto field) {
        if constexpr (!std::is_same_v<decltype(field), std::monostate>) {
          store_member(field, settings, value);
        }
      },
      spec.field);
}

std::string setting_text(const SettingSpec& spec, const Settings& settings) {
  return std::visit(
      [&](auto field) -> std::string {
        using Field = decltype(field);
        if constexpr (std::is_same_v<Field, std::monostate>) {
          return "";
        } else {
          const auto& value = settings.*field;
          using Value = std::remove_cvref_t<decltype(value)>;
          if constexpr (std::is_same_v<Value, std::string>) {
            return value;
          } else if constexpr (std::is_same_v<Value, bool>) {
            return value ? "true" : "false";
          } else if constexpr (std::is_same_v<Value, int>) {
            return std::to_string(value);
          } else if constexpr (std::is_same_v<Value, OutputType>) {
            return value == OutputType::kJson ? "json" : "text";
          } else if constexpr (std::is_same_v<Value,
                                              std::vector<std::string>>) {
            return join(value);
          } else {
            std::vector<std::string> pairs;
            for (const auto& [name, text] : value)
              pairs.push_back(name + "=" + text);
            return join(pairs);
          }
        }
      },
      spec.field);
}

std::string_view setting_type_name(SettingType type) {
  switch (type) {
    case SettingType::kString:
      return "string";
    case SettingType::kBool:
      return "boolean";
    case SettingType::kInt:
      return "integer";
    case SettingType::kList:
      return "array of strings";
    case SettingType::kMap:
      return "table of strings";
  }
  return "value";
}

}  // namespace runway
