// What `clean` does to one schema, per dialect, in Flyway's order.
#pragma once

#include <string>

#include "runway/db/connection.hpp"

namespace runway::db {

/// Drops every object in `schema`, leaving the schema itself, as Flyway's
/// Schema.clean() does:
/// - PostgreSQL (11 or later): materialized views, views, tables (not owned
///   by an extension, not inheritance children: DROP ... CASCADE), base and
///   composite types, functions / aggregates / procedures (with their
///   argument lists), enums, domains, sequences, remaining base types,
///   collations, then the extensions in the schema owned by the current
///   user.
/// - SQLite: every view, every table except sqlite_sequence and
///   android_metadata (indexes and triggers go with their tables), then
///   `DELETE FROM sqlite_sequence`; foreign keys are switched off around
///   it when they were on.
/// - MySQL/MariaDB: events, procedures and functions, views, tables
///   (foreign_key_checks off, then restored), sequences (MariaDB).
/// Runs in one transaction on PostgreSQL and SQLite; MySQL commits each
/// DROP. Throws SqlError.
void clean_schema(Connection& conn, const std::string& schema);

/// `DROP SCHEMA "x" CASCADE` (PostgreSQL), `DROP SCHEMA `x`` (MySQL). A
/// no-op on SQLite, which cannot drop schemas. Throws SqlError.
void drop_schema(Connection& conn, const std::string& schema);

}  // namespace runway::db
