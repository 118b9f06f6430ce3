// PostgreSQL through libpq. Rules that matter to callers:
// - A failed statement is a SqlError carrying the server's SQLSTATE, primary
//   message (no "ERROR:  " prefix), DETAIL, HINT and position; if the
//   connection is gone afterwards it is a ConnectionError instead.
// - COMMIT that loses the connection is CommitOutcomeUnknown: the server may
//   have committed before the socket died, and we never guess.
// - Notices go to the handler, never to stderr (libpq's default).
// - cancel() uses a PGcancel prepared at connect time: PQcancel is safe
//   from any thread and from signal handlers.
#include <algorithm>
#include <climits>
#include <cstdlib>
#include <mutex>

#include "drivers.hpp"
#include "libpq.hpp"

namespace runway::db::detail {
namespace {

const LibPq& pq() { return libpq(); }

constexpr unsigned kInt8Oid = 20;
constexpr unsigned kBoolOid = 16;

std::string trimmed(const char* text) {
  std::string s = text ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string field(const PGresult* res, int code) {
  const char* value = pq().PQresultErrorField(res, code);
  return value ? value : "";
}

// The one translation of a libpq error result.
SqlError::Details error_details(const PGresult* res, PGconn* conn) {
  SqlError::Details d;
  d.sqlstate = field(res, PG_DIAG_SQLSTATE);
  d.message = field(res, PG_DIAG_MESSAGE_PRIMARY);
  if (d.message.empty()) d.message = trimmed(pq().PQerrorMessage(conn));
  d.detail = field(res, PG_DIAG_MESSAGE_DETAIL);
  d.hint = field(res, PG_DIAG_MESSAGE_HINT);
  d.position = std::atoi(field(res, PG_DIAG_STATEMENT_POSITION).c_str());
  d.severity = field(res, PG_DIAG_SEVERITY);
  d.where = field(res, PG_DIAG_CONTEXT);
  return d;
}

// libpq sends statements and values as C strings: a NUL byte would end
// the text early and the rest would silently never run. Refused instead,
// with the code PostgreSQL gives a 0x00 byte (the SQLite driver does the
// same).
std::string sendable(std::string_view text) {
  const std::size_t nul = text.find('\0');
  if (nul == std::string_view::npos) return std::string(text);
  SqlError::Details d;
  d.sqlstate = "22021";
  d.message = "the SQL text contains a NUL byte";
  // In characters, as the server counts its positions.
  const std::string_view before = text.substr(0, nul);
  d.position = 1 + static_cast<int>(
                       std::count_if(before.begin(), before.end(), [](char c) {
                         return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
                       }));
  throw SqlError(d);
}

struct ClearResult {
  void operator()(PGresult* result) const { pq().PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ClearResult>;

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PGconn* conn)
      : conn_(conn), cancel_(pq().PQgetCancel(conn)) {
    pq().PQsetNoticeReceiver(conn_, &PostgresConnection::on_notice, this);
  }
  ~PostgresConnection() override {
    if (cancel_) pq().PQfreeCancel(cancel_);
    pq().PQfinish(conn_);
  }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  DatabaseType type() const override { return DatabaseType::kPostgreSQL; }

  std::string product() const override {
    const int v = pq().PQserverVersion(conn_);
    const int major = v / 10000;
    const int minor = v >= 100000 ? v % 10000 : (v / 100) % 100;
    return "PostgreSQL " + std::to_string(major) + "." + std::to_string(minor);
  }

  QueryResult execute(std::string_view sql) override {
    const std::string text = sendable(sql);
    return finish(ResultPtr(pq().PQexec(conn_, text.c_str())));
  }

  QueryResult execute(std::string_view sql,
                      const std::vector<Param>& params) override {
    ResultPtr res = checked(exec_params(sql, params));
    return to_query_result(res.get());
  }

  void for_each_row(std::string_view sql, const std::vector<Param>& params,
                    const std::function<void(RowView)>& row) override {
    ResultPtr res = checked(exec_params(sql, params));
    const LibPq& lib = pq();  // looked up once, not per value
    const int columns = lib.PQnfields(res.get());
    std::vector<std::optional<std::string_view>> values(
        static_cast<std::size_t>(columns));
    const int rows = lib.PQntuples(res.get());
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < columns; ++c) {
        auto& value = values[static_cast<std::size_t>(c)];
        if (lib.PQgetisnull(res.get(), r, c)) {
          value.reset();
        } else {
          value.emplace(
              lib.PQgetvalue(res.get(), r, c),
              static_cast<std::size_t>(lib.PQgetlength(res.get(), r, c)));
        }
      }
      row(values);
    }
  }

