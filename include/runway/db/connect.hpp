// Opening a connection the way Flyway does: URL + user + password +
// jdbcProperties, connectRetries with a doubling back-off, initSql after
// every connect, and a failure message that never contains the password.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "runway/db/connection.hpp"
#include "runway/db/url.hpp"

namespace runway::db {

struct ConnectOptions {
  std::string url;
  std::string user;      ///< a user in the URL wins over this one
  std::string password;  ///< a password in the URL wins over this one
  /// Retries after a failed attempt: wait 1 s, doubling each time, capped
  /// at connect_retries_interval seconds.
  int connect_retries = 0;
  int connect_retries_interval = 120;
  std::string init_sql;  ///< run after every successful connect
  /// Flyway's jdbcProperties: driver settings the URL does not set.
  std::map<std::string, std::string> jdbc_properties;
  /// Receives one WARN line per retry: "Connection error: <msg>\nRetrying
  /// in N sec..." (no password). May be empty.
  std::function<void(const std::string&)> warn;
};

/// Opens a connection to the database `options.url` designates.
/// Throws ConfigError for a bad URL, ConnectionError (message:
/// "Unable to obtain connection from database (<masked url>) for user
/// '<user>': <driver message>") when every attempt failed, SqlError when
/// initSql fails.
std::unique_ptr<Connection> connect(const ConnectOptions& options);

}  // namespace runway::db
