#include "runway/db/connection.hpp"

namespace runway::db {

std::string_view database_type_name(DatabaseType type) {
  switch (type) {
    case DatabaseType::kPostgreSQL:
      return "PostgreSQL";
    case DatabaseType::kSQLite:
      return "SQLite";
    case DatabaseType::kMySQL:
      return "MySQL";
    case DatabaseType::kMariaDB:
      return "MariaDB";
  }
  return "unknown";
}

std::string quote_identifier(DatabaseType type, std::string_view name) {
  const char quote =
      (type == DatabaseType::kMySQL || type == DatabaseType::kMariaDB) ? '`'
                                                                       : '"';
  std::string out;
  out.reserve(name.size() + 2);
  out += quote;
  for (char c : name) {
    if (c == quote) out += quote;  // doubled quote escapes it
    out += c;
  }
  out += quote;
  return out;
}

}  // namespace runway::db
