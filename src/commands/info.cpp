// info: every migration with its state; reads only, takes no lock.
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>

#include "info_filter.hpp"
#include "runway/commands/callbacks.hpp"
#include "runway/commands/commands.hpp"
#include "runway/core/migration_state.hpp"
#include "runway/db/schema_ops.hpp"
#include "runway/report/text_report.hpp"

namespace runway::commands {
namespace {

/// mktime() for a local broken-down time, remembering the zone offset per
/// hour: mktime re-examines the time zone on every call, which showed in
/// `info` over thousands of rows installed within a few hours.
std::time_t local_to_time(std::tm tm) {
  thread_local std::map<std::time_t, std::time_t> offset_by_hour;
  std::tm hour = tm;
  hour.tm_min = 0;
  hour.tm_sec = 0;
  std::time_t hour_utc = timegm(&hour);
  auto known = offset_by_hour.find(hour_utc);
  if (known == offset_by_hour.end()) {
    hour.tm_isdst = -1;
    known =
        offset_by_hour.emplace(hour_utc, hour_utc - std::mktime(&hour)).first;
  }
  return timegm(&tm) - known->second;
}

/// The history's installed_on text ("YYYY-MM-DD HH:MM:SS[.fff]") as Flyway
/// shows it: local "yyyy-MM-dd HH:mm:ss" for the table and an ISO instant
/// for JSON. PostgreSQL stores session-local time (Flyway reads it in the
/// JVM's zone, as we read it in ours); SQLite's default stores UTC.
void convert_installed_on(const std::string& stored, bool stored_as_utc,
                          InfoEntry& entry) {
  if (stored.size() < 19) return;
  std::tm tm{};
  if (strptime(stored.substr(0, 19).c_str(), "%Y-%m-%d %H:%M:%S", &tm) ==
      nullptr)
    return;
  std::string millis = "000";
  if (stored.size() > 20 && stored[19] == '.')
    millis = (stored.substr(20) + "000").substr(0, 3);
  std::time_t t = stored_as_utc ? timegm(&tm) : local_to_time(tm);
  std::tm local{}, utc{};
  localtime_r(&t, &local);
  gmtime_r(&t, &utc);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &local);
  entry.installed_on = buf;
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
  entry.installed_on_utc = std::string(buf) + "." + millis + "Z";
}

InfoEntry entry_of(const MigrationInfo& m, bool stored_as_utc) {
  InfoEntry e;
  e.category = m.category();
  e.version = m.version_text();
  e.raw_version = m.raw_version();
  e.description = m.description();
  e.type = m.type();
  e.state = std::string(state_display_name(m.state));
  e.undoable = m.undoable;
  e.filepath = m.physical_path();
  e.undo_filepath = m.undo_filepath;
  e.installed_by = m.installed_by();
  e.execution_time = m.execution_time();
  if (m.applied) convert_installed_on(m.installed_on(), stored_as_utc, e);
  return e;
}

// "filesystem:sql" for a configured "sql" too, as Flyway prints a Location.
std::string location_descriptors(const std::vector<std::string>& locations) {
  std::string text;
  for (const std::string& location : locations) {
    if (!text.empty()) text += ", ";
    text += location.find(':') == std::string::npos ? "filesystem:" + location
                                                    : location;
  }
  return text;
}

// Flyway's hint when info lists no migration file: the settings that
// decide where and under which names they are looked for.
void log_where_migrations_are_looked_for(CommandContext& ctx) {
  const Settings& s = ctx.settings();
  std::string suffixes;
  for (const std::string& suffix : s.sql_migration_suffixes)
    suffixes += (suffixes.empty() ? "" : ", ") + suffix;
  std::error_code ec;
  const std::string working_directory =
      s.working_directory.empty() ? std::filesystem::current_path(ec).string()
                                  : s.working_directory;
  ctx.log().info(
      "No migrations found on disk.\nHere are some relevant configuration "
      "settings.");
  ctx.log().info(
      "\n" +
      report::render_settings_table(
          {{"locations",
            location_descriptors(
                s.locations.empty() ? std::vector<std::string>{"filesystem:sql"}
                                    : s.locations)},
           {"callbackLocations", location_descriptors(s.callback_locations)},
           {"workingDirectory", working_directory},
           {"repeatableSqlMigrationPrefix", s.repeatable_sql_migration_prefix},
           {"sqlMigrationPrefix", s.sql_migration_prefix},
           {"baselineMigrationPrefix", s.baseline_migration_prefix},
           {"sqlMigrationSeparator", s.sql_migration_separator},
           {"sqlMigrationSuffixes", suffixes}}));
}

bool all_schemas_empty(CommandContext& ctx) {
  for (const std::string& schema : ctx.schemas())
    if (db::schema_exists(ctx.connection(), schema) &&
        !db::schema_is_empty(ctx.connection(), schema))
      return false;
  return true;
}

InfoResult info_of(CommandContext& ctx, const fs::ScanResult& scan,
                   bool history_exists, std::vector<AppliedMigration> applied) {
  InfoResult result;
  result.schema_name = ctx.configured_schemas_text();
  result.database = ctx.database_name();
  if (!history_exists)
    ctx.log().info("Schema history table " + ctx.history().quoted_table() +
                   " does not exist yet");
  MergeResult merged =
      merge(scan.migrations, std::move(applied), ctx.merge_options());
  if (merged.current) result.schema_version = merged.current->text();
  const bool utc = ctx.database_type() == db::DatabaseType::kSQLite;
  for (const MigrationInfo& m : merged.infos)
    result.migrations.push_back(entry_of(m, utc));
  apply_info_filters(ctx.settings(), result.migrations);
  if (std::none_of(result.migrations.begin(), result.migrations.end(),
                   [](const InfoEntry& e) { return !e.filepath.empty(); }))
    log_where_migrations_are_looked_for(ctx);
  result.all_schemas_empty = all_schemas_empty(ctx);
  return result;
}

}  // namespace

InfoResult run_info(CommandContext& ctx) {
  // The history is read while the scripts are.
  bool history_exists = false;
  std::vector<AppliedMigration> applied;
  fs::ScanResult scan = ctx.scan([&] {
    history_exists = ctx.history().exists();
    if (history_exists) applied = ctx.history().read_all();
  });
  CallbackRunner callbacks(ctx, scan.callbacks);
  callbacks.fire("afterConnect");
  callbacks.fire("beforeInfo");
  if (callbacks.has("afterConnect") || callbacks.has("beforeInfo")) {
    // They may have written: the history is read again.
    history_exists = ctx.history().exists();
    applied = history_exists ? ctx.history().read_all()
                             : std::vector<AppliedMigration>{};
  }
  InfoResult result;
  try {
    result = info_of(ctx, scan, history_exists, std::move(applied));
  } catch (...) {
    callbacks.fire_quietly("afterInfoError");
    throw;
  }
  callbacks.fire("afterInfo");
  return result;
}

}  // namespace runway::commands
