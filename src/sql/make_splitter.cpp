#include "splitters.hpp"

namespace runway::sql {

std::unique_ptr<StatementSplitter> make_splitter(Dialect dialect,
                                                 TextSource& source) {
  switch (dialect) {
    case Dialect::kPostgreSQL:
      return make_postgres_splitter(source);
    case Dialect::kSQLite:
      return make_sqlite_splitter(source);
    case Dialect::kMySQL:
      return make_mysql_splitter(source);
  }
  return make_postgres_splitter(source);
}

}  // namespace runway::sql
