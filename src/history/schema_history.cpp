// Row operations on the schema history table, as Flyway's
// JdbcTableSchemaHistory performs them: the same column lists, booleans
// bound as booleans, installed_on left to the database default, failed rows
// removed by version (or description for repeatables). Rows are read in
// installed_rank order with installed_on rendered as
// "YYYY-MM-DD HH:MM:SS.mmm" whatever the dialect.
#include "runway/history/schema_history.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>

#include "history_ddl.hpp"
#include "runway/core/file_name.hpp"

namespace runway::history {
namespace {

using db::DatabaseType;
using db::Param;

constexpr const char* kColumns[] = {
    "installed_rank", "version",      "description",    "type",   "script",
    "checksum",       "installed_by", "execution_time", "success"};

bool is_mysql(DatabaseType t) {
  return t == DatabaseType::kMySQL || t == DatabaseType::kMariaDB;
}

// Flyway's type names; legacy spellings read as their current names.
std::string_view checked_type(std::string_view stored) {
  if (stored == "SQL") return stored;  // nearly every row
  static constexpr std::string_view kKnown[] = {
      "SCHEMA",   "BASELINE",  "DELETE",       "JDBC",
      "SCRIPT",   "CUSTOM",    "SQL_BASELINE", "JDBC_BASELINE",
      "UNDO_SQL", "UNDO_JDBC", "UNDO_SCRIPT",  "UNDO_CUSTOM"};
  if (stored == "SPRING_JDBC") return "JDBC";
  if (stored == "UNDO_SPRING_JDBC") return "UNDO_JDBC";
  if (stored == "SQL_STATE_SCRIPT") return "SQL_BASELINE";
  if (stored == "JDBC_STATE_SCRIPT") return "JDBC_BASELINE";
  if (std::find(std::begin(kKnown), std::end(kKnown), stored) ==
      std::end(kKnown)) {
    throw Error(ErrorKind::kMigration, "ERROR",
                "Unknown migration type '" + std::string(stored) +
                    "' found in schema history.\nYou might be missing a "
                    "required extension JAR on the classpath.");
  }
  return stored;
}

// A whole-number column; `what` names it when the text is not one.
template <typename Int>
Int parse_int(std::string_view text, const char* what) {
  Int value{};
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw Error(ErrorKind::kMigration, "ERROR",
                std::string("The schema history holds '") + std::string(text) +
                    "' as " + what + ", which is not a whole number");
  }
  return value;
}

bool parse_bool(const std::optional<std::string_view>& v) {
  return v && (*v == "t" || *v == "1" || *v == "true" || *v == "TRUE");
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// An ISO timestamp as PostgreSQL prints it ("2026-11-22 16:08:22.574865",
// maybe with a zone offset) as to_char(..., 'YYYY-MM-DD HH24:MI:SS.MS')
// gives it: milliseconds, truncated, always three digits; no offset. Text
// of any other shape is kept as it is.
std::string with_milliseconds(std::string_view iso) {
  const std::size_t date_end = iso.find(' ');
  if (date_end == std::string_view::npos || date_end < 10) {
    return std::string(iso);
  }
  const std::size_t seconds_end = date_end + 9;  // " HH:MM:SS"
  if (iso.size() < seconds_end || iso[date_end + 3] != ':' ||
      iso[date_end + 6] != ':') {
    return std::string(iso);
  }
  std::string_view rest = iso.substr(seconds_end);
  std::string_view fraction;
  if (rest.starts_with('.')) {
    const std::size_t end = rest.find_first_of("+-", 1);
    fraction = rest.substr(
        1, end == std::string_view::npos ? rest.size() - 1 : end - 1);
    rest = rest.substr(1 + fraction.size());
  }
  if (!all_digits(fraction) ||
      !(rest.empty() || rest[0] == '+' || rest[0] == '-')) {
    return std::string(iso);
  }
  std::string text(iso.substr(0, seconds_end));
  text += '.';
  text += fraction.substr(0, 3);
  text.append(3 - std::min<std::size_t>(fraction.size(), 3), '0');
  return text;
}

// One history row from the query in read_all(); `iso_installed_on`: the
// timestamp came unformatted, as ISO text.
AppliedMigration to_row(db::Connection::RowView r, bool iso_installed_on) {
  if (r.size() < 10) {
    throw Error(ErrorKind::kMigration, "ERROR",
                "The schema history query returned " +
                    std::to_string(r.size()) + " columns instead of 10");
  }
  const auto text = [&r](std::size_t i) {
    return r[i] ? *r[i] : std::string_view();
  };
  AppliedMigration row;
  row.installed_rank = parse_int<int>(text(0), "installed_rank");
  if (r[1]) {
    std::string error;
    row.version = Version::parse(*r[1], &error);
    if (!row.version) throw Error(ErrorKind::kMigration, "ERROR", error);
  }
  row.description = text(2);
  row.type = checked_type(text(3));
  row.script = text(4);
  // As a 32-bit CRC, whatever width the column has.
  if (r[5])
    row.checksum =
        static_cast<std::int32_t>(parse_int<std::int64_t>(*r[5], "checksum"));
  if (iso_installed_on && r[6]) {
    row.installed_on = with_milliseconds(*r[6]);
  } else {
    row.installed_on = text(6);
  }
  row.installed_by = text(7);
  row.execution_time = parse_int<int>(text(8), "execution_time");
  row.success = parse_bool(r[9]);
  return row;
}

}  // namespace

SchemaHistory::SchemaHistory(db::Connection& conn, std::string schema,
                             std::string table)
    : conn_(conn), schema_(std::move(schema)), table_(std::move(table)) {}

std::string SchemaHistory::quoted_table() const {
  return db::quote_identifier(conn_.type(), schema_) + "." +
         db::quote_identifier(conn_.type(), table_);
}

bool SchemaHistory::exists() {
  const DatabaseType type = conn_.type();
  db::QueryResult r;
  if (type == DatabaseType::kSQLite) {
    r = conn_.execute("SELECT count(tbl_name) FROM " +
                          db::quote_identifier(type, schema_) +
                          ".sqlite_master WHERE type='table' AND tbl_name=?",
                      {table_});
  } else if (is_mysql(type)) {
    r = conn_.execute(
        "SELECT count(*) FROM information_schema.tables WHERE "
        "table_schema=? AND table_name=?",
        {schema_, table_});
  } else {
    // Name lookups, not a query of pg_class: in a new session, planning
    // one costs the server about 2 ms, more than the rest of a no-op run's
    // statements. A relation with storage is a table, not a view or a
    // partitioned table (Flyway counts only relkind 'r'); a sequence, index
    // or materialized view of this name would count too, and reading it as
    // the history then fails.
    r = conn_.execute(
        "SELECT CASE WHEN pg_catalog.pg_relation_filenode("
        "pg_catalog.to_regclass($1)) IS NULL THEN 0 ELSE 1 END",
        {quoted_table()});
  }
  return !r.rows.empty() && r.rows[0].at(0).value_or("0") != "0";
}

void SchemaHistory::create(std::optional<AppliedMigration> baseline_row,
                           const std::string& tablespace) {
  const detail::CreateScript script =
      detail::create_script(conn_.type(), schema_, table_, tablespace);
  // MySQL commits every DDL statement by itself: no transaction there.
  const bool own_transaction =
      !is_mysql(conn_.type()) && !conn_.in_transaction();
  if (own_transaction) conn_.begin();
  try {
    for (const std::string& sql : script.before_baseline) conn_.execute(sql);
    if (baseline_row) insert(*baseline_row);
    for (const std::string& sql : script.after_baseline) conn_.execute(sql);
    if (own_transaction) conn_.commit();
  } catch (...) {
    if (own_transaction) conn_.rollback();
    throw;
  }
}

std::vector<AppliedMigration> SchemaHistory::read_all() {
  const DatabaseType type = conn_.type();
  const auto q = [type](const char* c) {
    return db::quote_identifier(type, c);
  };
  std::string installed_on = q("installed_on");
  // to_char cost the server 1.5 ms per 1000 rows, half the query; a session
  // printing ISO timestamps returns them as they are, cut to milliseconds
  // here.
  const bool iso_installed_on =
      type == DatabaseType::kPostgreSQL && conn_.prints_iso_timestamps();
  if (type == DatabaseType::kPostgreSQL && !iso_installed_on) {
    installed_on = "to_char(" + installed_on + ", 'YYYY-MM-DD HH24:MI:SS.MS')";
  } else if (is_mysql(type)) {
    installed_on = "SUBSTRING(DATE_FORMAT(" + installed_on +
                   ", '%Y-%m-%d %H:%i:%s.%f'), 1, 23)";
  }
  // Neither ORDER BY nor Flyway's "installed_rank > ?": in a new session,
  // planning over the primary key cost PostgreSQL about 0.5 ms of the 1.7 ms
  // the read takes. The rows are put in rank order here; they mostly come in
  // it (the table grows at its end), but an updated row (repair) moves.
  const std::string sql =
      "SELECT " + q("installed_rank") + "," + q("version") + "," +
      q("description") + "," + q("type") + "," + q("script") + "," +
      q("checksum") + "," + installed_on + "," + q("installed_by") + "," +
      q("execution_time") + "," + q("success") + " FROM " + quoted_table();
  std::vector<AppliedMigration> rows;
  conn_.for_each_row(sql, {}, [&rows, iso_installed_on](auto r) {
    rows.push_back(to_row(r, iso_installed_on));
  });
  const auto by_rank = [](const AppliedMigration& a,
                          const AppliedMigration& b) {
    return a.installed_rank < b.installed_rank;
  };
  if (!std::is_sorted(rows.begin(), rows.end(), by_rank))
    std::sort(rows.begin(), rows.end(), by_rank);
  return rows;
}

void SchemaHistory::insert(const AppliedMigration& row) { insert(row, false); }

void SchemaHistory::insert_and_commit(const AppliedMigration& row) {
  insert(row, true);
}

void SchemaHistory::insert(const AppliedMigration& row, bool then_commit) {
  // The statement is the same for every row: built once.
  if (insert_sql_.empty()) {
    const DatabaseType type = conn_.type();
    std::string columns;
    std::string markers;
    for (int i = 0; i < 9; ++i) {
      if (i > 0) {
        columns += ", ";
        markers += ", ";
      }
      columns += db::quote_identifier(type, kColumns[i]);
      markers += conn_.placeholder(i + 1);
    }
    insert_sql_ = "INSERT INTO " + quoted_table() + " (" + columns +
                  ") VALUES (" + markers + ")";
  }
  const std::vector<Param> params = {
      std::int64_t{row.installed_rank},
      row.version ? Param{row.version->text()} : Param{},
      abbreviate_description(row.description),
      row.type,
      abbreviate_script(row.script),
      row.checksum ? Param{std::int64_t{*row.checksum}} : Param{},
      row.installed_by,
      std::int64_t{row.execution_time},
      row.success};
  if (then_commit) {
    conn_.execute_then_commit(insert_sql_, params);
  } else {
    conn_.execute(insert_sql_, params);
  }
}

void SchemaHistory::update_row(int installed_rank,
                               const std::string& description,
                               const std::string& type,
                               std::optional<std::int32_t> checksum) {
  const auto q = [this](const char* c) {
    return db::quote_identifier(conn_.type(), c);
  };
  // Flyway writes the description unabbreviated, which can overflow the
  // column; abbreviating keeps repair from failing on long descriptions.
  conn_.execute("UPDATE " + quoted_table() + " SET " + q("description") + "=" +
                    conn_.placeholder(1) + " , " + q("type") + "=" +
                    conn_.placeholder(2) + " , " + q("checksum") + "=" +
                    conn_.placeholder(3) + " WHERE " + q("installed_rank") +
                    "=" + conn_.placeholder(4),
                {abbreviate_description(description), type,
                 checksum ? Param{std::int64_t{*checksum}} : Param{},
                 std::int64_t{installed_rank}});
}

void SchemaHistory::delete_failed(const AppliedMigration& row) {
  const DatabaseType type = conn_.type();
  const std::string false_literal =
      type == DatabaseType::kPostgreSQL ? "FALSE" : "0";
  const char* key = row.version ? "version" : "description";
  const std::string value = row.version ? row.version->text() : row.description;
  conn_.execute("DELETE FROM " + quoted_table() + " WHERE " +
                    db::quote_identifier(type, "success") + " = " +
                    false_literal + " AND " + db::quote_identifier(type, key) +
                    " = " + conn_.placeholder(1),
                {value});
}

void SchemaHistory::drop() {
  const bool postgres = conn_.type() == DatabaseType::kPostgreSQL;
  conn_.execute("DROP TABLE " + quoted_table() + (postgres ? " CASCADE" : ""));
}

}  // namespace runway::history
