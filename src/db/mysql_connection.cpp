// MySQL and MariaDB through the MariaDB client library. The connection is
// opened with the native API rather than SOCI's: SOCI's connect string can
// neither require TLS without certificate files nor force TCP, and a JDBC
// URL always means TCP (the socket only when named) and may demand TLS.
// Rules that matter to callers:
// - MySQL or MariaDB is decided by the server's version string, whatever
//   the URL said (`jdbc:mysql:` against MariaDB is MariaDB, as in Flyway).
// - Parameters are bound client-side (see mysql_params.cpp).
// - Server errors become SqlError with SQLSTATE and errno; a lost server
//   (2006/2013) is ConnectionError, or CommitOutcomeUnknown during COMMIT.
// - Warnings go to the notice handler (SHOW WARNINGS), as Flyway logs them.
// - cancel() sends KILL QUERY from a short-lived second connection.
// - URL parameters the JDBC drivers act on when connecting
//   (createDatabaseIfNotExist, sessionVariables, the session time zone) are
//   acted on here (mysql_session.cpp).

#include "drivers.hpp"
#include "libmariadb.hpp"

namespace runway::db::detail {
namespace {

const LibMariaDb& my() { return libmariadb(); }

std::string error_text(MYSQL* m) { return my().mysql_error(m); }

bool is_lost(unsigned int code) {
  return code == CR_SERVER_GONE_ERROR || code == CR_SERVER_LOST;
}

// The server's code for a database that does not exist.
constexpr unsigned kUnknownDatabase = 1049;

// Options and real_connect for one host; nullptr + message (and the
// server's error code) on failure. `create_database`: connect without the
// database, then create and use it (createDatabaseIfNotExist).
MYSQL* connect_once(const ConnectionSpec& spec, const HostPort& host,
                    const MySqlSessionSetup& setup, bool create_database,
                    std::string& error, unsigned& error_code) {
  error_code = 0;
  MYSQL* m = my().mysql_init(nullptr);
  if (m == nullptr) throw ConnectionError("out of memory");
  my().mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  my().mysql_optionsv(m, MYSQL_OPT_CONNECT_ATTR_ADD, "program_name",
                      spec.application_name.c_str());
  if (spec.connect_timeout > 0) {
    const unsigned timeout = static_cast<unsigned>(spec.connect_timeout);
    my().mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  }
  if (spec.unix_socket.empty()) {
    const unsigned tcp = MYSQL_PROTOCOL_TCP;  // as JDBC: never a socket
    my().mysql_options(m, MYSQL_OPT_PROTOCOL, &tcp);
  }
  const std::string& mode = spec.ssl_mode;
  const bool requires_tls =
      mode == "require" || mode == "verify-ca" || mode == "verify-full";
  if (requires_tls) {
    const my_bool on = 1;
    // Set either way: newer client libraries verify by default, and
    // sslMode=REQUIRED must accept a self-signed certificate.
    const my_bool verify = mode != "require";
    my().mysql_options(m, MYSQL_OPT_SSL_ENFORCE, &on);
    my().mysql_options(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
  }
  if (!spec.ssl_root_cert.empty()) {
    my().mysql_options(m, MYSQL_OPT_SSL_CA, spec.ssl_root_cert.c_str());
  }
  if (!spec.ssl_cert.empty()) {
    my().mysql_options(m, MYSQL_OPT_SSL_CERT, spec.ssl_cert.c_str());
  }
  if (!spec.ssl_key.empty()) {
    my().mysql_options(m, MYSQL_OPT_SSL_KEY, spec.ssl_key.c_str());
  }
  const auto c_str = [](const std::string& s) {
    return s.empty() ? nullptr : s.c_str();
  };
  const std::string user = spec.user.value_or("");
  const std::string password = spec.password.value_or("");
  const std::string host_name = host.host.empty() ? "localhost" : host.host;
  const std::string database = create_database ? "" : spec.database;
  if (my().mysql_real_connect(
          m, host_name.c_str(), c_str(user), c_str(password), c_str(database),
          static_cast<unsigned>(host.port), c_str(spec.unix_socket),
          CLIENT_MULTI_STATEMENTS) == nullptr) {
    error = error_text(m);
    error_code = my().mysql_errno(m);
    my().mysql_close(m);
    return nullptr;
  }
  // The client library lets a server without TLS through when only
  // encryption (not verification) was asked for: checked here, as the JDBC
  // drivers refuse such a server for sslMode=REQUIRED or useSSL=true.
  if (requires_tls && my().mysql_get_ssl_cipher(m) == nullptr) {
    error =
        "TLS was required (sslMode=" + mode +
        ") but the connection is not encrypted: the server does not offer TLS";
    my().mysql_close(m);
    return nullptr;
  }
  std::vector<std::string> statements;
  if (create_database) statements = setup.create_statements;
  statements.insert(statements.end(), setup.statements.begin(),
                    setup.statements.end());
  for (const std::string& sql : statements) {
    if (my().mysql_real_query(m, sql.data(), sql.size()) != 0) {
      error =
          "'" + sql + "' (from the URL's parameters) failed: " + error_text(m);
      my().mysql_close(m);
      return nullptr;
    }
  }
  return m;
}

MYSQL* connect_any(const ConnectionSpec& spec) {
  std::vector<HostPort> hosts = spec.hosts;
  if (hosts.empty()) hosts.push_back({"localhost", 0});
  const MySqlSessionSetup setup = mysql_session_setup(spec);
  std::string error;
  unsigned code = 0;
  for (const HostPort& host : hosts) {
    if (MYSQL* m = connect_once(spec, host, setup, false, error, code))
      return m;
    // As Connector/J: the database is created only when it is missing, so
    // a user who may not create databases still connects to one that is
    // there.
    if (code == kUnknownDatabase && !setup.create_statements.empty()) {
      if (MYSQL* m = connect_once(spec, host, setup, true, error, code))
        return m;
    }
  }
  throw ConnectionError(error);
}

class MySQLConnection final : public Connection {
 public:
  MySQLConnection(MYSQL* m, ConnectionSpec spec)
      : m_(m), spec_(std::move(spec)), thread_id_(my().mysql_thread_id(m)) {
    const std::string info = my().mysql_get_server_info(m_);
    const unsigned long v = my().mysql_get_server_version(m_);
    type_ = info.find("MariaDB") != std::string::npos ? DatabaseType::kMariaDB
                                                      : DatabaseType::kMySQL;
    product_ = std::string(database_type_name(type_)) + " " +
               std::to_string(v / 10000) + "." + std::to_string(v / 100 % 100);
  }
  ~MySQLConnection() override { my().mysql_close(m_); }
  MySQLConnection(const MySQLConnection&) = delete;
  MySQLConnection& operator=(const MySQLConnection&) = delete;

  DatabaseType type() const override { return type_; }
  std::string product() const override { return product_; }

  QueryResult execute(std::string_view sql) override;

  QueryResult execute(std::string_view sql,
                      const std::vector<Param>& params) override {
    return execute(bind_mysql_params(sql, params, [this](const std::string& s) {
      std::string out(s.size() * 2 + 1, '\0');
      const unsigned long n = my().mysql_real_escape_string(
          m_, out.data(), s.data(), static_cast<unsigned long>(s.size()));
      out.resize(n);
      return "'" + out + "'";
    }));
  }

  std::string placeholder(int) const override { return "?"; }

  void begin() override { execute("START TRANSACTION"); }

  void commit() override {
    try {
      execute("COMMIT");
    } catch (const ConnectionError& e) {
      throw CommitOutcomeUnknown(
          "The connection to the database was lost during COMMIT, so it is "
          "unknown whether the transaction was committed. Run `info` to "
          "check the schema history. (" +
          std::string(e.what()) + ")");
    }
  }

  void rollback() noexcept override {
    my().mysql_query(m_, "ROLLBACK");
    drain();
  }

  bool in_transaction() const override {
    unsigned int status = 0;
    my().mariadb_get_infov(m_, MARIADB_CONNECTION_SERVER_STATUS, &status);
    return (status & SERVER_STATUS_IN_TRANS) != 0;
  }

  void copy_from_stdin(std::string_view, const CopyDataReader&) override {
    SqlError::Details d;
    d.message = "COPY ... FROM STDIN is only supported on PostgreSQL";
    throw SqlError(d);
  }

  std::string current_user() override {
    return single_value("SELECT SUBSTRING_INDEX(USER(),'@',1)");
  }
  std::string current_schema() override {
    return single_value("SELECT DATABASE()");
  }
  std::string database_name() override { return current_schema(); }

  SessionFacts session_facts() override {
    const QueryResult r =
        execute("SELECT DATABASE(), SUBSTRING_INDEX(USER(),'@',1)");
    const auto& row = r.rows.at(0);
    const std::string schema = row.at(0).value_or("");
    return {schema, row.at(1).value_or(""), schema};
  }

  void set_notice_handler(std::function<void(const Notice&)> h) override {
    notice_handler_ = std::move(h);
  }

  void cancel() noexcept override {
    try {
      std::string error;
      unsigned code = 0;
      const HostPort host = spec_.hosts.empty() ? HostPort{} : spec_.hosts[0];
      // Only to send KILL QUERY: none of the URL's session set-up.
      if (MYSQL* killer = connect_once(spec_, host, {}, false, error, code)) {
        const std::string kill = "KILL QUERY " + std::to_string(thread_id_);
        my().mysql_query(killer, kill.c_str());
        my().mysql_close(killer);
      }
    } catch (...) {
    }
  }

 private:
  [[noreturn]] void fail() {
    const unsigned int code = my().mysql_errno(m_);
    if (is_lost(code)) {
      throw ConnectionError("Connection to the database was lost: " +
                            error_text(m_));
    }
    SqlError::Details d;
    d.sqlstate = my().mysql_sqlstate(m_);
    d.error_code = static_cast<int>(code);
    d.message = error_text(m_);
    throw SqlError(d);
  }

  void drain() noexcept {
    do {
      if (MYSQL_RES* r = my().mysql_store_result(m_)) my().mysql_free_result(r);
    } while (my().mysql_next_result(m_) == 0);
  }

  static QueryResult to_query_result(MYSQL_RES* res) {
    QueryResult out;
    const unsigned columns = my().mysql_num_fields(res);
    const MYSQL_FIELD* fields = my().mysql_fetch_fields(res);
    for (unsigned c = 0; c < columns; ++c)
      out.columns.emplace_back(fields[c].name);
    while (MYSQL_ROW row = my().mysql_fetch_row(res)) {
      const unsigned long* lengths = my().mysql_fetch_lengths(res);
      std::vector<std::optional<std::string>> values;
      for (unsigned c = 0; c < columns; ++c) {
        if (row[c] == nullptr) {
          values.emplace_back(std::nullopt);
        } else {
          values.emplace_back(std::string(row[c], lengths[c]));
        }
      }
      out.rows.push_back(std::move(values));
    }
    return out;
  }

  void report_warnings();

  std::string single_value(const char* sql) {
    const QueryResult r = execute(sql);
    if (r.rows.empty() || r.rows[0].empty() || !r.rows[0][0]) return "";
    return *r.rows[0][0];
  }

  MYSQL* m_;
  ConnectionSpec spec_;
  unsigned long thread_id_;
  DatabaseType type_;
  std::string product_;
  std::function<void(const Notice&)> notice_handler_;
};

QueryResult MySQLConnection::execute(std::string_view sql) {
  if (my().mysql_real_query(m_, sql.data(),
                            static_cast<unsigned long>(sql.size()))) {
    fail();
  }
  QueryResult result;
  while (true) {
    if (MYSQL_RES* res = my().mysql_store_result(m_)) {
      result = to_query_result(res);
      my().mysql_free_result(res);
    } else if (my().mysql_field_count(m_) == 0) {
      result = QueryResult{};
      result.affected_rows =
          static_cast<std::int64_t>(my().mysql_affected_rows(m_));
    } else {
      fail();
    }
    const int next = my().mysql_next_result(m_);
    if (next > 0) fail();  // a later statement of the string failed
    if (next < 0) break;
  }
  if (notice_handler_ && my().mysql_warning_count(m_) > 0) report_warnings();
  return result;
}

void MySQLConnection::report_warnings() {
  auto handler = std::move(notice_handler_);  // SHOW WARNINGS must not recurse
  try {
    for (const auto& row : execute("SHOW WARNINGS").rows) {
      Notice n;
      n.severity = row.at(0).value_or("Warning");
      n.message = row.at(2).value_or("");  // row[1] is the MySQL code
      handler(n);
    }
  } catch (...) {
    notice_handler_ = std::move(handler);
    throw;
  }
  notice_handler_ = std::move(handler);
}

}  // namespace

std::unique_ptr<Connection> open_mysql(const ConnectionSpec& spec) {
  return std::make_unique<MySQLConnection>(connect_any(spec), spec);
}

}  // namespace runway::db::detail
