// Private to src/db: one opener per driver. Each throws ConnectionError
// carrying the driver's own message; connect() adds Flyway's wording,
// retries and password scrubbing.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runway/db/connection.hpp"
#include "runway/db/url.hpp"

namespace runway::db::detail {

/// `spec.user`/`spec.password` are final (URL or configured) when these run.
std::unique_ptr<Connection> open_postgres(const ConnectionSpec& spec);
std::unique_ptr<Connection> open_sqlite(const ConnectionSpec& spec);
std::unique_ptr<Connection> open_mysql(const ConnectionSpec& spec);

/// The libpq keyword/value pairs for `spec`, in a stable order.
std::vector<std::pair<std::string, std::string>> libpq_keywords(
    const ConnectionSpec& spec);

}  // namespace runway::db::detail
