#include "runway/report/json_report.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "runway/config/redact.hpp"

using namespace runway::commands;
using runway::report::error_to_json;
using runway::report::JsonContext;
using runway::report::to_json;
using Json = nlohmann::json;

namespace {
const JsonContext kContext{"0.1.0", "2026-11-22T10:00:00.000"};
}

TEST_CASE("info JSON carries Flyway's field names and runwayVersion",
          "[report][json]") {
  InfoResult info;
  info.schema_version = "1";
  info.schema_name = "public";
  info.database = "app";
  InfoEntry e;
  e.category = "Versioned";
  e.version = "1";
  e.raw_version = "1";
  e.description = "Create person";
  e.type = "SQL";
  e.installed_on_utc = "2026-07-20T10:06:47.123Z";
  e.state = "Success";
  e.undoable = "No";
  e.filepath = "/proj/sql/V1__Create_person.sql";
  e.installed_by = "app";
  e.execution_time = 14;
  InfoEntry undo = e;
  undo.state = "Available";
  info.migrations = {e, undo};

  const Json j = Json::parse(to_json(CommandResult{info}, kContext));
  CHECK(j["schemaVersion"] == "1");
  CHECK(j["schemaName"] == "public");
  CHECK(j["runwayVersion"] == "0.1.0");
  CHECK(j["operation"] == "info");
  CHECK(j["database"] == "app");
  CHECK(j["allSchemasEmpty"] == false);
  CHECK_FALSE(j.contains("flywayVersion"));
  REQUIRE(j["migrations"].size() == 1);  // Available undo scripts omitted
  const Json& m = j["migrations"][0];
  CHECK(m["category"] == "Versioned");
  CHECK(m["rawVersion"] == "1");
  CHECK(m["installedOnUTC"] == "2026-07-20T10:06:47.123Z");
  CHECK(m["state"] == "Success");
  CHECK(m["undoable"] == "No");
  CHECK(m["filepath"] == "/proj/sql/V1__Create_person.sql");
  CHECK(m["undoFilepath"] == "");
  CHECK(m["installedBy"] == "app");
  CHECK(m["shouldExecuteExpression"].is_null());
  CHECK(m["executionTime"] == 14);
}

TEST_CASE("empty schema version is null in JSON", "[report][json]") {
  InfoResult info;
  const Json j = Json::parse(to_json(CommandResult{info}, kContext));
  CHECK(j["schemaVersion"].is_null());
  CHECK(j["migrations"].is_array());
  CHECK(j["migrations"].empty());
}

TEST_CASE("migrate JSON counts executed migrations and their time",
          "[report][json]") {
  MigrateResult r;
  r.initial_schema_version = "2";
  r.target_schema_version = "3";
  r.schema_name = "public";
  r.database_type = "PostgreSQL";
  r.migrations = {{"Versioned", "3", "Add phone", "SQL", "/p/V3.sql", 12},
                  {"Repeatable", "", "View", "SQL", "/p/R__View.sql", 5}};
  const Json j = Json::parse(to_json(CommandResult{r}, kContext));
  CHECK(j["migrationsExecuted"] == 2);
  CHECK(j["totalMigrationTime"] == 17);
  CHECK(j["success"] == true);
  CHECK(j["initialSchemaVersion"] == "2");
  CHECK(j["targetSchemaVersion"] == "3");
  CHECK(j["databaseType"] == "PostgreSQL");
  CHECK(j["exception"].is_null());
  CHECK_FALSE(j.contains("error"));
  CHECK(j["migrations"][1]["version"] == "");
}

TEST_CASE("failed migrate JSON has success false and an error object",
          "[report][json]") {
  MigrateResult r;
  r.success = false;
  r.error = ErrorDetails{
      "FAILED_VERSIONED_MIGRATION", "boom", "42P01", 0, 4, "/p/V3.sql"};
  const Json j = Json::parse(to_json(CommandResult{r}, kContext));
  CHECK(j["success"] == false);
  CHECK(j["exception"] == "boom");
  CHECK(j["error"]["errorCode"] == "FAILED_VERSIONED_MIGRATION");
  CHECK(j["error"]["sqlState"] == "42P01");
  CHECK(j["error"]["lineNumber"] == 4);
  CHECK(j["error"]["path"] == "/p/V3.sql");
}

