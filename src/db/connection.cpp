// Connection's members that drivers may leave to the base class.
#include "runway/db/connection.hpp"

namespace runway::db {

void Connection::for_each_row(std::string_view sql,
                              const std::vector<Param>& params,
                              const std::function<void(RowView)>& row) {
  const QueryResult result = execute(sql, params);
  std::vector<std::optional<std::string_view>> values;
  for (const auto& r : result.rows) {
    values.assign(r.size(), std::nullopt);
    for (std::size_t c = 0; c < r.size(); ++c)
      if (r[c]) values[c] = *r[c];
    row(values);
  }
}

}  // namespace runway::db
