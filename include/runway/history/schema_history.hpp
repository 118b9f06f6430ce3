// The schema history table (`flyway_schema_history`): Flyway's exact DDL per
// dialect and the row operations Flyway performs on it, so that a table
// written by either tool is read and continued by the other.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runway/core/migration.hpp"
#include "runway/db/connection.hpp"

namespace runway::history {

class SchemaHistory {
 public:
  SchemaHistory(db::Connection& conn, std::string schema, std::string table);

  const std::string& schema() const { return schema_; }
  const std::string& table() const { return table_; }
  /// `"public"."flyway_schema_history"`, `"main"."flyway_schema_history"`,
  /// `` `db`.`flyway_schema_history` ``.
  std::string quoted_table() const;

  /// Flyway's existence check (PostgreSQL: a plain table, relkind 'r').
  bool exists();

  /// Creates the table with Flyway's exact DDL. On PostgreSQL and SQLite
  /// all statements run in one transaction (joined if the caller has one
  /// open); `baseline_row`, if given, is inserted between CREATE TABLE and
  /// the primary key, as Flyway does.
  void create(std::optional<AppliedMigration> baseline_row = {},
              const std::string& tablespace = "");

  /// Every row, ordered by installed_rank. `installed_on` is text
  /// "YYYY-MM-DD HH:MM:SS.mmm". Throws Error for a `type` Flyway does not
  /// know ("Unknown migration type '<t>' found in schema history. ...").
  std::vector<AppliedMigration> read_all();

  /// Inserts a row (installed_on left to the database default; description
  /// and script abbreviated as Flyway does). Never begins or commits: it
  /// joins the caller's transaction if one is open.
  void insert(const AppliedMigration& row);
  /// insert(), then commits the caller's open transaction, in one round trip
  /// where the database allows it (db::Connection::execute_then_commit):
  /// an insert error leaves the transaction open and failed, to roll back.
  void insert_and_commit(const AppliedMigration& row);

  /// repair's realign: sets description, type and checksum of one row.
  void update_row(int installed_rank, const std::string& description,
                  const std::string& type,
                  std::optional<std::int32_t> checksum);

  /// repair's "remove failed": deletes every failed row with the same
  /// version (or, for a repeatable, the same description).
  void delete_failed(const AppliedMigration& row);

  /// Drops the table.
  void drop();

 private:
  void insert(const AppliedMigration& row, bool then_commit);
  db::Connection& conn_;
  std::string schema_;
  std::string table_;
  std::string insert_sql_;  // built on the first insert
};

}  // namespace runway::history