  // A statement and its parameters as PQexecParams takes them.
  struct Bound {
    std::string text;
    std::vector<std::string> storage;
    std::vector<const char*> values;
    std::vector<unsigned> types;
    int count() const { return static_cast<int>(values.size()); }
  };

  static Bound bind(std::string_view sql, const std::vector<Param>& params) {
    Bound b{sendable(sql), std::vector<std::string>(params.size()),
            std::vector<const char*>(params.size(), nullptr),
            std::vector<unsigned>(params.size(), 0)};
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (const auto* n = std::get_if<std::int64_t>(&params[i])) {
        b.storage[i] = std::to_string(*n);
        b.types[i] = kInt8Oid;
      } else if (const auto* v = std::get_if<bool>(&params[i])) {
        b.storage[i] = *v ? "true" : "false";
        b.types[i] = kBoolOid;
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        b.storage[i] = sendable(*s);
      } else {
        continue;  // NULL
      }
      b.values[i] = b.storage[i].c_str();
    }
    return b;
  }

  ResultPtr exec_params(std::string_view sql,
                        const std::vector<Param>& params) {
    const Bound b = bind(sql, params);
    return ResultPtr(pq().PQexecParams(conn_, b.text.c_str(), b.count(),
                                       b.types.data(), b.values.data(), nullptr,
                                       nullptr, 0));
  }

  // The statement, COMMIT and a sync point go out together (pipeline
  // mode); the server runs COMMIT only if the statement succeeded.
  QueryResult execute_then_commit(std::string_view sql,
                                  const std::vector<Param>& params) override {
    const Bound b = bind(sql, params);
    if (!pq().PQenterPipelineMode(conn_))
      return Connection::execute_then_commit(sql, params);
    const bool sent =
        pq().PQsendQueryParams(conn_, b.text.c_str(), b.count(), b.types.data(),
                               b.values.data(), nullptr, nullptr, 0) &&
        pq().PQsendQueryParams(conn_, "COMMIT", 0, nullptr, nullptr, nullptr,
                               nullptr, 0) &&
        pq().PQpipelineSync(conn_);
    // The first result of each of the two, up to the sync point.
    ResultPtr results[2];
    std::size_t query = 0;
    bool synced = false;
    while (sent) {
      PGresult* r = pq().PQgetResult(conn_);
      if (r == nullptr) {  // the end of one query's results
        if (pq().PQstatus(conn_) != CONNECTION_OK) break;
        ++query;
        continue;
      }
      if (pq().PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
        pq().PQclear(r);
        synced = true;
        break;
      }
      if (query < 2 && !results[query])
        results[query].reset(r);
      else
        pq().PQclear(r);
    }
    // COMMIT may have reached the server before the connection went.
    if (!synced || pq().PQstatus(conn_) != CONNECTION_OK) commit_lost();
    pq().PQexitPipelineMode(conn_);
    // The statement's error first (COMMIT was then skipped, and the
    // transaction is still open, failed), then COMMIT's, as commit() has it.
    QueryResult result = finish(std::move(results[0]));
    check_commit(results[1].get());
    return result;
  }

  std::string placeholder(int index) const override {
    return "$" + std::to_string(index);
  }

  void send(std::string_view sql) override {
    const std::string text = sendable(sql);
    if (!pq().PQsendQuery(conn_, text.c_str())) throw_failure(nullptr);
  }

