// baseline: record that an existing schema is already at baselineVersion,
// so that migrate applies only newer migrations (reference flyway-core.md
// §9.1, Flyway's DbBaseline). As in Flyway, the BASELINE marker is only
// ever written together with a new history table: a history that exists
// is never given one afterwards, whatever it holds. When createSchemas
// creates a schema, the table is created there and then (marker at rank 1,
// the SCHEMA marker after it), and the check that follows finds the marker
// and reports "already initialized ... Skipping.", exactly as Flyway does.
#include <algorithm>

#include "history_steps.hpp"
#include "runway/commands/callbacks.hpp"
#include "runway/commands/commands.hpp"
#include "runway/core/baseline_marker.hpp"
#include "runway/db/schema_ops.hpp"
#include "runway/history/migration_lock.hpp"

namespace runway::commands {
namespace {

// Flyway's FlywayDbWebsiteLinks.RESET_THE_BASELINE_MIGRATION as Flyway 9
// and 10 print it (later releases print a help URL that embeds their own
// version number).
constexpr const char* kResetBaselineUrl = "https://rd.gt/3CdwkXD";

Version configured_version(const Settings& settings) {
  std::string error;
  std::optional<Version> version =
      Version::parse(settings.baseline_version, &error);
  if (!version) throw ConfigError(error);
  return *version;
}

void create_table_with_baseline(CommandContext& ctx, const Version& version) {
  ctx.log().info("Creating Schema History table " +
                 ctx.history().quoted_table() + " with baseline ...");
  ctx.history().create(baseline_marker_row(ctx, version),
                       ctx.settings().tablespace);
}

/// createSchemas (Flyway's DbSchemas.create(baseline=true)): the missing
/// managed schemas, and when any was created the history table with its
/// baseline and SCHEMA markers, all in one transaction.
void create_missing_schemas(CommandContext& ctx, const Version& version) {
  if (!ctx.settings().create_schemas ||
      ctx.database_type() == db::DatabaseType::kSQLite)
    return;
  db::Connection& conn = ctx.connection();
  conn.begin();
  try {
    const std::vector<std::string> created = create_missing_schemas(ctx);
    if (!created.empty() && !ctx.history().exists()) {
      create_table_with_baseline(ctx, version);
      // After the baseline row created with the table.
      ctx.history().insert(schema_marker_row(ctx, created, 2));
    }
    conn.commit();
  } catch (...) {
    conn.rollback();
    throw;
  }
}

[[noreturn]] void refuse(const std::string& message) {
  throw Error(ErrorKind::kMigration, "ERROR", message);
}

/// The history table exists: succeed only when it already carries this
/// very baseline; otherwise Flyway's refusal for what it holds.
void check_existing_history(CommandContext& ctx, const Version& version) {
  const std::string table = ctx.history().quoted_table();
  const std::string& description = ctx.settings().baseline_description;
  const std::vector<AppliedMigration> rows = ctx.history().read_all();
  if (std::optional<AppliedMigration> marker = find_baseline_marker(rows)) {
    if (marker->version == version && marker->description == description) {
      ctx.log().info("Schema history table " + table +
                     " already initialized with (" + version.text() + "," +
                     description + "). Skipping.");
      return;
    }
    refuse("Unable to baseline schema history table " + table + " with (" +
           version.text() + "," + description +
           ") as it has already been baselined with (" +
           (marker->version ? marker->version->text() : "null") + "," +
           marker->description +
           ")\nNeed to reset your baseline? Learn more: " + kResetBaselineUrl);
  }
  const bool schema_marker_present =
      std::any_of(rows.begin(), rows.end(),
                  [](const AppliedMigration& r) { return r.type == "SCHEMA"; });
  if (schema_marker_present && version == *Version::parse("0"))
    refuse("Unable to baseline schema history table " + table +
           " with version 0 as this version was used for schema creation");
  if (has_non_synthetic_rows(rows))
    refuse("Unable to baseline schema history table " + table +
           " as it already contains migrations\nNeed to reset your baseline? "
           "Learn more: " +
           kResetBaselineUrl);
  if (rows.empty())
    refuse("Unable to baseline schema history table " + table +
           " as it already exists, and is empty.\nDelete the schema history "
           "table, and run baseline again.");
  refuse("Unable to baseline schema history table " + table +
         " as it already contains migrations.\nDelete the schema history "
         "table, and run baseline again.\nNeed to reset your baseline? Learn "
         "more: " +
         kResetBaselineUrl);
}

}  // namespace

BaselineResult run_baseline(CommandContext& ctx) {
  fs::ScanResult scan = ctx.scan();
  const Version version = configured_version(ctx.settings());
  BaselineResult result;
  result.database = ctx.database_name();
  CallbackRunner callbacks(ctx, scan.callbacks);
  auto lock = lock_history(ctx);
  callbacks.fire("afterConnect");

  if (ctx.settings().create_schemas) {
    callbacks.fire("createSchema");  // Flyway's deprecated name, fired too
    callbacks.fire("beforeCreateSchema");
  }
  create_missing_schemas(ctx, version);
  callbacks.fire("beforeBaseline");
  try {
    if (!ctx.history().exists()) {
      create_table_with_baseline(ctx, version);  // one transaction
      ctx.log().info("Successfully baselined schema with version: " +
                     version.text());
    } else {
      check_existing_history(ctx, version);
    }
  } catch (...) {
    callbacks.fire_quietly("afterBaselineError");
    throw;
  }
  result.successfully_baselined = true;
  result.baseline_version = version.text();
  callbacks.fire("afterBaseline");
  return result;
}

}  // namespace runway::commands
