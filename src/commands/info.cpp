// info: every migration with its state; reads only, takes no lock.
#include <ctime>

#include "runway/commands/commands.hpp"
#include "runway/core/migration_state.hpp"
#include "runway/db/schema_ops.hpp"

namespace runway::commands {
namespace {

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
  tm.tm_isdst = -1;
  std::time_t t = stored_as_utc ? timegm(&tm) : std::mktime(&tm);
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

bool all_schemas_empty(CommandContext& ctx) {
  for (const std::string& schema : ctx.schemas())
    if (db::schema_exists(ctx.connection(), schema) &&
        !db::schema_is_empty(ctx.connection(), schema))
      return false;
  return true;
}

}  // namespace

InfoResult run_info(CommandContext& ctx) {
  fs::ScanResult scan = ctx.scan();
  InfoResult result;
  result.schema_name = ctx.default_schema();
  result.database = ctx.database_name();
  if (!ctx.history().exists())
    ctx.log().info("Schema history table " + ctx.history().quoted_table() +
                   " does not exist yet");
  MergeResult merged = ctx.merge_with_history(scan.migrations);
  if (merged.current) result.schema_version = merged.current->text();
  const bool utc = ctx.database_type() == db::DatabaseType::kSQLite;
  for (const MigrationInfo& m : merged.infos)
    result.migrations.push_back(entry_of(m, utc));
  result.all_schemas_empty = all_schemas_empty(ctx);
  return result;
}

}  // namespace runway::commands