  // As PQexec ends: the last result, stopping at a COPY state.
  QueryResult finish_sent() override {
    ResultPtr last;
    while (PGresult* r = pq().PQgetResult(conn_)) {
      last.reset(r);
      const ExecStatusType status = pq().PQresultStatus(r);
      if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT ||
          status == PGRES_COPY_BOTH)
        break;
    }
    return finish(std::move(last));
  }

  void begin() override { execute("BEGIN"); }

  void commit() override {
    ResultPtr res(pq().PQexec(conn_, "COMMIT"));
    if (!res || pq().PQstatus(conn_) != CONNECTION_OK) commit_lost();
    check_commit(res.get());
  }

  [[noreturn]] void commit_lost() {
    throw CommitOutcomeUnknown(
        "The connection to the database was lost during COMMIT, so it is "
        "unknown whether the transaction was committed. Run `info` to "
        "check the schema history. (" +
        trimmed(pq().PQerrorMessage(conn_)) + ")");
  }

  // Throws unless `res` is a COMMIT that committed.
  void check_commit(PGresult* res) {
    if (res == nullptr) throw_failure(nullptr);
    if (pq().PQresultStatus(res) != PGRES_COMMAND_OK) {
      throw SqlError(error_details(res, conn_));
    }
    if (std::string_view(pq().PQcmdStatus(res)) == "ROLLBACK") {
      SqlError::Details d;
      d.sqlstate = "40000";
      d.message =
          "COMMIT rolled back: the transaction was aborted by an earlier "
          "error";
      throw SqlError(d);
    }
  }

  void rollback() noexcept override {
    if (pq().PQstatus(conn_) != CONNECTION_OK) return;
    if (pq().PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
    pq().PQclear(pq().PQexec(conn_, "ROLLBACK"));
  }

  bool in_transaction() const override {
    const PGTransactionStatusType s = pq().PQtransactionStatus(conn_);
    return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
  }

  void copy_from_stdin(std::string_view sql,
                       const CopyDataReader& data) override;

  std::string current_user() override {
    return single_value("SELECT current_user");
  }

  std::string current_schema() override {
    std::string schema = single_value("SELECT current_schema");
    if (!schema.empty()) return schema;
    // No schema of the search_path exists: report its first entry.
    std::string path = single_value("SHOW search_path");
    path = path.substr(0, path.find(','));
    const std::size_t b = path.find_first_not_of(' ');
    if (b == std::string::npos) return "";
    path = path.substr(b, path.find_last_not_of(' ') - b + 1);
    if (path.size() >= 2 && path.front() == '"' && path.back() == '"') {
      path = path.substr(1, path.size() - 2);
    }
    return path;
  }

  std::string database_name() override {
    return single_value("SELECT current_database()");
  }

  std::string begin_then_current_schema() override {
    // One message: the transaction BEGIN opens stays open after it, and
    // PQexec returns the last statement's result.
    std::string schema = single_value("BEGIN; SELECT current_schema");
    return schema.empty() ? current_schema() : schema;
  }

  bool prints_iso_timestamps() override {
    // The server reports every DateStyle change (a GUC_REPORT setting).
    const char* style = pq().PQparameterStatus(conn_, "DateStyle");
    return style != nullptr && std::string_view(style).starts_with("ISO");
  }

  SessionFacts session_facts() override {
    const QueryResult r =
        execute("SELECT current_schema, current_user, current_database()");
    const auto& row = r.rows.at(0);
    SessionFacts facts{row.at(0).value_or(""), row.at(1).value_or(""),
                       row.at(2).value_or(""), row.at(0).has_value()};
    if (facts.schema.empty()) facts.schema = current_schema();
    return facts;
  }

  void set_notice_handler(std::function<void(const Notice&)> h) override {
    notice_handler_ = std::move(h);
  }

  void cancel() noexcept override {
    if (!cancel_) return;
    char buffer[256];
    pq().PQcancel(cancel_, buffer, sizeof buffer);
  }

 private:
  static void on_notice(void* self, const PGresult* res) {
    auto* conn = static_cast<PostgresConnection*>(self);
    if (!conn->notice_handler_) return;
    Notice n;
    n.severity = field(res, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (n.severity.empty()) n.severity = field(res, PG_DIAG_SEVERITY);
    n.sqlstate = field(res, PG_DIAG_SQLSTATE);
    n.message = field(res, PG_DIAG_MESSAGE_PRIMARY);
    try {
      conn->notice_handler_(n);
    } catch (...) {  // never unwind through libpq
    }
  }

  [[noreturn]] void throw_failure(const PGresult* res) {
    if (pq().PQstatus(conn_) != CONNECTION_OK || res == nullptr) {
      throw ConnectionError("Connection to the database was lost: " +
                            trimmed(pq().PQerrorMessage(conn_)));
    }
    throw SqlError(error_details(res, conn_));
  }

  // Ends a COPY the caller did not ask to stream, so the connection stays
  // usable, and reports it.
  [[noreturn]] void refuse_copy(ExecStatusType status) {
    if (status == PGRES_COPY_IN) {
      pq().PQputCopyEnd(conn_, "COPY FROM STDIN needs copy_from_stdin()");
    } else {
      char* buffer = nullptr;
      while (pq().PQgetCopyData(conn_, &buffer, 0) > 0) pq().PQfreemem(buffer);
    }
    while (PGresult* r = pq().PQgetResult(conn_)) pq().PQclear(r);
    SqlError::Details d;
    d.sqlstate = "0A000";
    d.message = "COPY with STDIN/STDOUT is only supported through COPY data";
    throw SqlError(d);
  }

  QueryResult finish(ResultPtr res) {
    res = checked(std::move(res));
    return to_query_result(res.get());
  }

  // `res` when it holds rows or a command's success; throws otherwise.
  ResultPtr checked(ResultPtr res) {
    if (!res) throw_failure(nullptr);
    const ExecStatusType status = pq().PQresultStatus(res.get());
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
      refuse_copy(status);
    }
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK &&
        status != PGRES_EMPTY_QUERY) {
      throw_failure(res.get());
    }
    return res;
  }

  static QueryResult to_query_result(const PGresult* res) {
    QueryResult out;
    const int columns = pq().PQnfields(res);
    for (int c = 0; c < columns; ++c)
      out.columns.emplace_back(pq().PQfname(res, c));
    const int rows = pq().PQntuples(res);
    out.rows.reserve(static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      std::vector<std::optional<std::string>> row;
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (pq().PQgetisnull(res, r, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::string(
              pq().PQgetvalue(res, r, c),
              static_cast<std::size_t>(pq().PQgetlength(res, r, c))));
        }
      }
      out.rows.push_back(std::move(row));
    }
    const std::string tuples = pq().PQcmdTuples(const_cast<PGresult*>(res));
    if (!tuples.empty()) out.affected_rows = std::stoll(tuples);
    return out;
  }

  std::string single_value(const char* sql) {
    QueryResult r = execute(sql);
    if (r.rows.empty() || r.rows[0].empty() || !r.rows[0][0]) return "";
    return *r.rows[0][0];
  }

  PGconn* conn_;
  PGcancel* cancel_;
  std::function<void(const Notice&)> notice_handler_;
};

