// Catalog SQL per dialect for schema existence, creation and emptiness
// (Flyway's Schema.doExists/doCreate/doEmpty).
#include "runway/db/schema_ops.hpp"

namespace runway::db {
namespace {

bool is_mysql(const Connection& conn) {
  return conn.type() == DatabaseType::kMySQL ||
         conn.type() == DatabaseType::kMariaDB;
}

std::string first_value(const QueryResult& r) {
  if (r.rows.empty() || r.rows[0].empty() || !r.rows[0][0]) return "";
  return *r.rows[0][0];
}

bool is_true(const std::string& v) {
  return v == "t" || v == "1" || v == "true";
}

// Flyway's PostgreSQLSchema.doEmpty, object kind for object kind, so that
// both tools take the same schema for empty (and baselineOnMigrate baselines
// the same databases): tables, views, sequences, types other than arrays and
// composites, routines; objects an extension owns (pg_depend deptype 'e')
// are not the user's. A composite type's pg_class row is not an extension
// member even when its type is (PostGIS's geometry_dump), hence no 'c'.
constexpr const char* kPostgresEmpty = R"SQL(SELECT NOT EXISTS (
  SELECT c.oid FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
  WHERE n.nspname = $1 AND d.objid IS NULL AND c.relkind IN ('r', 'v', 'S', 't')
  UNION ALL
  SELECT t.oid FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_catalog.pg_depend d ON d.objid = t.oid AND d.deptype = 'e'
  WHERE n.nspname = $1 AND d.objid IS NULL AND t.typcategory NOT IN ('A', 'C')
  UNION ALL
  SELECT p.oid FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  LEFT JOIN pg_catalog.pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
  WHERE n.nspname = $1 AND d.objid IS NULL)
)SQL";

constexpr const char* kMySQLObjectCount =
    "SELECT (SELECT count(*) FROM information_schema.TABLES WHERE "
    "TABLE_SCHEMA=?) + (SELECT count(*) FROM information_schema.VIEWS WHERE "
    "TABLE_SCHEMA=?) + (SELECT count(*) FROM "
    "information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA=?) + (SELECT "
    "count(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA=?) + (SELECT "
    "count(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA=?) + "
    "(SELECT count(*) FROM information_schema.ROUTINES WHERE "
    "ROUTINE_SCHEMA=?)";

}  // namespace

bool schema_exists(Connection& conn, const std::string& schema) {
  if (conn.type() == DatabaseType::kSQLite) {
    for (const auto& row : conn.execute("PRAGMA database_list").rows) {
      if (row.size() > 1 && row[1] == schema) return true;
    }
    return false;
  }
  if (is_mysql(conn)) {
    return first_value(conn.execute(
               "SELECT count(*) FROM information_schema.schemata WHERE "
               "schema_name=?",
               {schema})) != "0";
  }
  // A name lookup: cheaper for a new session than planning a catalog query.
  return is_true(first_value(
      conn.execute("SELECT pg_catalog.to_regnamespace($1) IS NOT NULL",
                   {quote_identifier(conn.type(), schema)})));
}

void create_schema(Connection& conn, const std::string& schema) {
  if (conn.type() == DatabaseType::kSQLite) return;
  conn.execute("CREATE SCHEMA " + quote_identifier(conn.type(), schema));
}

bool schema_is_empty(Connection& conn, const std::string& schema) {
  if (conn.type() == DatabaseType::kSQLite) {
    const QueryResult r =
        conn.execute("SELECT tbl_name FROM " +
                     quote_identifier(DatabaseType::kSQLite, schema) +
                     ".sqlite_master WHERE type = 'table'");
    for (const auto& row : r.rows) {
      const std::string name = row.empty() ? "" : row[0].value_or("");
      if (name != "android_metadata" && name != "sqlite_sequence") {
        return false;
      }
    }
    return true;
  }
  if (is_mysql(conn)) {
    const std::vector<Param> params(6, Param{schema});
    return first_value(conn.execute(kMySQLObjectCount, params)) == "0";
  }
  return is_true(first_value(conn.execute(kPostgresEmpty, {schema})));
}

}  // namespace runway::db
