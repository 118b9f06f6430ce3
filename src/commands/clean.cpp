// clean: drop every object in the managed schemas (reference
// flyway-core.md §9.3, Flyway's DbClean). Refused unless cleanDisabled is
// false. As Flyway does, each existing schema is cleaned twice, in
// configured order and then in reverse (objects in one schema may depend
// on another's), and the schemas a SCHEMA history row says Flyway or
// Runway created are then dropped outright (only those still managed: a
// schema removed from the configuration is left alone). The history table
// goes with its schema's contents.
#include "runway/db/clean.hpp"

#include <algorithm>
#include <chrono>

#include "history_steps.hpp"
#include "runway/commands/callbacks.hpp"
#include "runway/commands/commands.hpp"
#include "runway/db/schema_ops.hpp"
#include "runway/history/migration_lock.hpp"
#include "runway/report/time_format.hpp"

namespace runway::commands {
namespace {

using Clock = std::chrono::steady_clock;

// Flyway raises a plain FlywayException here, whose errorCode is "ERROR".
constexpr const char* kCleanDisabled =
    "Unable to execute clean as it has been disabled with the "
    "'flyway.cleanDisabled' property.";

std::string execution_time(Clock::time_point start) {
  return "(execution time " +
         report::format_duration(
             std::chrono::duration_cast<std::chrono::milliseconds>(
                 Clock::now() - start)
                 .count()) +
         ")";
}

/// `"a""b"` -> `a"b` (PostgreSQL, SQLite), `` `x` `` -> `x` (MySQL).
std::string unquote(std::string name) {
  if (name.size() >= 2 && (name.front() == '"' || name.front() == '`') &&
      name.back() == name.front()) {
    const char q = name.front();
    name = name.substr(1, name.size() - 2);
    const std::string doubled(2, q);
    for (std::size_t at = name.find(doubled); at != std::string::npos;
         at = name.find(doubled, at + 1))
      name.erase(at, 1);
  }
  return name;
}

/// The schemas SCHEMA rows record as created (script `"s1","s2"`). A
/// history that cannot be read only means nothing is dropped, as in Flyway.
std::vector<std::string> schemas_created(CommandContext& ctx) {
  std::vector<std::string> created;
  try {
    if (!ctx.history().exists()) return created;
    for (const AppliedMigration& row : ctx.history().read_all()) {
      if (row.type != "SCHEMA") continue;
      std::size_t from = 0;
      while (from <= row.script.size()) {
        std::size_t comma = row.script.find(',', from);
        if (comma == std::string::npos) comma = row.script.size();
        created.push_back(unquote(row.script.substr(from, comma - from)));
        from = comma + 1;
      }
    }
  } catch (const Error& e) {
    ctx.log().error(
        "Error while checking whether the schemas should be dropped. Schemas "
        "will not be dropped: " +
        std::string(e.what()));
    created.clear();
  }
  return created;
}

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

void clean_one(CommandContext& ctx, const std::string& schema) {
  const auto start = Clock::now();
  db::clean_schema(ctx.connection(), schema);
  ctx.log().info("Successfully cleaned schema " + ctx.quote(schema) + " " +
                 execution_time(start));
}

/// One pass over `schemas`. A schema about to be dropped may fail to clean
/// (its drop will tell); it is not reported as cleaned.
void clean_pass(CommandContext& ctx, const std::vector<std::string>& schemas,
                const std::vector<std::string>& to_drop, CleanResult* result) {
  for (const std::string& schema : schemas) {
    if (contains(to_drop, schema)) {
      try {
        clean_one(ctx, schema);
      } catch (const Error& e) {
        ctx.log().debug(e.what());
      }
      continue;
    }
    clean_one(ctx, schema);
    if (result) result->schemas_cleaned.push_back(schema);
  }
}

void drop_one(CommandContext& ctx, const std::string& schema,
              CleanResult& result) {
  const auto start = Clock::now();
  try {
    db::drop_schema(ctx.connection(), schema);
  } catch (const db::SqlError& e) {
    ctx.log().debug(e.what());
    ctx.log().warn("Unable to drop schema " + ctx.quote(schema) +
                   ". It was cleaned instead.");
    result.schemas_cleaned.push_back(schema);
    return;
  }
  result.schemas_dropped.push_back(schema);
  ctx.log().info("Successfully dropped schema " + ctx.quote(schema) + " " +
                 execution_time(start));
}

/// The managed schemas that exist; a warning for each that does not.
std::vector<std::string> existing_schemas(CommandContext& ctx,
                                          CleanResult& result) {
  std::vector<std::string> existing;
  for (const std::string& schema : ctx.schemas()) {
    if (db::schema_exists(ctx.connection(), schema)) {
      existing.push_back(schema);
      continue;
    }
    const std::string warning =
        "Unable to clean unknown schema: " + ctx.quote(schema);
    ctx.log().warn(warning);
    result.warnings.push_back(warning);
  }
  return existing;
}

void clean_all(CommandContext& ctx, CleanResult& result) {
  const std::vector<std::string> to_drop = schemas_created(ctx);
  std::vector<std::string> schemas = existing_schemas(ctx, result);
  // Flyway's database-level steps; nothing to do on the databases Runway
  // supports, but Flyway prints the lines.
  auto start = Clock::now();
  ctx.log().info("Successfully dropped pre-schema database level objects " +
                 execution_time(start));
  clean_pass(ctx, schemas, to_drop, &result);
  std::reverse(schemas.begin(), schemas.end());
  clean_pass(ctx, schemas, to_drop, nullptr);
  start = Clock::now();
  ctx.log().info("Successfully dropped post-schema database level objects " +
                 execution_time(start));
  std::reverse(schemas.begin(), schemas.end());
  for (const std::string& schema : schemas)
    if (contains(to_drop, schema)) drop_one(ctx, schema, result);
}

}  // namespace

CleanResult run_clean(CommandContext& ctx) {
  if (ctx.settings().clean_disabled)
    throw Error(ErrorKind::kMigration, "ERROR", kCleanDisabled);
  fs::ScanResult scan = ctx.scan();
  CleanResult result;
  result.database = ctx.database_name();
  CallbackRunner callbacks(ctx, scan.callbacks);
  auto lock = lock_history(ctx);
  callbacks.fire("afterConnect");

  callbacks.fire("beforeClean");
  try {
    clean_all(ctx, result);
  } catch (...) {
    callbacks.fire_quietly("afterCleanError");
    throw;
  }
  callbacks.fire("afterClean");
  return result;
}

}  // namespace runway::commands
