// Small helpers shared by the db/history integration tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runway/db/connect.hpp"
#include "support/test_databases.hpp"

namespace runway::test {

inline std::unique_ptr<db::Connection> open(const std::string& url,
                                            const std::string& user = "",
                                            const std::string& password = "") {
  db::ConnectOptions options;
  options.url = url;
  options.user = user;
  options.password = password;
  return db::connect(options);
}

inline std::unique_ptr<db::Connection> open(const TempPostgresDatabase& db) {
  return open(db.conninfo());
}

/// First column of the first row ("" for no row or NULL).
inline std::string scalar(db::Connection& conn, const std::string& sql) {
  const db::QueryResult r = conn.execute(sql);
  if (r.rows.empty() || r.rows[0].empty() || !r.rows[0][0]) return "";
  return *r.rows[0][0];
}

/// The rows for_each_row() hands over, as text: fields joined by '|',
/// NULL as "NULL".
inline std::vector<std::string> rows_seen(
    db::Connection& conn, const std::string& sql,
    const std::vector<db::Param>& params) {
  std::vector<std::string> seen;
  conn.for_each_row(sql, params, [&seen](db::Connection::RowView row) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line += '|';
      line += row[i] ? std::string(*row[i]) : std::string("NULL");
    }
    seen.push_back(std::move(line));
  });
  return seen;
}

}  // namespace runway::test
