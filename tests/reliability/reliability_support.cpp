#include "reliability_support.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "runway/db/connect.hpp"

namespace fs = std::filesystem;

namespace runway::test {

ProcessResult run_runway(const std::vector<std::string>& args,
                         const ProcessOptions& options) {
  std::vector<std::string> argv{runway_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, options);
}

std::unique_ptr<Spawned> spawn_runway(const std::vector<std::string>& args,
                                      const ProcessOptions& options) {
  auto s = std::make_unique<Spawned>();
  std::vector<std::string> argv{runway_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  s->pid = spawn_process(argv, options, s->logs.path("out.txt"),
                         s->logs.path("err.txt"));
  return s;
}

namespace {

std::string wait_for_first_row(db::Connection& admin, const std::string& sql,
                               const std::string& like) {
  for (int i = 0; i < 400; ++i) {
    const auto rows = rows_of(admin, sql);
    if (!rows.empty()) return rows.front();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL("runway never ran a statement like " << like);
  return "";
}

}  // namespace

std::string wait_for_postgres_backend(db::Connection& admin,
                                      const std::string& like) {
  return wait_for_first_row(
      admin,
      "SELECT pid FROM pg_stat_activity WHERE application_name = 'runway' "
      "AND datname = current_database() AND state = 'active' AND pid <> "
      "pg_backend_pid() AND query LIKE '" +
          like + "'",
      like);
}

std::string wait_for_mysql_connection(db::Connection& admin,
                                      const std::string& like) {
  return wait_for_first_row(
      admin,
      "SELECT ID FROM information_schema.PROCESSLIST WHERE ID <> "
      "CONNECTION_ID() AND DB = DATABASE() AND INFO LIKE '" +
          like + "'",
      like);
}

std::unique_ptr<db::Connection> open_url(const std::string& url,
                                         const std::string& user,
                                         const std::string& password) {
  db::ConnectOptions o;
  o.url = url;
  o.user = user;
  o.password = password;
  return db::connect(o);
}

std::vector<std::string> rows_of(db::Connection& conn, const std::string& sql) {
  std::vector<std::string> out;
  for (const auto& row : conn.execute(sql).rows) {
    std::string line;
    for (const auto& field : row) {
      if (!line.empty()) line += '|';
      line += field.value_or("NULL");
    }
    out.push_back(line);
  }
  return out;
}

namespace {

void append(std::vector<std::string>& to, const std::string& tag,
            const std::vector<std::string>& rows) {
  for (const auto& r : rows) to.push_back(tag + ": " + r);
}

}  // namespace

std::vector<std::string> postgres_snapshot(db::Connection& conn) {
  std::vector<std::string> s;
  append(s, "column",
         rows_of(conn,
                 "SELECT table_schema, table_name, column_name, data_type "
                 "FROM information_schema.columns WHERE table_schema NOT IN "
                 "('pg_catalog', 'information_schema') ORDER BY 1, 2, "
                 "ordinal_position"));
  append(s, "index",
         rows_of(conn,
                 "SELECT schemaname, indexname, indexdef FROM pg_indexes "
                 "WHERE schemaname NOT IN ('pg_catalog') ORDER BY 1, 2"));
  const auto tables = conn.execute(
      "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) "
      "FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', "
      "'information_schema') AND tablename <> 'flyway_schema_history' "
      "ORDER BY 1");
  for (const auto& row : tables.rows) {
    const std::string t = row.at(0).value_or("");
    append(s, "count " + t, rows_of(conn, "SELECT count(*) FROM " + t));
  }
  const auto history = conn.execute(
      "SELECT to_regclass('public.flyway_schema_history') IS NOT NULL");
  if (history.rows.at(0).at(0).value_or("f") == "t") {
    append(s, "history",
           rows_of(conn,
                   "SELECT installed_rank, version, description, type, "
                   "script, checksum, success FROM "
                   "public.flyway_schema_history ORDER BY installed_rank"));
  }
  return s;
}

std::vector<std::string> sqlite_snapshot(db::Connection& conn) {
  std::vector<std::string> s;
  append(s, "object",
         rows_of(conn,
                 "SELECT type, name, tbl_name, sql FROM sqlite_master "
                 "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"));
  const auto tables = conn.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
      "LIKE 'sqlite_%' AND name <> 'flyway_schema_history' ORDER BY name");
  for (const auto& row : tables.rows) {
    const std::string t = row.at(0).value_or("");
    append(s, "count " + t,
           rows_of(conn, "SELECT count(*) FROM \"" + t + "\""));
  }
  const auto history = conn.execute(
      "SELECT count(*) FROM sqlite_master WHERE name = "
      "'flyway_schema_history'");
  if (history.rows.at(0).at(0).value_or("0") != "0") {
    append(s, "history",
           rows_of(conn,
                   "SELECT installed_rank, version, description, type, "
                   "script, checksum, success FROM flyway_schema_history "
                   "ORDER BY installed_rank"));
  }
  return s;
}

std::vector<std::string> mysql_snapshot(db::Connection& conn) {
  std::vector<std::string> s;
  append(s, "column",
         rows_of(conn,
                 "SELECT table_name, column_name, column_type FROM "
                 "information_schema.columns WHERE table_schema = DATABASE() "
                 "ORDER BY 1, ordinal_position"));
  const auto tables = conn.execute(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = "
      "DATABASE() AND table_type = 'BASE TABLE' AND table_name <> "
      "'flyway_schema_history' ORDER BY 1");
  for (const auto& row : tables.rows) {
    const std::string t = row.at(0).value_or("");
    append(s, "count " + t, rows_of(conn, "SELECT count(*) FROM `" + t + "`"));
    // The data itself; the first field names the database: drop it.
    const auto sum = conn.execute("CHECKSUM TABLE `" + t + "`");
    s.push_back("checksum " + t + ": " + sum.rows.at(0).at(1).value_or("NULL"));
  }
  const auto history = conn.execute(
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
      "DATABASE() AND table_name = 'flyway_schema_history'");
  if (history.rows.at(0).at(0).value_or("0") != "0") {
    append(s, "history",
           rows_of(conn,
                   "SELECT installed_rank, version, description, type, "
                   "script, checksum, success FROM flyway_schema_history "
                   "ORDER BY installed_rank"));
  }
  return s;
}

}  // namespace runway::test
