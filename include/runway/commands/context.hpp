// Everything a command works with, opened lazily and once: the settings, the
// log, the connection, the schemas and the history table.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runway/config/settings.hpp"
#include "runway/core/ignore_patterns.hpp"
#include "runway/core/merge.hpp"
#include "runway/core/migration.hpp"
#include "runway/core/placeholders.hpp"
#include "runway/core/text_source.hpp"
#include "runway/db/connection.hpp"
#include "runway/fs/scanner.hpp"
#include "runway/history/schema_history.hpp"
#include "runway/report/log.hpp"
#include "runway/sql/statement.hpp"

namespace runway::commands {

class CommandContext {
 public:
  CommandContext(const Settings& settings, report::Log& log);
  ~CommandContext();
  CommandContext(const CommandContext&) = delete;
  CommandContext& operator=(const CommandContext&) = delete;

  const Settings& settings() const { return settings_; }
  report::Log& log() { return log_; }

  /// The main connection, opened on first use (logs "Database: ...").
  db::Connection& connection();
  /// A further connection with the same settings (the lock's, events').
  std::unique_ptr<db::Connection> open_connection();
  /// The connection the migration lock takes on PostgreSQL: the one kept,
  /// else a new one.
  std::unique_ptr<db::Connection> lock_connection();
  /// Keeps a released lock's connection for the next lock_connection().
  void keep_lock_connection(std::unique_ptr<db::Connection> connection);
  db::DatabaseType database_type();
  sql::Dialect dialect();
  /// Product and version, e.g. "PostgreSQL 15.18".
  std::string database_product();
  /// The database name reported in JSON `database`.
  std::string database_name();
  /// The connection's schema, user and database as first asked for.
  const db::Connection::SessionFacts& session_facts();

  /// defaultSchema, else the first of `schemas`, else the connection's
  /// current schema. Throws ConfigError when none can be determined.
  const std::string& default_schema();
  /// The managed schemas, default schema first.
  std::vector<std::string> schemas();
  /// Notes the session state that restore_session_state() puts back where
  /// it is not known from the session facts (MySQL's foreign_key_checks and
  /// sql_safe_updates): called before the first script that changes it.
  void keep_session_state();
  /// Puts back what a script changed of the session (Flyway's
  /// restoreOriginalState, done there before each migration): on
  /// PostgreSQL the authorization and the role the connection had, so the
  /// history row is written, and the next script runs, with its rights (a
  /// row Flyway writes on another connection); on MySQL/MariaDB
  /// foreign_key_checks and sql_safe_updates as keep_session_state() found
  /// them, and every user variable set back to NULL.
  void restore_session_state();
  /// The JSON `schemaName` of info, migrate and undo: the configured
  /// `schemas` joined with ", ", "" when none is configured (Flyway's
  /// CommandResultFactory), whatever schema the history table is in.
  std::string configured_schemas_text() const;
  /// A schema (or any identifier) quoted as the database quotes it.
  std::string quote(const std::string& identifier);

  /// Makes the default schema current before a script runs, as Flyway
  /// does: PostgreSQL puts it first in search_path (set_config), MySQL
  /// makes it the current database (USE). With -schemas=a,b an unqualified
  /// CREATE TABLE then lands in `a`. Inside a transaction the change rolls
  /// back with it; it is made again before every script. `current`: the
  /// connection's current schema when the caller has just asked for it
  /// (Connection::begin_then_current_schema), saving a round trip.
  void use_default_schema(const std::optional<std::string>& current = {});

  history::SchemaHistory& history();
  /// installedBy, else the database user.
  std::string installed_by();

  /// Scans the locations (checksums, callbacks); logs its warnings. The
  /// files are read on other threads while this one opens the connection
  /// (the placeholders need it) and then runs `meanwhile`, if given. Errors
  /// come in the order of a run that did one thing after the other: the
  /// connection's, then the scan's, then those of `meanwhile`.
  fs::ScanResult scan(const std::function<void()>& meanwhile = {});
  /// Called from `meanwhile`: this run will wait for the lock, so its scan
  /// is left to the scan's own low-priority threads (this thread does not
  /// join in; fs::ScanOptions::background).
  void let_scan_give_way();
  /// User placeholders plus Flyway's built-ins (flyway:user, ...).
  const PlaceholderOptions& placeholders();
  /// Opens a script ready for the splitter: decoded, placeholders replaced
  /// unless switched off for it.
  std::unique_ptr<TextSource> open_script(const std::string& physical_path,
                                          const ScriptConfig& config);

  MergeOptions merge_options() const;
  IgnorePatterns ignore_patterns() const;
  /// merge() of a scan and the history table's rows (none if absent).
  MergeResult merge_with_history(const std::vector<ResolvedMigration>& files);

 private:
  void reset_user_variables();

  const Settings& settings_;
  report::Log& log_;
  std::unique_ptr<db::Connection> connection_;
  std::unique_ptr<db::Connection> lock_connection_;
  std::optional<db::Connection::SessionFacts> session_facts_;
  std::optional<std::string> default_schema_;
  /// The statement putting MySQL's session checks back (keep_session_state).
  std::optional<std::string> kept_session_state_;
  bool user_variables_readable_ = true;  // false once the query failed
  std::unique_ptr<history::SchemaHistory> history_;
  std::optional<PlaceholderOptions> placeholders_;
  bool scan_gives_way_ = false;  // set by let_scan_give_way, this thread
};

}  // namespace runway::commands
