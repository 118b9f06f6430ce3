// Client-side parameter binding for MySQL/MariaDB, as Connector/J does by
// default (useServerPrepStmts=false): each `?` outside quotes, backticks and
// comments becomes a literal. Strings are escaped by the server-aware
// escape function the caller supplies (mysql_real_escape_string honours
// NO_BACKSLASH_ESCAPES); booleans are 1/0, as Connector/J's setBoolean.
#include "drivers.hpp"

namespace runway::db::detail {
namespace {

std::string literal(const Param& p, const StringQuoter& quote) {
  if (const auto* n = std::get_if<std::int64_t>(&p)) return std::to_string(*n);
  if (const auto* b = std::get_if<bool>(&p)) return *b ? "1" : "0";
  if (const auto* s = std::get_if<std::string>(&p)) return quote(*s);
  return "NULL";
}

// Index just past the quoted section starting at `i` (quote char sql[i]).
std::size_t skip_quoted(std::string_view sql, std::size_t i) {
  const char q = sql[i++];
  while (i < sql.size()) {
    if (sql[i] == '\\' && q != '`') {
      i += 2;
    } else if (sql[i] == q) {
      if (i + 1 < sql.size() && sql[i + 1] == q) {
        i += 2;  // doubled quote
      } else {
        return i + 1;
      }
    } else {
      ++i;
    }
  }
  return sql.size();
}

std::size_t skip_comment(std::string_view sql, std::size_t i) {
  if (sql[i] == '/') {
    const std::size_t end = sql.find("*/", i + 2);
    return end == std::string_view::npos ? sql.size() : end + 2;
  }
  const std::size_t end = sql.find('\n', i);
  return end == std::string_view::npos ? sql.size() : end + 1;
}

bool comment_starts(std::string_view sql, std::size_t i) {
  if (sql[i] == '#') return true;
  if (i + 1 >= sql.size()) return false;
  return (sql[i] == '-' && sql[i + 1] == '-') ||
         (sql[i] == '/' && sql[i + 1] == '*');
}

}  // namespace

std::string bind_mysql_params(std::string_view sql,
                              const std::vector<Param>& params,
                              const StringQuoter& quote) {
  std::string out;
  std::size_t next = 0;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    std::size_t end = i + 1;
    if (c == '\'' || c == '"' || c == '`') {
      end = skip_quoted(sql, i);
    } else if (comment_starts(sql, i)) {
      end = skip_comment(sql, i);
    } else if (c == '?') {
      if (next >= params.size()) {
        throw Error(ErrorKind::kInternal, "ERROR",
                    "More ? markers than parameters in: " + std::string(sql));
      }
      out += literal(params[next++], quote);
      ++i;
      continue;
    }
    out.append(sql.substr(i, end - i));
    i = end;
  }
  if (next != params.size()) {
    throw Error(ErrorKind::kInternal, "ERROR",
                "More parameters than ? markers in: " + std::string(sql));
  }
  return out;
}

}  // namespace runway::db::detail
