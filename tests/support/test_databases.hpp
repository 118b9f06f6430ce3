// Throwaway databases for integration tests. PostgreSQL ones live on the
// cluster scripts/lib/postgres.sh starts (RUNWAY_TEST_PG_* variables);
// each object owns one uniquely named database and drops it on destruction.
#pragma once

#include <string>

namespace runway::test {

class TempPostgresDatabase {
 public:
  /// Creates the database; fails the current test ("run via
  /// scripts/test.sh") when RUNWAY_TEST_PG_HOST is unset.
  TempPostgresDatabase();
  /// Drops the database WITH (FORCE), ending any session still in it.
  ~TempPostgresDatabase();
  TempPostgresDatabase(const TempPostgresDatabase&) = delete;
  TempPostgresDatabase& operator=(const TempPostgresDatabase&) = delete;

  const std::string& name() const { return name_; }
  /// `jdbc:postgresql://127.0.0.1:<port>/<name>` (TCP; the user is not in
  /// the URL: pass user() separately).
  std::string jdbc_url() const;
  /// libpq `host=<socket dir> port=<port> user=<user> dbname=<name>`.
  std::string conninfo() const;
  /// The superuser the cluster trusts ("postgres").
  const std::string& user() const { return user_; }
  const std::string& socket_dir() const { return host_; }
  int port() const { return port_; }

 private:
  std::string name_;
  std::string host_;
  std::string user_;
  int port_ = 0;
};

/// A database (MySQL "schema") on the MariaDB server scripts/lib/mariadb.sh
/// starts (RUNWAY_TEST_MYSQL_* variables), dropped on destruction.
class TempMySQLDatabase {
 public:
  /// Fails the current test ("run via scripts/test.sh") when
  /// RUNWAY_TEST_MYSQL_PORT is unset.
  TempMySQLDatabase();
  ~TempMySQLDatabase();
  TempMySQLDatabase(const TempMySQLDatabase&) = delete;
  TempMySQLDatabase& operator=(const TempMySQLDatabase&) = delete;

  const std::string& name() const { return name_; }
  /// `jdbc:mariadb://127.0.0.1:<port>/<name>` (TCP; pass user() and
  /// password() separately).
  std::string jdbc_url() const;
  const std::string& user() const { return user_; }
  const std::string& password() const { return password_; }
  const std::string& socket() const { return socket_; }
  int port() const { return port_; }

 private:
  std::string name_;
  std::string user_;
  std::string password_;
  std::string socket_;
  int port_ = 0;
};

/// A path to a not yet existing SQLite file in a fresh temporary directory,
/// removed (with everything in it) on destruction.
class TempSqliteFile {
 public:
  TempSqliteFile();
  ~TempSqliteFile();
  TempSqliteFile(const TempSqliteFile&) = delete;
  TempSqliteFile& operator=(const TempSqliteFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& dir() const { return dir_; }
  /// `jdbc:sqlite:<path>`
  std::string jdbc_url() const { return "jdbc:sqlite:" + path_; }

 private:
  std::string dir_;
  std::string path_;
};

}  // namespace runway::test
