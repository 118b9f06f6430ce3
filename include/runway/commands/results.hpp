// What each command returns: plain structs that report/ renders as Flyway's
// text or JSON, and that library users read directly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace runway::commands {

/// Flyway's error JSON body ("error": {...}). Optional fields are omitted
/// or null as Flyway does.
struct ErrorDetails {
  std::string error_code;  ///< e.g. "FAILED_VERSIONED_MIGRATION"
  std::string message;
  std::optional<std::string> sql_state;
  std::optional<int> sql_error_code;
  std::optional<int> line_number;
  std::optional<std::string> path;
};

struct InfoEntry {
  std::string category;  ///< Versioned | Repeatable | Baseline | Undo | ""
  std::string version;   ///< "" for repeatables
  std::string raw_version;
  std::string description;
  std::string type;
  std::string installed_on;      ///< local "yyyy-MM-dd HH:mm:ss" or ""
  std::string installed_on_utc;  ///< ISO instant or ""
  std::string state;             ///< display name, e.g. "Success"
  std::string undoable;          ///< Yes | No | ""
  std::string filepath;
  std::string undo_filepath;
  std::string installed_by;
  int execution_time = 0;
};

struct InfoResult {
  std::optional<std::string> schema_version;
  std::string schema_name;
  std::vector<InfoEntry> migrations;
  bool all_schemas_empty = false;
  std::string database;
  std::vector<std::string> warnings;
};

struct MigrateEntry {
  std::string category;
  std::string version;
  std::string description;
  std::string type;
  std::string filepath;
  int execution_time = 0;
};

struct MigrateResult {
  std::optional<std::string> initial_schema_version;
  std::optional<std::string> target_schema_version;
  std::string schema_name;
  std::vector<MigrateEntry> migrations;  ///< executed in this run
  bool success = true;
  std::string database;
  std::string database_type;
  std::vector<std::string> warnings;
  std::optional<ErrorDetails> error;  ///< set when success is false
  std::int64_t total_migration_time() const {
    std::int64_t total = 0;
    for (const MigrateEntry& m : migrations) total += m.execution_time;
    return total;
  }
};

struct InvalidMigration {
  std::string version;
  std::string description;
  std::string filepath;
  std::string error_code;
  std::string error_message;
};

struct ValidateResult {
  bool validation_successful = true;
  int validate_count = 0;
  std::vector<InvalidMigration> invalid_migrations;
  std::optional<ErrorDetails> error_details;  ///< VALIDATE_ERROR when invalid
  std::string database;
  std::vector<std::string> warnings;
};

struct BaselineResult {
  bool successfully_baselined = false;
  std::string baseline_version;
  std::string database;
  std::vector<std::string> warnings;
};

struct RepairItem {
  std::string version;
  std::string description;
  std::string filepath;
};

struct RepairResult {
  std::vector<std::string> repair_actions;
  std::vector<RepairItem> migrations_removed;
  std::vector<RepairItem> migrations_deleted;
  std::vector<RepairItem> migrations_aligned;
  std::string database;
  std::vector<std::string> warnings;
};

struct CleanResult {
  std::vector<std::string> schemas_cleaned;
  std::vector<std::string> schemas_dropped;
  std::string database;
  std::vector<std::string> warnings;
};

/// testConnection: Flyway's TestConnectionResult, the engines that connected.
struct TestConnectionResult {
  std::vector<std::string> successful_connections;
};

/// `-v` beside other commands: Flyway adds a version command after them, and
/// its VersionResult is one of the results.
struct VersionResult {
  std::string version;
};

struct UndoEntry {
  std::string version;
  std::string description;
  std::string filepath;
  int execution_time = 0;
};

struct UndoResult {
  std::optional<std::string> initial_schema_version;
  std::optional<std::string> target_schema_version;
  std::string schema_name;
  std::vector<UndoEntry> undone_migrations;
  std::string database;
  std::vector<std::string> warnings;
};

using CommandResult =
    std::variant<InfoResult, MigrateResult, ValidateResult, BaselineResult,
                 RepairResult, CleanResult, UndoResult, TestConnectionResult,
                 VersionResult>;

}  // namespace runway::commands
