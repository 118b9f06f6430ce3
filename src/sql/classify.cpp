#include "classify.hpp"

#include <string>
#include <vector>

namespace runway::sql {

namespace {

// ALTER statements PostgreSQL runs only outside a transaction block.
bool alter_non_transactional(const Keywords& k) {
  if (k.is(1, "SYSTEM")) return true;
  if (k.is(1, "TABLE")) {
    std::size_t detach = k.find("DETACH");
    return k.is(detach + 1, "PARTITION") &&
           k.contains("CONCURRENTLY", detach + 2);
  }
  if (k.is(1, "DATABASE")) {
    std::size_t set = k.find("SET");
    return k.is(set + 1, "TABLESPACE");
  }
  if (k.is(1, "SUBSCRIPTION")) return k.contains("REFRESH");
  return false;
}

bool reindex_non_transactional(const Keywords& k, bool concurrently) {
  std::size_t kind = k.is(1, "VERBOSE") ? 2 : 1;
  return k.is(kind, "SCHEMA") || k.is(kind, "DATABASE") ||
         k.is(kind, "SYSTEM") || concurrently;
}

// Where the comment starting at `i` ends (-- to the end of the line,
// /* */ nested as PostgreSQL nests them).
std::size_t skip_comment(std::string_view sql, std::size_t i) {
  if (sql[i] == '-') {
    std::size_t newline = sql.find('\n', i);
    return newline == std::string_view::npos ? sql.size() : newline;
  }
  std::size_t depth = 0;
  for (i += 2; i + 1 < sql.size(); ++i) {
    if (sql[i] == '*' && sql[i + 1] == '/') {
      if (depth-- == 0) return i + 2;
      ++i;
    } else if (sql[i] == '/' && sql[i + 1] == '*') {
      ++depth;
      ++i;
    }
  }
  return sql.size();
}

// The text of the quoted token starting at `i` (quotes removed, doubled
// quotes undone) and where it ends.
std::size_t read_quoted(std::string_view sql, std::size_t i,
                        std::string& text) {
  char quote = sql[i];
  for (++i; i < sql.size(); ++i) {
    if (sql[i] != quote) {
      text.push_back(sql[i]);
    } else if (i + 1 < sql.size() && sql[i + 1] == quote) {
      text.push_back(quote);
      ++i;
    } else {
      return i + 1;
    }
  }
  return sql.size();
}

// The first few tokens of a SET statement, upper-cased: words and numbers,
// quoted text without its quotes, other characters one by one. Comments
// and whitespace are skipped.
std::vector<std::string> leading_tokens(std::string_view sql,
                                        std::size_t max_tokens) {
  auto at = [&](std::size_t j) {
    return j < sql.size() ? static_cast<unsigned char>(sql[j]) : 0;
  };
  auto word_char = [](int c) { return is_word_start(c) || is_digit(c); };
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < sql.size() && tokens.size() < max_tokens) {
    int c = at(i);
    if (is_space(c)) {
      ++i;
    } else if ((c == '-' && at(i + 1) == '-') ||
               (c == '/' && at(i + 1) == '*')) {
      i = skip_comment(sql, i);
    } else if (c == '\'' || c == '"') {
      std::string text;
      i = read_quoted(sql, i, text);
      tokens.push_back(to_upper(text));
    } else if (word_char(c)) {
      std::size_t start = i;
      while (word_char(at(i)) || at(i) == '.') ++i;
      tokens.push_back(to_upper(sql.substr(start, i - start)));
    } else {
      tokens.emplace_back(1, sql[i++]);
    }
  }
  return tokens;
}

bool is_prefix_of(std::string_view value, std::string_view word) {
  return value.size() <= word.size() && word.substr(0, value.size()) == value;
}

// PostgreSQL's parse_bool: true/false/yes/no/on/off/1/0 and unique
// prefixes ("of" is off, "o" is nothing), upper-cased input.
std::optional<bool> parse_bool(std::string_view value) {
  if (value.empty()) return std::nullopt;
  if (value == "1" || value == "0") return value == "1";
  switch (value[0]) {
    case 'T':
      if (is_prefix_of(value, "TRUE")) return true;
      break;
    case 'F':
      if (is_prefix_of(value, "FALSE")) return false;
      break;
    case 'Y':
      if (is_prefix_of(value, "YES")) return true;
      break;
    case 'N':
      if (is_prefix_of(value, "NO")) return false;
      break;
    case 'O':
      if (value.size() < 2) break;
      if (is_prefix_of(value, "ON")) return true;
      if (is_prefix_of(value, "OFF")) return false;
      break;
    default:
      break;
  }
  return std::nullopt;
}

}  // namespace

bool postgres_non_transactional(const Keywords& k, bool concurrently_anywhere) {
  bool create_or_drop = k.is(0, "CREATE") || k.is(0, "DROP");
  if (create_or_drop &&
      (k.is(1, "DATABASE") || k.is(1, "TABLESPACE") || k.is(1, "SUBSCRIPTION")))
    return true;
  std::size_t index = k.is(1, "UNIQUE") ? 2 : 1;
  if (create_or_drop && k.is(index, "INDEX") && k.is(index + 1, "CONCURRENTLY"))
    return true;
  if (k.is(0, "ALTER")) return alter_non_transactional(k);
  if (k.is(0, "REINDEX"))
    return reindex_non_transactional(k, concurrently_anywhere);
  if ((k.is(0, "COMMIT") || k.is(0, "ROLLBACK")) && k.is(1, "PREPARED"))
    return true;
  return k.is(0, "VACUUM") || (k.is(0, "DISCARD") && k.is(1, "ALL"));
}

bool sqlite_non_transactional(const Keywords& k) {
  return (k.is(0, "PRAGMA") && k.is(1, "FOREIGN_KEYS")) || k.is(0, "VACUUM");
}

bool postgres_changes_role(const Keywords& k) {
  if (!k.is(0, "SET")) return false;
  std::size_t i = 1;
  if (k.is(i, "LOCAL") || (k.is(i, "SESSION") && !k.is(i + 1, "AUTHORIZATION")))
    ++i;
  return k.is(i, "ROLE") ||
         (k.is(i, "SESSION") && k.is(i + 1, "AUTHORIZATION"));
}

bool is_copy_from_stdin(const Keywords& k) {
  if (!k.is(0, "COPY")) return false;
  for (std::size_t i = k.find("FROM"); i < k.size(); i = k.find("FROM", i + 1))
    if (k.is(i + 1, "STDIN")) return true;
  return false;
}

std::optional<bool> standard_strings_after(std::string_view sql) {
  std::vector<std::string> t = leading_tokens(sql, 6);
  t.resize(6);
  if (t[0] == "RESET")
    return t[1] == "STANDARD_CONFORMING_STRINGS" || t[1] == "ALL"
               ? std::optional<bool>(true)
               : std::nullopt;
  if (t[0] != "SET") return std::nullopt;
  std::size_t i = t[1] == "SESSION" || t[1] == "LOCAL" ? 2 : 1;
  if (t[i] != "STANDARD_CONFORMING_STRINGS") return std::nullopt;
  if (t[i + 1] != "=" && t[i + 1] != "TO") return std::nullopt;
  if (t[i + 2] == "DEFAULT") return true;
  return parse_bool(t[i + 2]);
}

}  // namespace runway::sql
