// Database URLs as users write them for Flyway (JDBC), libpq and the usual
// `scheme://` forms, parsed into one driver-neutral ConnectionSpec.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runway/db/connection.hpp"

namespace runway::db {

/// One server address. `port` 0 means the driver's default.
struct HostPort {
  std::string host;
  int port = 0;
};

/// Everything needed to open a connection, whatever URL form it came from.
struct ConnectionSpec {
  /// From the URL scheme. `jdbc:mysql:` may turn out to be MariaDB once
  /// connected; Connection::type() has the final word.
  DatabaseType type = DatabaseType::kPostgreSQL;
  /// Empty = the driver's default (PostgreSQL: libpq's default socket or
  /// localhost; MySQL: localhost). A PostgreSQL host starting with `/` is a
  /// unix socket directory.
  std::vector<HostPort> hosts;
  /// PostgreSQL dbname, MySQL database, SQLite file path (":memory:" for an
  /// in-memory database). Empty = driver default.
  std::string database;
  /// Set when the URL names a user/password; a URL value wins over the
  /// configured one (pgjdbc's rule).
  std::optional<std::string> user;
  std::optional<std::string> password;
  std::string unix_socket;  ///< MySQL/MariaDB socket file
  /// TLS, in libpq's vocabulary: "", "disable", "allow", "prefer",
  /// "require", "verify-ca", "verify-full" ("" = driver default).
  std::string ssl_mode;
  std::string ssl_root_cert;
  std::string ssl_cert;
  std::string ssl_key;
  int connect_timeout = 0;     ///< seconds, 0 = driver default
  std::string current_schema;  ///< PostgreSQL: search_path set at connect
  std::string application_name = "runway";
  /// Further driver-native options passed through as is: libpq keywords for
  /// PostgreSQL (`options`, `target_session_attrs`, ...), PRAGMAs for SQLite.
  std::map<std::string, std::string> options;
};

/// Parses any supported URL form:
///   jdbc:postgresql://host[:port][,host2[:port2]][/db][?k=v&...],
///   jdbc:postgresql:db, postgresql://[user[:pw]@]host..., postgres://...,
///   libpq `key=value ...` strings,
///   jdbc:sqlite:<path>, sqlite:<path>, jdbc:sqlite::memory:,
///   jdbc:mysql://..., jdbc:mariadb://..., mysql://..., mariadb://...
/// `properties` (Flyway's jdbcProperties) fill in what the URL leaves unset:
/// a value in the URL wins. Throws ConfigError on bad syntax.
ConnectionSpec parse_url(
    std::string_view url,
    const std::map<std::string, std::string>& properties = {});

/// The URL with any password (userinfo, `password=` query parameter or
/// libpq keyword) replaced by "********". Safe to print.
std::string mask_url(std::string_view url);

/// The database type a URL designates (by its prefix). Throws ConfigError
/// for a URL no driver handles.
DatabaseType detect_database_type(std::string_view url);

}  // namespace runway::db
