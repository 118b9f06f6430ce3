// Private to src/db: the syntactic half of URL parsing. Each URL form is cut
// into hosts, database, credentials and raw parameters; url.cpp then gives
// the parameters their meaning.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runway/db/url.hpp"

namespace runway::db::detail {

/// Which parameter names a URL form speaks.
enum class Vocabulary {
  kJdbcPostgres,  ///< pgjdbc properties (ApplicationName, currentSchema, ...)
  kLibpq,         ///< libpq keywords (postgresql:// URIs, key=value strings)
  kMySQL,         ///< Connector/J and MariaDB Connector/J properties
  kSQLite,        ///< Xerial: parameters are PRAGMAs
};

struct RawUrl {
  DatabaseType type = DatabaseType::kPostgreSQL;
  Vocabulary vocabulary = Vocabulary::kLibpq;
  std::vector<HostPort> hosts;
  std::string database;
  std::optional<std::string> user;
  std::optional<std::string> password;
  /// Decoded `key=value` parameters in URL order.
  std::vector<std::pair<std::string, std::string>> params;
};

/// A `key = value` item of a libpq connection string, with the byte range
/// of its (raw, possibly quoted) value for masking.
struct KeywordToken {
  std::string key;
  std::string value;
  std::size_t value_begin = 0;
  std::size_t value_end = 0;
};

/// Whether every '(' and '[' in `text` closes, in order.
bool groups_balance(std::string_view text);
/// The first of `chars` in `text` from `from` on, outside parentheses and
/// brackets (Connector/J's host forms nest `(key=value)` groups).
std::size_t find_outside_groups(std::string_view text, std::string_view chars,
                                std::size_t from = 0);
/// Case-insensitive ASCII prefix test.
bool starts_with_nocase(std::string_view text, std::string_view prefix);
std::string to_lower(std::string_view text);
/// A URL parameter's boolean as the JDBC drivers read it: true, 1 or yes
/// in any case.
bool is_true_flag(std::string_view value);

/// Splits a libpq `key=value ...` string. Throws ConfigError on bad syntax.
std::vector<KeywordToken> tokenize_keywords(std::string_view conninfo);

/// True when `url` looks like a libpq keyword string rather than a URL.
bool is_keyword_string(std::string_view url);

RawUrl parse_postgres_jdbc(std::string_view url);
RawUrl parse_postgres_uri(std::string_view url);
RawUrl parse_keyword_string(std::string_view conninfo);
RawUrl parse_mysql_url(std::string_view url, DatabaseType type);
RawUrl parse_sqlite_url(std::string_view url);

}  // namespace runway::db::detail
