// Catalog questions and schema DDL, per dialect, as Flyway asks them.
#pragma once

#include <string>

#include "runway/db/connection.hpp"

namespace runway::db {

/// PostgreSQL pg_namespace, MySQL information_schema.schemata, SQLite the
/// attached databases (`main`, `temp`, ATTACH names).
bool schema_exists(Connection& conn, const std::string& schema);

/// `CREATE SCHEMA "x"` (MySQL: `x`). SQLite cannot create schemas: a no-op
/// there (Flyway logs "SQLite does not support creating schemas. Schema not
/// created: x"; that line is the caller's to print).
void create_schema(Connection& conn, const std::string& schema);

/// Flyway's emptiness test for "non-empty schema without history table".
/// PostgreSQL: no table, view, sequence, type or function that is not owned
/// by an extension. SQLite: no table except android_metadata and
/// sqlite_sequence. MySQL: no table, view, constraint, event, trigger or
/// routine.
bool schema_is_empty(Connection& conn, const std::string& schema);

}  // namespace runway::db