void PostgresConnection::copy_from_stdin(std::string_view sql,
                                         const CopyDataReader& data) {
  const std::string text = sendable(sql);
  ResultPtr start(pq().PQexec(conn_, text.c_str()));
  if (!start || pq().PQresultStatus(start.get()) != PGRES_COPY_IN) {
    finish(std::move(start));  // throws for errors
    SqlError::Details d;
    d.sqlstate = "0A000";
    d.message = "Not a COPY ... FROM STDIN statement";
    throw SqlError(d);
  }
  try {
    std::string chunk;
    while (data(chunk)) {
      std::string_view rest = chunk;
      while (!rest.empty()) {
        const std::size_t n = std::min<std::size_t>(rest.size(), 1 << 20);
        if (pq().PQputCopyData(conn_, rest.data(), static_cast<int>(n)) != 1) {
          throw_failure(nullptr);
        }
        rest.remove_prefix(n);
      }
    }
  } catch (...) {
    pq().PQputCopyEnd(conn_, "COPY data could not be read");
    while (PGresult* r = pq().PQgetResult(conn_)) pq().PQclear(r);
    throw;
  }
  if (pq().PQputCopyEnd(conn_, nullptr) != 1) throw_failure(nullptr);
  ResultPtr failed(nullptr);
  while (PGresult* r = pq().PQgetResult(conn_)) {
    if (!failed && pq().PQresultStatus(r) != PGRES_COMMAND_OK) {
      failed.reset(r);
    } else {
      pq().PQclear(r);
    }
  }
  if (failed) throw_failure(failed.get());
  if (pq().PQstatus(conn_) != CONNECTION_OK) throw_failure(nullptr);
}

}  // namespace

std::unique_ptr<Connection> open_postgres(const ConnectionSpec& spec) {
  const auto keywords = libpq_keywords(spec);
  std::vector<const char*> keys;
  std::vector<const char*> values;
  for (const auto& [key, value] : keywords) {
    keys.push_back(key.c_str());
    values.push_back(value.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* raw = pq().PQconnectdbParams(keys.data(), values.data(), 0);
  if (raw == nullptr) throw ConnectionError("out of memory");
  if (pq().PQstatus(raw) != CONNECTION_OK) {
    const std::string message = trimmed(pq().PQerrorMessage(raw));
    pq().PQfinish(raw);
    throw ConnectionError(message);
  }
  auto conn = std::make_unique<PostgresConnection>(raw);
  if (!spec.current_schema.empty()) {
    conn->execute("SELECT set_config('search_path', $1, false)",
                  {spec.current_schema});
  }
  return conn;
}

}  // namespace runway::db::detail
