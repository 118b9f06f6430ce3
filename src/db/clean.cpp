// Emptying a schema the way Flyway's clean does (PostgreSQLSchema.doClean,
// SQLiteSchema.doClean). Each kind of object is listed from the catalog
// only when its turn comes, because dropping one kind with CASCADE removes
// objects of later kinds (a table takes its sequences, a base type its I/O
// functions). Objects an extension owns (pg_depend deptype 'e') are left to
// the extension, which is dropped last. Differences from Flyway, all in the
// direction of "clean never fails half way": IF EXISTS on every DROP,
// enums owned by extensions skipped, and types that exist only as part of
// another (a range's multirange, deptype 'i') left to their owner.
//
// MySQL/MariaDB (MySQLSchema.doClean): events, routines, views, then the
// tables with foreign_key_checks off, then sequences (MariaDB 10.3+). DDL
// commits implicitly there, so no transaction. Differences from Flyway:
// IF EXISTS on every DROP, and foreign_key_checks is put back to the
// session's previous value (Flyway sets it to 1) even when a DROP fails.
#include "runway/db/clean.hpp"

#include <functional>
#include <vector>

namespace runway::db {
namespace {

using Row = std::vector<std::optional<std::string>>;

constexpr const char* kNotFromExtension =
    " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
    " WHERE d.objid = {oid} AND d.deptype = 'e')";

// `kNotFromExtension` for the object whose oid is `oid_expr`.
std::string not_from_extension(const std::string& oid_expr) {
  std::string sql = kNotFromExtension;
  sql.replace(sql.find("{oid}"), 5, oid_expr);
  return sql;
}

std::string relations_of_kind(const std::string& relkinds) {
  return "SELECT c.relname FROM pg_catalog.pg_class c"
         " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
         " WHERE n.nspname = $1 AND c.relkind IN (" +
         relkinds + ")" + not_from_extension("c.oid");
}

std::string tables_query() {
  return relations_of_kind("'r', 'p'") +
         " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i"
         " WHERE i.inhrelid = c.oid)";
}

// Base, composite, enum and range types; not array types, not the row
// types of tables or views, not domains.
std::string base_types_query() {
  return "SELECT t.typname, t.typcategory FROM pg_catalog.pg_type t"
         " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
         " WHERE n.nspname = $1 AND t.typtype <> 'd'"
         " AND (t.typrelid = 0 OR EXISTS (SELECT 1 FROM pg_catalog.pg_class c"
         " WHERE c.oid = t.typrelid AND c.relkind = 'c'))"
         " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type el"
         " WHERE el.oid = t.typelem AND el.typarray = t.oid)"
         " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
         " WHERE d.objid = t.oid AND d.deptype = 'i')" +
         not_from_extension("t.oid");
}

std::string types_of_kind(char typtype) {
  return "SELECT t.typname FROM pg_catalog.pg_type t"
         " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
         " WHERE n.nspname = $1 AND t.typtype = '" +
         std::string(1, typtype) + "'" + not_from_extension("t.oid");
}

std::string routines_query() {
  return "SELECT p.proname, pg_catalog.oidvectortypes(p.proargtypes),"
         " p.prokind FROM pg_catalog.pg_proc p"
         " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
         " WHERE n.nspname = $1" +
         not_from_extension("p.oid");
}

std::string collations_query() {
  return "SELECT c.collname FROM pg_catalog.pg_collation c"
         " JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace"
         " WHERE n.nspname = $1" +
         not_from_extension("c.oid");
}

constexpr const char* kExtensionsQuery =
    "SELECT e.extname FROM pg_catalog.pg_extension e"
    " JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace"
    " JOIN pg_catalog.pg_roles r ON r.oid = e.extowner"
    " WHERE n.nspname = $1 AND r.rolname = current_user";

// One kind of object: how to list it, and the statements dropping a row.
struct CleanStep {
  std::string query;
  std::function<std::vector<std::string>(const Row&)> drop;
};

std::string text(const Row& row, std::size_t i) {
  return i < row.size() ? row[i].value_or("") : "";
}

std::vector<CleanStep> postgres_steps(const std::string& schema) {
  const auto q = [schema](const std::string& name) {
    return quote_identifier(DatabaseType::kPostgreSQL, schema) + "." +
           quote_identifier(DatabaseType::kPostgreSQL, name);
  };
  const auto simple = [q](const std::string& prefix,
                          const std::string& suffix) {
    return [q, prefix, suffix](const Row& r) {
      return std::vector<std::string>{prefix + q(text(r, 0)) + suffix};
    };
  };
  const auto base_types = [q](bool recreate_shells) {
    return [q, recreate_shells](const Row& r) {
      std::vector<std::string> out{"DROP TYPE IF EXISTS " + q(text(r, 0)) +
                                   " CASCADE"};
      const std::string category = text(r, 1);
      if (recreate_shells && (category == "P" || category == "U"))
        out.push_back("CREATE TYPE " + q(text(r, 0)));
      return out;
    };
  };
  const auto routine = [q](const Row& r) {
    const std::string kind = text(r, 2);
    const char* what = kind == "a"   ? "AGGREGATE"
                       : kind == "p" ? "PROCEDURE"
                                     : "FUNCTION";
    return std::vector<std::string>{std::string("DROP ") + what +
                                    " IF EXISTS " + q(text(r, 0)) + "(" +
                                    text(r, 1) + ") CASCADE"};
  };
  const auto extension = [](const Row& r) {
    return std::vector<std::string>{
        "DROP EXTENSION IF EXISTS " +
        quote_identifier(DatabaseType::kPostgreSQL, text(r, 0)) + " CASCADE"};
  };
  return {
      {relations_of_kind("'m'"),
       simple("DROP MATERIALIZED VIEW IF EXISTS ", " CASCADE")},
      {relations_of_kind("'v'"), simple("DROP VIEW IF EXISTS ", " CASCADE")},
      {tables_query(), simple("DROP TABLE IF EXISTS ", " CASCADE")},
      {base_types_query(), base_types(true)},
      {routines_query(), routine},
      {types_of_kind('e'), simple("DROP TYPE IF EXISTS ", "")},
      {types_of_kind('d'), simple("DROP DOMAIN IF EXISTS ", " CASCADE")},
      {relations_of_kind("'S'"), simple("DROP SEQUENCE IF EXISTS ", "")},
      {base_types_query(), base_types(false)},
      {collations_query(), simple("DROP COLLATION IF EXISTS ", "")},
      {kExtensionsQuery, extension},
  };
}

void in_transaction(Connection& conn, const std::function<void()>& work) {
  conn.begin();
  try {
    work();
    conn.commit();
  } catch (...) {
    conn.rollback();
    throw;
  }
}

void clean_postgres(Connection& conn, const std::string& schema) {
  in_transaction(conn, [&] {
    for (const CleanStep& step : postgres_steps(schema)) {
      const QueryResult listed = conn.execute(step.query, {schema});
      for (const Row& row : listed.rows)
        for (const std::string& sql : step.drop(row)) conn.execute(sql);
    }
  });
}

std::vector<std::string> sqlite_names(Connection& conn,
                                      const std::string& quoted_schema,
                                      const char* type) {
  const QueryResult r =
      conn.execute("SELECT tbl_name FROM " + quoted_schema +
                   ".sqlite_master WHERE type = '" + type + "'");
  std::vector<std::string> names;
  for (const Row& row : r.rows) names.push_back(text(row, 0));
  return names;
}

void drop_sqlite_objects(Connection& conn, const std::string& schema) {
  const std::string qs = quote_identifier(DatabaseType::kSQLite, schema);
  const auto q = [&qs](const std::string& name) {
    return qs + "." + quote_identifier(DatabaseType::kSQLite, name);
  };
  for (const std::string& view : sqlite_names(conn, qs, "view"))
    conn.execute("DROP VIEW IF EXISTS " + q(view));
  bool has_sequence_table = false;
  for (const std::string& table : sqlite_names(conn, qs, "table")) {
    if (table == "sqlite_sequence") {
      has_sequence_table = true;
    } else if (table != "android_metadata") {
      // IF EXISTS: a virtual table's shadow tables go with it.
      conn.execute("DROP TABLE IF EXISTS " + q(table));
    }
  }
  if (has_sequence_table)
    conn.execute("DELETE FROM " + qs + ".sqlite_sequence");
}

// PRAGMA foreign_keys is ignored inside a transaction, so it is switched
// around the transaction, and back on whatever happens.
void clean_sqlite(Connection& conn, const std::string& schema) {
  const QueryResult fk = conn.execute("PRAGMA foreign_keys");
  const bool foreign_keys =
      !fk.rows.empty() && text(fk.rows[0], 0) == std::string("1");
  if (foreign_keys) conn.execute("PRAGMA foreign_keys = OFF");
  try {
    in_transaction(conn, [&] { drop_sqlite_objects(conn, schema); });
  } catch (...) {
    if (foreign_keys) conn.execute("PRAGMA foreign_keys = ON");
    throw;
  }
  if (foreign_keys) conn.execute("PRAGMA foreign_keys = ON");
}

// Names listed from information_schema for `schema` (bound as `?`), with
// an optional second column (a routine's type).
std::vector<Row> mysql_rows(Connection& conn, const std::string& query,
                            const std::string& schema) {
  return conn.execute(query, {schema}).rows;
}

void drop_mysql_objects(Connection& conn, const std::string& schema) {
  const DatabaseType type = conn.type();
  const auto q = [&](const std::string& name) {
    return quote_identifier(type, schema) + "." + quote_identifier(type, name);
  };
  for (const Row& r :
       mysql_rows(conn,
                  "SELECT event_name FROM information_schema.events"
                  " WHERE event_schema = ?",
                  schema))
    conn.execute("DROP EVENT IF EXISTS " + q(text(r, 0)));
  for (const Row& r :
       mysql_rows(conn,
                  "SELECT routine_name, routine_type FROM"
                  " information_schema.routines WHERE routine_schema = ?",
                  schema))
    conn.execute("DROP " + text(r, 1) + " IF EXISTS " + q(text(r, 0)));
  for (const Row& r :
       mysql_rows(conn,
                  "SELECT table_name FROM information_schema.views"
                  " WHERE table_schema = ?",
                  schema))
    conn.execute("DROP VIEW IF EXISTS " + q(text(r, 0)));
  for (const Row& r :
       mysql_rows(conn,
                  "SELECT table_name FROM information_schema.tables"
                  " WHERE table_schema = ? AND table_type IN"
                  " ('BASE TABLE', 'SYSTEM VERSIONED')",
                  schema))
    conn.execute("DROP TABLE IF EXISTS " + q(text(r, 0)));
  if (type != DatabaseType::kMariaDB) return;
  for (const Row& r :
       mysql_rows(conn,
                  "SELECT table_name FROM information_schema.tables"
                  " WHERE table_schema = ? AND table_type ="
                  " 'SEQUENCE'",
                  schema))
    conn.execute("DROP SEQUENCE IF EXISTS " + q(text(r, 0)));
}

// Tables are dropped in any order with foreign_key_checks off; the
// session's value is restored whatever happens.
void clean_mysql(Connection& conn, const std::string& schema) {
  const QueryResult fk = conn.execute("SELECT @@foreign_key_checks");
  const std::string previous =
      !fk.rows.empty() && text(fk.rows[0], 0) == "0" ? "0" : "1";
  conn.execute("SET foreign_key_checks = 0");
  try {
    drop_mysql_objects(conn, schema);
  } catch (...) {
    try {
      conn.execute("SET foreign_key_checks = " + previous);
    } catch (...) {  // the DROP's error is the one to report
    }
    throw;
  }
  conn.execute("SET foreign_key_checks = " + previous);
}

}  // namespace

void clean_schema(Connection& conn, const std::string& schema) {
  switch (conn.type()) {
    case DatabaseType::kPostgreSQL:
      clean_postgres(conn, schema);
      return;
    case DatabaseType::kSQLite:
      clean_sqlite(conn, schema);
      return;
    case DatabaseType::kMySQL:
    case DatabaseType::kMariaDB:
      clean_mysql(conn, schema);
      return;
  }
}

void drop_schema(Connection& conn, const std::string& schema) {
  switch (conn.type()) {
    case DatabaseType::kSQLite:
      return;
    case DatabaseType::kPostgreSQL:
      conn.execute("DROP SCHEMA " + quote_identifier(conn.type(), schema) +
                   " CASCADE");
      return;
    case DatabaseType::kMySQL:
    case DatabaseType::kMariaDB:
      break;
  }
  conn.execute("DROP SCHEMA " + quote_identifier(conn.type(), schema));
}

}  // namespace runway::db
