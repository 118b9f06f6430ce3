// Flyway's connection loop (JdbcUtils.openConnection): on failure, retry up
// to connectRetries times, waiting 1 s and doubling up to
// connectRetriesInterval, with one WARN per retry; when the retries are
// spent, fail with "Unable to obtain connection from database (<url>) for
// user '<u>': <msg>". The URL is printed masked and the driver's message is
// scrubbed of the password, which some drivers echo back.
#include "runway/db/connect.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "drivers.hpp"
#include "runway/config/redact.hpp"

namespace runway::db {
namespace {

std::unique_ptr<Connection> open_driver(const ConnectionSpec& spec) {
  switch (spec.type) {
    case DatabaseType::kPostgreSQL:
      return detail::open_postgres(spec);
    case DatabaseType::kSQLite:
      return detail::open_sqlite(spec);
    case DatabaseType::kMySQL:
    case DatabaseType::kMariaDB:
      return detail::open_mysql(spec);
  }
  throw ConfigError("Unsupported database type");
}

}  // namespace

std::unique_ptr<Connection> connect(const ConnectOptions& options) {
  ConnectionSpec spec = parse_url(options.url, options.jdbc_properties);
  if (!spec.user) spec.user = options.user;
  if (!spec.password) spec.password = options.password;
  const std::vector<std::string> secrets = {*spec.password, options.password};

  int retries = 0;
  int wait_seconds = 1;
  const int cap = std::max(1, options.connect_retries_interval);
  while (true) {
    std::string message;
    try {
      std::unique_ptr<Connection> conn = open_driver(spec);
      if (!options.init_sql.empty()) conn->execute(options.init_sql);
      return conn;
    } catch (const ConnectionError& e) {
      message = redact(e.what(), secrets);
    }
    if (++retries > options.connect_retries) {
      throw ConnectionError("Unable to obtain connection from database (" +
                            mask_url(options.url) + ") for user '" +
                            *spec.user + "': " + message);
    }
    if (options.warn) {
      options.warn("Connection error: " + message + "\nRetrying in " +
                   std::to_string(wait_seconds) + " sec...");
    }
    std::this_thread::sleep_for(std::chrono::seconds(wait_seconds));
    wait_seconds = std::min(wait_seconds * 2, cap);
  }
}

}  // namespace runway::db
