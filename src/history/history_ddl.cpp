// Flyway's exact history-table DDL per dialect (PostgreSQLDatabase,
// SQLiteDatabase, MySQLDatabase/MariaDBDatabase getRawCreateScript). The
// text is byte-for-byte Flyway's, indentation included: SQLite stores it in
// sqlite_master and tools compare it.
#include "history_ddl.hpp"

namespace runway::history::detail {
namespace {

using db::DatabaseType;
using db::quote_identifier;

CreateScript postgres_script(const std::string& schema,
                             const std::string& table,
                             const std::string& tablespace) {
  const auto q = [](const std::string& s) {
    return quote_identifier(DatabaseType::kPostgreSQL, s);
  };
  const std::string t = q(schema) + "." + q(table);
  const std::string ts =
      tablespace.empty() ? "" : " TABLESPACE " + q(tablespace);
  const std::string index_ts =
      tablespace.empty() ? "" : " USING INDEX TABLESPACE " + q(tablespace);
  CreateScript s;
  s.before_baseline.push_back(
      "CREATE TABLE " + t +
      " (\n"
      "    \"installed_rank\" INT NOT NULL,\n"
      "    \"version\" VARCHAR(50),\n"
      "    \"description\" VARCHAR(200) NOT NULL,\n"
      "    \"type\" VARCHAR(20) NOT NULL,\n"
      "    \"script\" VARCHAR(1000) NOT NULL,\n"
      "    \"checksum\" INTEGER,\n"
      "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
      "    \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(),\n"
      "    \"execution_time\" INTEGER NOT NULL,\n"
      "    \"success\" BOOLEAN NOT NULL\n"
      ")" +
      ts);
  s.after_baseline.push_back("ALTER TABLE " + t + " ADD CONSTRAINT " +
                             q(table + "_pk") +
                             " PRIMARY KEY (\"installed_rank\")" + index_ts);
  s.after_baseline.push_back("CREATE INDEX " + q(table + "_s_idx") + " ON " +
                             t + " (\"success\")" + ts);
  return s;
}

CreateScript sqlite_script(const std::string& schema,
                           const std::string& table) {
  const auto q = [](const std::string& s) {
    return quote_identifier(DatabaseType::kSQLite, s);
  };
  CreateScript s;
  s.before_baseline.push_back(
      "CREATE TABLE " + q(schema) + "." + q(table) +
      " (\n"
      "    \"installed_rank\" INT NOT NULL PRIMARY KEY,\n"
      "    \"version\" VARCHAR(50),\n"
      "    \"description\" VARCHAR(200) NOT NULL,\n"
      "    \"type\" VARCHAR(20) NOT NULL,\n"
      "    \"script\" VARCHAR(1000) NOT NULL,\n"
      "    \"checksum\" INT,\n"
      "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
      "    \"installed_on\" TEXT NOT NULL DEFAULT "
      "(strftime('%Y-%m-%d %H:%M:%f','now')),\n"
      "    \"execution_time\" INT NOT NULL,\n"
      "    \"success\" BOOLEAN NOT NULL\n"
      ")");
  s.after_baseline.push_back("CREATE INDEX " + q(schema) + "." +
                             q(table + "_s_idx") + " ON " + q(table) +
                             " (\"success\")");
  return s;
}

// MariaDB names no constraint: "CONSTRAINT  PRIMARY KEY" (two spaces).
CreateScript mysql_script(DatabaseType type, const std::string& schema,
                          const std::string& table,
                          const std::string& tablespace) {
  const auto q = [](const std::string& s) {
    return quote_identifier(DatabaseType::kMySQL, s);
  };
  const std::string t = q(schema) + "." + q(table);
  const std::string constraint =
      type == DatabaseType::kMariaDB ? "" : q(table + "_pk");
  const std::string ts =
      tablespace.empty() ? "" : " TABLESPACE \"" + tablespace + "\"";
  CreateScript s;
  s.before_baseline.push_back(
      "CREATE TABLE " + t +
      " (\n"
      "    `installed_rank` INT NOT NULL,\n"
      "    `version` VARCHAR(50),\n"
      "    `description` VARCHAR(200) NOT NULL,\n"
      "    `type` VARCHAR(20) NOT NULL,\n"
      "    `script` VARCHAR(1000) NOT NULL,\n"
      "    `checksum` INT,\n"
      "    `installed_by` VARCHAR(100) NOT NULL,\n"
      "    `installed_on` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
      "    `execution_time` INT NOT NULL,\n"
      "    `success` BOOL NOT NULL,\n"
      "    CONSTRAINT " +
      constraint +
      " PRIMARY KEY (`installed_rank`)\n"
      ")" +
      ts + " ENGINE=InnoDB");
  s.after_baseline.push_back("CREATE INDEX " + q(table + "_s_idx") + " ON " +
                             t + " (`success`)");
  return s;
}

}  // namespace

CreateScript create_script(DatabaseType type, const std::string& schema,
                           const std::string& table,
                           const std::string& tablespace) {
  switch (type) {
    case DatabaseType::kPostgreSQL:
      return postgres_script(schema, table, tablespace);
    case DatabaseType::kSQLite:
      return sqlite_script(schema, table);
    case DatabaseType::kMySQL:
    case DatabaseType::kMariaDB:
      return mysql_script(type, schema, table, tablespace);
  }
  return {};
}

}  // namespace runway::history::detail
