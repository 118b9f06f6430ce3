// One splitter per dialect; make_splitter (statement.hpp) picks among them.
#pragma once

#include <memory>

#include "runway/sql/statement.hpp"

namespace runway::sql {

std::unique_ptr<StatementSplitter> make_postgres_splitter(TextSource& source);
std::unique_ptr<StatementSplitter> make_sqlite_splitter(TextSource& source);
std::unique_ptr<StatementSplitter> make_mysql_splitter(TextSource& source);

}  // namespace runway::sql
