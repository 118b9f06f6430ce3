// Private to src/db: one opener per driver. Each throws ConnectionError
// carrying the driver's own message; connect() adds Flyway's wording,
// retries and password scrubbing.
#pragma once

#include <functional>
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

/// Turns a string into a quoted SQL literal for the connected server.
using StringQuoter = std::function<std::string(const std::string&)>;

/// Replaces each `?` marker outside quotes and comments with the literal of
/// the matching parameter (client-side binding, as Connector/J).
std::string bind_mysql_params(std::string_view sql,
                              const std::vector<Param>& params,
                              const StringQuoter& quote);

/// What the JDBC drivers do on connect for URL parameters (mysql_session.cpp):
/// `createDatabaseIfNotExist=true` creates the database when connecting to
/// it fails because it is missing; `forceConnectionTimeZoneToSession=true`
/// sets the session time zone from `connectionTimeZone` (or
/// `serverTimezone`); `sessionVariables=a=1,b='x'` sets them (Connector/J's
/// split on ',' and ';' outside quotes).
struct MySqlSessionSetup {
  /// Run, connected without a database, when the URL's database is missing
  /// and createDatabaseIfNotExist is set: CREATE DATABASE IF NOT EXISTS, USE.
  std::vector<std::string> create_statements;
  std::vector<std::string> statements;  ///< run in order once connected
};
MySqlSessionSetup mysql_session_setup(const ConnectionSpec& spec);

}  // namespace runway::db::detail
