#include "runway/commands/context.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <future>

#include "runway/commands/interrupt.hpp"
#include "runway/db/connect.hpp"
#include "runway/db/url.hpp"
#include "runway/fs/script_reader.hpp"

namespace runway::commands {
namespace {

std::string local_timestamp() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

NamingOptions naming_of(const Settings& s) {
  NamingOptions n;
  n.sql_migration_prefix = s.sql_migration_prefix;
  n.repeatable_sql_migration_prefix = s.repeatable_sql_migration_prefix;
  n.undo_sql_migration_prefix = s.undo_sql_migration_prefix;
  n.baseline_migration_prefix = s.baseline_migration_prefix;
  n.sql_migration_separator = s.sql_migration_separator;
  n.sql_migration_suffixes = s.sql_migration_suffixes;
  return n;
}

}  // namespace

CommandContext::CommandContext(const Settings& settings, report::Log& log)
    : settings_(settings), log_(log) {}

CommandContext::~CommandContext() { set_cancel_target(nullptr); }

std::unique_ptr<db::Connection> CommandContext::open_connection() {
  if (settings_.url.empty())
    throw ConfigError(
        "Unable to connect to the database. Configure the url, user and "
        "password! (set -url=..., FLYWAY_URL or url in flyway.toml)");
  db::ConnectOptions options;
  options.url = settings_.url;
  options.user = settings_.user;
  options.password = settings_.password;
  options.connect_retries = settings_.connect_retries;
  options.connect_retries_interval = settings_.connect_retries_interval;
  options.init_sql = settings_.init_sql;
  options.jdbc_properties = settings_.jdbc_properties;
  options.warn = [this](const std::string& line) { log_.warn(line); };
  return db::connect(options);
}

std::unique_ptr<db::Connection> CommandContext::lock_connection() {
  if (lock_connection_) return std::move(lock_connection_);
  return open_connection();
}

void CommandContext::keep_lock_connection(
    std::unique_ptr<db::Connection> connection) {
  lock_connection_ = std::move(connection);
}

db::Connection& CommandContext::connection() {
  if (!connection_) {
    // The command's first connection: nothing is changed before it.
    const ConnectingScope connecting;
    connection_ = open_connection();
    set_cancel_target(connection_.get());
    log_.info("Database: " + db::mask_url(settings_.url) + " (" +
              connection_->product() + ")");
  }
  return *connection_;
}

db::DatabaseType CommandContext::database_type() { return connection().type(); }

sql::Dialect CommandContext::dialect() {
  switch (database_type()) {
    case db::DatabaseType::kPostgreSQL:
      return sql::Dialect::kPostgreSQL;
    case db::DatabaseType::kSQLite:
      return sql::Dialect::kSQLite;
    case db::DatabaseType::kMySQL:
    case db::DatabaseType::kMariaDB:
      break;
  }
  return sql::Dialect::kMySQL;
}

std::string CommandContext::database_product() {
  return connection().product();
}

std::string CommandContext::database_name() {
  // MySQL's database is the current one, which USE changes.
  const db::DatabaseType type = database_type();
  if (type == db::DatabaseType::kMySQL || type == db::DatabaseType::kMariaDB)
    return connection().database_name();
  return session_facts().database;
}

const db::Connection::SessionFacts& CommandContext::session_facts() {
  if (!session_facts_) session_facts_ = connection().session_facts();
  return *session_facts_;
}

void CommandContext::keep_session_state() {
  const db::DatabaseType type = database_type();
  if (kept_session_state_ ||
      (type != db::DatabaseType::kMySQL && type != db::DatabaseType::kMariaDB))
    return;
  const db::QueryResult r =
      connection().execute("SELECT @@foreign_key_checks, @@sql_safe_updates");
  if (r.rows.empty() || !r.rows[0][0] || !r.rows[0][1]) return;
  kept_session_state_ = "SET foreign_key_checks = " + *r.rows[0][0] +
                        ", sql_safe_updates = " + *r.rows[0][1];
}

void CommandContext::restore_session_state() {
  db::Connection& conn = connection();
  if (database_type() == db::DatabaseType::kPostgreSQL) {
    conn.execute("SET SESSION AUTHORIZATION DEFAULT");
    conn.execute("SET ROLE " + quote(session_facts().user));
  } else {
    if (kept_session_state_) conn.execute(*kept_session_state_);
    reset_user_variables();
  }
}

// Flyway's MySQLConnection.resetUserVariables (#2197): a user variable a
// migration set does not reach the next one. Skipped for good where the
// table cannot be read (MariaDB before 10.2, MySQL before 5.7, no grant),
// as Flyway checks once on connecting.
void CommandContext::reset_user_variables() {
  if (!user_variables_readable_) return;
  db::Connection& conn = connection();
  const bool mariadb = database_type() == db::DatabaseType::kMariaDB;
  db::QueryResult names;
  try {
    names =
        conn.execute(std::string("SELECT variable_name FROM ") +
                     (mariadb ? "information_schema.user_variables"
                              : "performance_schema.user_variables_by_thread") +
                     " WHERE variable_value IS NOT NULL");
  } catch (const db::SqlError& e) {
    user_variables_readable_ = false;
    log_.debug(std::string("Disabled user variable reset: ") + e.what());
    return;
  }
  std::string set;
  for (const auto& row : names.rows)
    if (!row.empty() && row[0])
      set += (set.empty() ? "SET @" : ", @") + quote(*row[0]) + " = NULL";
  if (!set.empty()) conn.execute(set);
}

std::string CommandContext::configured_schemas_text() const {
  std::string text;
  for (const std::string& schema : settings_.schemas)
    text += (text.empty() ? "" : ", ") + schema;
  return text;
}

const std::string& CommandContext::default_schema() {
  if (!default_schema_) {
    if (!settings_.default_schema.empty())
      default_schema_ = settings_.default_schema;
    else if (!settings_.schemas.empty())
      default_schema_ = settings_.schemas.front();
    else
      default_schema_ = session_facts().schema;
    if (default_schema_->empty())
      throw ConfigError(
          "Unable to determine schema for the schema history table. Set a "
          "default schema for the connection or specify one using the "
          "'defaultSchema' property");
  }
  return *default_schema_;
}

std::vector<std::string> CommandContext::schemas() {
  std::vector<std::string> out{default_schema()};
  for (const std::string& s : settings_.schemas)
    if (s != out.front()) out.push_back(s);
  return out;
}

std::string CommandContext::quote(const std::string& identifier) {
  return db::quote_identifier(database_type(), identifier);
}

void CommandContext::use_default_schema(
    const std::optional<std::string>& current) {
  db::Connection& conn = connection();
  const std::string& schema = default_schema();
  // Asked only when the caller did not know it (value_or would ask anyway).
  const auto current_schema = [&] {
    return current ? *current : conn.current_schema();
  };
  switch (conn.type()) {
    case db::DatabaseType::kPostgreSQL: {
      if (current_schema() == schema) return;
      db::QueryResult path = conn.execute("SHOW search_path");
      std::string value = quote(schema);
      if (!path.rows.empty() && path.rows[0][0] && !path.rows[0][0]->empty())
        value += ", " + *path.rows[0][0];
      conn.execute("SELECT set_config('search_path', " + conn.placeholder(1) +
                       ", false)",
                   {db::Param{value}});
      return;
    }
    case db::DatabaseType::kMySQL:
    case db::DatabaseType::kMariaDB:
      if (current_schema() != schema) conn.execute("USE " + quote(schema));
      return;
    case db::DatabaseType::kSQLite:
      return;
  }
}

history::SchemaHistory& CommandContext::history() {
  if (!history_)
    history_ = std::make_unique<history::SchemaHistory>(
        connection(), default_schema(), settings_.table);
  return *history_;
}

std::string CommandContext::installed_by() {
  if (!settings_.installed_by.empty()) return settings_.installed_by;
  return session_facts().user;
}

const PlaceholderOptions& CommandContext::placeholders() {
  if (!placeholders_) {
    PlaceholderOptions p;
    p.prefix = settings_.placeholder_prefix;
    p.suffix = settings_.placeholder_suffix;
    p.separator = settings_.placeholder_separator;
    p.values = settings_.placeholders;
    const std::string f = "flyway" + settings_.placeholder_separator;
    p.values[f + "defaultschema"] = default_schema();
    p.values[f + "user"] = session_facts().user;
    p.values[f + "database"] = database_name();
    p.values[f + "timestamp"] = local_timestamp();
    p.values[f + "workingdirectory"] =
        settings_.working_directory.empty()
            ? std::filesystem::current_path().string()
            : settings_.working_directory;
    p.values[f + "table"] = settings_.table;
    p.values[f + "environment"] = settings_.environment;
    placeholders_ = std::move(p);
  }
  return *placeholders_;
}

void CommandContext::let_scan_give_way() { scan_gives_way_ = true; }

fs::ScanResult CommandContext::scan(const std::function<void()>& meanwhile) {
  fs::ScanOptions options;
  options.locations = settings_.locations;
  options.callback_locations = settings_.callback_locations;
  options.working_directory = settings_.working_directory;
  options.naming = naming_of(settings_);
  options.encoding = settings_.encoding;
  options.placeholder_replacement = settings_.placeholder_replacement;
  options.validate_migration_naming = settings_.validate_migration_naming;
  options.fail_on_missing_locations = settings_.fail_on_missing_locations;
  auto cancelled = std::make_shared<std::atomic<bool>>(false);
  options.cancelled = cancelled;
  scan_gives_way_ = false;
  // The values reach the scanning threads once this one has them.
  std::promise<PlaceholderOptions> values;
  options.resolve_placeholders = [ready = values.get_future().share()] {
    return ready.get();
  };
  fs::StartedScan scanning = fs::start_scan(std::move(options));

  try {
    values.set_value(placeholders());
  } catch (...) {
    values.set_exception(std::current_exception());
    *cancelled = true;
    scanning.wait();  // its outcome no longer matters
    throw;
  }
  std::exception_ptr meanwhile_error;
  if (meanwhile) {
    try {
      meanwhile();
    } catch (...) {
      meanwhile_error = std::current_exception();
    }
  }
  // Its own work done, this thread reads too, at its own priority; not if
  // the run will wait for the lock, whose holder has the processors first.
  if (!scan_gives_way_) scanning.help();
  fs::ScanResult result = scanning.get();
  if (meanwhile_error) std::rethrow_exception(meanwhile_error);
  for (const std::string& warning : result.warnings) log_.warn(warning);
  for (const std::string& notice : result.notices) log_.info(notice);
  if (settings_.skip_default_callbacks) result.callbacks.clear();
  return result;
}

std::unique_ptr<TextSource> CommandContext::open_script(
    const std::string& physical_path, const ScriptConfig& config) {
  const std::string encoding = config.encoding.value_or(settings_.encoding);
  const bool replace = config.placeholder_replacement.value_or(
      settings_.placeholder_replacement);
  return fs::open_script(physical_path, encoding,
                         replace ? &placeholders() : nullptr);
}

MergeOptions CommandContext::merge_options() const {
  MergeOptions options;
  options.target = Target::parse(settings_.target);
  options.out_of_order = settings_.out_of_order;
  return options;
}

IgnorePatterns CommandContext::ignore_patterns() const {
  return IgnorePatterns::parse(settings_.ignore_migration_patterns);
}

MergeResult CommandContext::merge_with_history(
    const std::vector<ResolvedMigration>& files) {
  std::vector<AppliedMigration> applied;
  if (history().exists()) applied = history().read_all();
  return merge(files, std::move(applied), merge_options());
}

}  // namespace runway::commands
