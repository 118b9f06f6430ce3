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

// The first few tokens of a SET statement: words, numbers and quoted text
// lower-cased (quotes removed), other characters one by one; comments and
// whitespace skipped.
std::vector<std::string> leading_tokens(std::string_view sql,
                                        std::size_t max_tokens) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  auto at = [&](std::size_t j) { return j < sql.size() ? sql[j] : '\0'; };
  while (i < sql.size() && tokens.size() < max_tokens) {
    char c = sql[i];
    if (is_space(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && at(i + 1) == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (c == '/' && at(i + 1) == '*') {
      std::size_t depth = 0;
      for (i += 2; i < sql.size(); ++i) {
        if (sql[i] == '*' && at(i + 1) == '/') {
          ++i;
          if (depth-- == 0) break;
        } else if (sql[i] == '/' && at(i + 1) == '*') {
          ++i;
          ++depth;
        }
      }
      ++i;
    } else if (c == '\'' || c == '"') {
      std::string text;
      for (++i; i < sql.size(); ++i) {
        if (sql[i] == c && at(i + 1) == c) {
          text.push_back(c);
          ++i;
        } else if (sql[i] == c) {
          break;
        } else {
          text.push_back(sql[i]);
        }
      }
      ++i;
      tokens.push_back(to_upper(text));
    } else if (is_word_start(static_cast<unsigned char>(c)) ||
               is_digit(static_cast<unsigned char>(c))) {
      std::size_t start = i;
      while (i < sql.size() &&
             (is_word_start(static_cast<unsigned char>(sql[i])) ||
              is_digit(static_cast<unsigned char>(sql[i])) || sql[i] == '.'))
        ++i;
      tokens.push_back(to_upper(sql.substr(start, i - start)));
    } else {
      tokens.emplace_back(1, c);
      ++i;
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