TEST_CASE("validate JSON lists each invalid migration with its error code",
          "[report][json]") {
  ValidateResult r;
  r.validation_successful = false;
  r.error_details = ErrorDetails{};
  r.error_details->error_code = "VALIDATE_ERROR";
  r.error_details->message = "Migrations have failed validation";
  r.invalid_migrations = {{"1", "First", "/p/V1__First.sql",
                           "CHECKSUM_MISMATCH", "Migration checksum mismatch"},
                          {"2", "Second", "/p/V2__Second.sql",
                           "DESCRIPTION_MISMATCH", "description differs"}};
  const Json j = Json::parse(to_json(CommandResult{r}, kContext));
  CHECK(j["validationSuccessful"] == false);
  CHECK(j["errorDetails"]["errorCode"] == "VALIDATE_ERROR");
  CHECK(j["invalidMigrations"][0]["errorDetails"]["errorCode"] ==
        "CHECKSUM_MISMATCH");
  CHECK(j["allErrorMessages"] ==
        "Migration checksum mismatch\ndescription differs");
  CHECK(j["operation"] == "validate");
}

TEST_CASE("several commands are wrapped in individualResults",
          "[report][json]") {
  std::vector<CommandResult> results{CommandResult{CleanResult{}},
                                     CommandResult{MigrateResult{}},
                                     CommandResult{InfoResult{}}};
  const Json j = Json::parse(to_json(results, kContext));
  REQUIRE(j["individualResults"].size() == 3);
  CHECK(j["individualResults"][0]["operation"] == "clean");
  CHECK(j["individualResults"][1]["operation"] == "migrate");
  CHECK(j["individualResults"][2]["operation"] == "info");
}

TEST_CASE("repair, baseline and undo JSON use Flyway's names",
          "[report][json]") {
  RepairResult repair;
  repair.repair_actions = {"Removed failed migrations"};
  repair.migrations_removed = {{"2", "Broken", "/p/V2__Broken.sql"}};
  Json j = Json::parse(to_json(CommandResult{repair}, kContext));
  CHECK(j["repairActions"][0] == "Removed failed migrations");
  CHECK(j["migrationsRemoved"][0]["description"] == "Broken");
  CHECK(j["migrationsDeleted"].empty());

  BaselineResult baseline{true, "1", "app", {}};
  j = Json::parse(to_json(CommandResult{baseline}, kContext));
  CHECK(j["successfullyBaselined"] == true);
  CHECK(j["baselineVersion"] == "1");

  UndoResult undo;
  undo.undone_migrations = {{"3", "Add phone", "/p/U3__Add_phone.sql", 4}};
  j = Json::parse(to_json(CommandResult{undo}, kContext));
  CHECK(j["migrationsUndone"] == 1);
  CHECK(j["undoneMigrations"][0]["filepath"] == "/p/U3__Add_phone.sql");
}

TEST_CASE("error JSON nests the details under error", "[report][json]") {
  ErrorDetails error;
  error.error_code = "CONFIGURATION";
  error.message = "Unknown configuration key";
  const Json j = Json::parse(error_to_json(error));
  CHECK(j["error"]["errorCode"] == "CONFIGURATION");
  CHECK(j["error"]["message"] == "Unknown configuration key");
  CHECK(j["error"]["cause"].is_null());
  CHECK_FALSE(j["error"].contains("sqlState"));
}

TEST_CASE("secrets are masked inside JSON string values only",
          "[report][json][secrets]") {
  MigrateResult migrate;
  migrate.success = true;
  migrate.database = "true";
  migrate.schema_name = "app";
  migrate.warnings = {"pw \"true\" and p\"ss"};
  const std::string json = to_json(CommandResult{migrate}, kContext);
  const auto mask = [](const std::string& text) {
    return runway::redact(text, {"true", "p\"ss"});
  };
  const Json out = Json::parse(runway::report::redact_json(json, mask));
  CHECK(out["success"] == true);  // the literal, not a secret
  CHECK(out["database"] == "********");
  // Masked before escaping: a secret with a quote is found in the value.
  CHECK(out["warnings"][0] == "pw \"********\" and ********");
  CHECK(out["schemaName"] == "app");
}

TEST_CASE("text that is not UTF-8 does not break the JSON document",
          "[report][json]") {
  // A Latin-1 file name ("café"), or a server message in another encoding.
  InfoResult info;
  InfoEntry e;
  e.description = "caf\xe9";
  info.migrations.push_back(e);
  const Json j = Json::parse(to_json(CommandResult{info}, kContext));
  CHECK(j["migrations"][0]["description"] == "caf\xEF\xBF\xBD");  // U+FFFD
  ErrorDetails error;
  error.message = "bad \xff byte";
  CHECK(Json::parse(error_to_json(error))["error"]["message"] ==
        "bad \xEF\xBF\xBD byte");
}
