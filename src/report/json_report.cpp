// The only translation unit that includes nlohmann-json. Field names and
// their order follow Flyway's output classes (reference flyway-surface.md
// §4.1); consumers should not rely on order, but people diff these files.
#include "runway/report/json_report.hpp"

#include <nlohmann/json.hpp>

namespace runway::report {
namespace {

using Json = nlohmann::ordered_json;
using namespace runway::commands;

Json optional_string(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json error_json(const ErrorDetails& e) {
  Json j;
  j["errorCode"] = e.error_code;
  if (e.sql_state) j["sqlState"] = *e.sql_state;
  if (e.sql_error_code) j["sqlErrorCode"] = *e.sql_error_code;
  j["message"] = e.message;
  if (e.line_number || e.path) {
    j["lineNumber"] = e.line_number ? Json(*e.line_number) : Json(nullptr);
    j["path"] = optional_string(e.path);
  }
  j["cause"] = nullptr;
  return j;
}

void add_base(Json& j, const std::string& database,
              const std::vector<std::string>& warnings,
              const std::string& operation, const JsonContext& context) {
  j["runwayVersion"] = context.runway_version;
  j["database"] = database;
  j["warnings"] = warnings;
  j["operation"] = operation;
}

Json item_json(const RepairItem& item) {
  return Json{{"version", item.version},
              {"description", item.description},
              {"filepath", item.filepath}};
}

Json items_json(const std::vector<RepairItem>& items) {
  Json array = Json::array();
  for (const RepairItem& item : items) array.push_back(item_json(item));
  return array;
}

Json to_tree(const InfoResult& r, const JsonContext& c) {
  Json j;
  j["schemaVersion"] = optional_string(r.schema_version);
  j["schemaName"] = r.schema_name;
  Json migrations = Json::array();
  for (const InfoEntry& m : r.migrations) {
    if (m.state == "Available") continue;  // undo scripts: as Flyway
    migrations.push_back(Json{{"category", m.category},
                              {"version", m.version},
                              {"rawVersion", m.raw_version},
                              {"description", m.description},
                              {"type", m.type},
                              {"installedOnUTC", m.installed_on_utc},
                              {"state", m.state},
                              {"undoable", m.undoable},
                              {"filepath", m.filepath},
                              {"undoFilepath", m.undo_filepath},
                              {"installedBy", m.installed_by},
                              {"shouldExecuteExpression", nullptr},
                              {"executionTime", m.execution_time}});
  }
  j["migrations"] = migrations;
  j["allSchemasEmpty"] = r.all_schemas_empty;
  j["runwayVersion"] = c.runway_version;
  j["database"] = r.database;
  j["warnings"] = r.warnings;
  j["operation"] = "info";
  j["timestamp"] = c.timestamp;
  j["exception"] = nullptr;
  j["licenseFailed"] = false;
  return j;
}

Json to_tree(const MigrateResult& r, const JsonContext& c) {
  Json j;
  j["initialSchemaVersion"] = optional_string(r.initial_schema_version);
  // Set by Flyway only once the run succeeded.
  j["targetSchemaVersion"] =
      r.success ? optional_string(r.target_schema_version) : Json(nullptr);
  j["schemaName"] = r.schema_name;
  Json migrations = Json::array();
  for (const MigrateEntry& m : r.migrations)
    migrations.push_back(Json{{"category", m.category},
                              {"version", m.version},
                              {"description", m.description},
                              {"type", m.type},
                              {"filepath", m.filepath},
                              {"executionTime", m.execution_time}});
  j["migrations"] = migrations;
  j["migrationsExecuted"] = r.migrations.size();
  j["success"] = r.success;
  j["runwayVersion"] = c.runway_version;
  j["database"] = r.database;
  j["databaseType"] = r.database_type;
  j["warnings"] = r.warnings;
  j["operation"] = "migrate";
  j["totalMigrationTime"] = r.total_migration_time();
  j["timestamp"] = c.timestamp;
  j["exception"] = r.error ? Json(r.error->message) : Json(nullptr);
  j["licenseFailed"] = false;
  if (r.error) j["error"] = error_json(*r.error);
  return j;
}

Json to_tree(const ValidateResult& r, const JsonContext& c) {
  Json j;
  j["errorDetails"] = r.error_details
                          ? Json{{"errorCode", r.error_details->error_code},
                                 {"errorMessage", r.error_details->message}}
                          : Json(nullptr);
  Json invalid = Json::array();
  std::string all_messages;
  for (const InvalidMigration& m : r.invalid_migrations) {
    invalid.push_back(
        Json{{"version", m.version},
             {"description", m.description},
             {"filepath", m.filepath},
             {"errorDetails", Json{{"errorCode", m.error_code},
                                   {"errorMessage", m.error_message}}}});
    if (!all_messages.empty()) all_messages += "\n";
    all_messages += m.error_message;
  }
  j["invalidMigrations"] = invalid;
  j["validationSuccessful"] = r.validation_successful;
  j["validateCount"] = r.validate_count;
  j["allErrorMessages"] = all_messages;
  add_base(j, r.database, r.warnings, "validate", c);
  return j;
}

Json to_tree(const BaselineResult& r, const JsonContext& c) {
  Json j;
  j["successfullyBaselined"] = r.successfully_baselined;
  j["baselineVersion"] = r.baseline_version;
  add_base(j, r.database, r.warnings, "baseline", c);
  return j;
}

Json to_tree(const RepairResult& r, const JsonContext& c) {
  Json j;
  j["repairActions"] = r.repair_actions;
  j["migrationsRemoved"] = items_json(r.migrations_removed);
  j["migrationsDeleted"] = items_json(r.migrations_deleted);
  j["migrationsAligned"] = items_json(r.migrations_aligned);
  add_base(j, r.database, r.warnings, "repair", c);
  return j;
}

Json to_tree(const CleanResult& r, const JsonContext& c) {
  Json j;
  j["schemasCleaned"] = r.schemas_cleaned;
  j["schemasDropped"] = r.schemas_dropped;
  add_base(j, r.database, r.warnings, "clean", c);
  return j;
}

Json to_tree(const UndoResult& r, const JsonContext& c) {
  Json j;
  j["initialSchemaVersion"] = optional_string(r.initial_schema_version);
  j["targetSchemaVersion"] = optional_string(r.target_schema_version);
  j["schemaName"] = r.schema_name;
  Json undone = Json::array();
  for (const UndoEntry& u : r.undone_migrations)
    undone.push_back(Json{{"version", u.version},
                          {"description", u.description},
                          {"filepath", u.filepath},
                          {"executionTime", u.execution_time}});
  j["undoneMigrations"] = undone;
  j["migrationsUndone"] = r.undone_migrations.size();
  add_base(j, r.database, r.warnings, "undo", c);
  return j;
}

// Flyway's TestConnectionResult is a record of its own, without the
// version, database, warnings and operation fields of other results.
Json to_tree(const TestConnectionResult& r, const JsonContext&) {
  Json j;
  j["successfulConnections"] = r.successful_connections;
  return j;
}

Json to_tree(const VersionResult& r, const JsonContext&) {
  return Json{
      {"version", r.version}, {"command", "version"}, {"edition", "Runway"}};
}

Json tree_of(const CommandResult& result, const JsonContext& context) {
  return std::visit([&](const auto& r) { return to_tree(r, context); }, result);
}

// The document as text. Text that is not UTF-8 (a Latin-1 file name, a
// server message in another encoding) becomes U+FFFD instead of failing
// the whole document.
std::string text_of(const Json& tree) {
  return tree.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string to_json(const CommandResult& result, const JsonContext& context) {
  return text_of(tree_of(result, context));
}

std::string to_json(const std::vector<CommandResult>& results,
                    const JsonContext& context) {
  if (results.size() == 1) return to_json(results.front(), context);
  Json all = Json::array();
  for (const CommandResult& r : results) all.push_back(tree_of(r, context));
  return text_of(Json{{"individualResults", all}});
}

std::string version_to_json(const std::string& version) {
  return text_of(to_tree(VersionResult{version}, JsonContext{}));
}

std::string error_to_json(const ErrorDetails& error) {
  return text_of(Json{{"error", error_json(error)}});
}

std::string redact_json(
    const std::string& json,
    const std::function<std::string(const std::string&)>& redact) {
  Json tree = Json::parse(json);
  const auto walk = [&redact](Json& node, const auto& self) -> void {
    if (node.is_string()) {
      node = redact(node.get_ref<const std::string&>());
    } else if (node.is_structured()) {
      for (Json& child : node) self(child, self);
    }
  };
  walk(tree, walk);
  return text_of(tree);
}

}  // namespace runway::report
