// The URL forms users hand to Flyway and libpq, cut into their parts.
//
// `scheme://[user[:password]@]host[:port][,host2[:port2]...][/database][?k=v&...]`
// is shared by pgjdbc, libpq URIs, Connector/J and MariaDB Connector/J;
// `jdbc:postgresql:database` is pgjdbc's short form; libpq also takes
// `key=value` strings with single-quoted values. Components are
// percent-decoded ('+' stays a plus: passwords often contain one). Errors
// quote the URL with its password masked, never the raw text.
#include "url_forms.hpp"

#include <cctype>
#include <charconv>

namespace runway::db::detail {
namespace {

[[noreturn]] void fail(std::string_view url, const std::string& what) {
  throw ConfigError("Invalid database URL " + mask_url(url) + ": " + what);
}

// A keyword string that does not tokenize cannot be masked piecewise: if it
// mentions a password it is not quoted at all.
[[noreturn]] void fail_keywords(std::string_view s, const std::string& what) {
  const bool secret = to_lower(s).find("password") != std::string::npos;
  throw ConfigError("Invalid connection string " +
                    (secret ? std::string("********") : std::string(s)) + ": " +
                    what);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text, std::string_view url) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const int hi = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (hi < 0 || lo < 0) fail(url, "bad percent-encoding");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

int parse_port(std::string_view text, std::string_view url) {
  int port = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || end != text.data() + text.size() || port < 1 ||
      port > 65535) {
    fail(url, "invalid port number '" + std::string(text) + "'");
  }
  return port;
}

HostPort parse_host_port(std::string_view item, std::string_view url) {
  HostPort hp;
  std::string_view port_text;
  if (!item.empty() && item.front() == '[') {  // IPv6 literal
    const std::size_t close = item.find(']');
    if (close == std::string_view::npos) fail(url, "unterminated '['");
    hp.host = std::string(item.substr(1, close - 1));
    std::string_view rest = item.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') fail(url, "unexpected text after ']'");
      port_text = rest.substr(1);
    }
  } else {
    const std::size_t colon = item.rfind(':');
    hp.host = percent_decode(item.substr(0, colon), url);
    if (colon != std::string_view::npos) port_text = item.substr(colon + 1);
  }
  if (!port_text.empty()) hp.port = parse_port(port_text, url);
  return hp;
}

std::vector<HostPort> parse_host_list(std::string_view text,
                                      std::string_view url) {
  std::vector<HostPort> hosts;
  if (text.empty()) return hosts;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    std::string_view item = text.substr(start, comma - start);
    if (item.empty()) fail(url, "empty host in host list");
    hosts.push_back(parse_host_port(item, url));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return hosts;
}

void parse_query(std::string_view query, std::string_view url, RawUrl& out) {
  std::size_t start = 0;
  while (start <= query.size()) {
    const std::size_t amp = query.find('&', start);
    std::string_view item = query.substr(start, amp - start);
    if (!item.empty()) {
      const std::size_t eq = item.find('=');
      std::string key = percent_decode(item.substr(0, eq), url);
      if (key.empty()) fail(url, "parameter without a name");
      std::string value = eq == std::string_view::npos
                              ? std::string()
                              : percent_decode(item.substr(eq + 1), url);
      out.params.emplace_back(std::move(key), std::move(value));
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
}

// `[user[:password]@]hosts[/database][?query]`, the part after "//".
void parse_authority_form(std::string_view rest, std::string_view url,
                          RawUrl& out) {
  const std::size_t query_at = rest.find('?');
  const std::size_t at = rest.substr(0, query_at).rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    const std::size_t colon = userinfo.find(':');
    out.user = percent_decode(userinfo.substr(0, colon), url);
    if (colon != std::string_view::npos) {
      out.password = percent_decode(userinfo.substr(colon + 1), url);
    }
    rest = rest.substr(at + 1);
  }
  const std::size_t host_end = rest.find_first_of("/?");
  out.hosts = parse_host_list(rest.substr(0, host_end), url);
  if (host_end == std::string_view::npos) return;
  rest = rest.substr(host_end);
  if (rest.front() == '/') {
    const std::size_t q = rest.find('?');
    out.database = percent_decode(rest.substr(1, q - 1), url);
    if (q == std::string_view::npos) return;
    rest = rest.substr(q);
  }
  parse_query(rest.substr(1), url, out);
}

// `[::1]`, an IPv6 literal, rather than a bracketed host list: two colons
// or more and nothing but hex digits, colons, dots and a zone's '%'.
bool is_ipv6_literal(std::string_view inner) {
  std::size_t colons = 0;
  for (char c : inner.substr(0, inner.find('%'))) {
    if (c == ':')
      ++colons;
    else if (!std::isxdigit(static_cast<unsigned char>(c)) && c != '.')
      return false;
  }
  return colons >= 2;
}

// One `key=value` of a Connector/J host's properties.
void set_host_property(std::string_view item, std::string_view url,
                       HostPort& hp, RawUrl& out) {
  const std::size_t eq = item.find('=');
  if (eq == std::string_view::npos)
    fail(url, "expected key=value in the host's properties");
  const std::string key = to_lower(item.substr(0, eq));
  std::string value = percent_decode(item.substr(eq + 1), url);
  if (key == "host") {
    hp.host = std::move(value);
  } else if (key == "port") {
    hp.port = parse_port(value, url);
  } else if (key == "user") {
    if (!out.user) out.user = std::move(value);
  } else if (key == "password") {
    if (!out.password) out.password = std::move(value);
  } else if (key == "protocol") {
    if (to_lower(value) != "tcp")
      fail(url, "only protocol=tcp is supported in a host's properties");
  } else if (key != "type") {  // type=primary|replica: the order decides
    out.params.emplace_back(std::string(item.substr(0, eq)), std::move(value));
  }
}

// One host of Connector/J's "Connection URL Syntax": `host[:port]`,
// `address=(host=h)(port=p)...` or `(host=h,port=p,...)`; a host not named
// is localhost, as there.
HostPort parse_mysql_host(std::string_view item, std::string_view url,
                          RawUrl& out) {
  const bool address = starts_with_nocase(item, "address=");
  if (!address && (item.empty() || item.front() != '('))
    return parse_host_port(item, url);
  HostPort hp{"localhost", 0};
  std::string_view rest = address ? item.substr(8) : item;
  if (address) {
    while (!rest.empty()) {
      const std::size_t close = rest.find(')');
      if (rest.front() != '(' || close == std::string_view::npos)
        fail(url, "expected (key=value) after address=");
      set_host_property(rest.substr(1, close - 1), url, hp, out);
      rest = rest.substr(close + 1);
    }
    return hp;
  }
  if (rest.back() != ')') fail(url, "unterminated '(' in the host");
  rest = rest.substr(1, rest.size() - 2);
  while (true) {
    const std::size_t comma = rest.find(',');
    set_host_property(rest.substr(0, comma), url, hp, out);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return hp;
}

// Connector/J's host list: comma-separated hosts of any form above,
// optionally in one pair of brackets sharing the userinfo before them.
std::vector<HostPort> parse_mysql_hosts(std::string_view text,
                                        std::string_view url, RawUrl& out) {
  if (text.size() > 1 && text.front() == '[' && text.back() == ']' &&
      find_outside_groups(text.substr(1), "]") == text.size() - 2 &&
      !is_ipv6_literal(text.substr(1, text.size() - 2)))
    text = text.substr(1, text.size() - 2);
  std::vector<HostPort> hosts;
  if (text.empty()) return hosts;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = find_outside_groups(text, ",", start);
    std::string_view item = text.substr(start, comma - start);
    if (item.empty()) fail(url, "empty host in host list");
    hosts.push_back(parse_mysql_host(item, url, out));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return hosts;
}

// The part of a MySQL URL after "//": as parse_authority_form, with '@',
// '/' and '?' looked for outside the hosts' `(key=value)` groups.
void parse_mysql_authority(std::string_view rest, std::string_view url,
                           RawUrl& out) {
  const std::size_t query_at = find_outside_groups(rest, "?");
  std::size_t at = std::string_view::npos;
  for (std::size_t i = find_outside_groups(rest, "@"); i < query_at;
       i = find_outside_groups(rest, "@", i + 1))
    at = i;
  std::optional<std::string> user, password;
  if (at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    const std::size_t colon = userinfo.find(':');
    user = percent_decode(userinfo.substr(0, colon), url);
    if (colon != std::string_view::npos)
      password = percent_decode(userinfo.substr(colon + 1), url);
    rest = rest.substr(at + 1);
  }
  // Credentials before the hosts win over a host's own.
  out.user = user;
  out.password = password;
  const std::size_t host_end = find_outside_groups(rest, "/?");
  out.hosts = parse_mysql_hosts(rest.substr(0, host_end), url, out);
  if (host_end == std::string_view::npos) return;
  rest = rest.substr(host_end);
  if (rest.front() == '/') {
    const std::size_t q = find_outside_groups(rest, "?");
    out.database = percent_decode(rest.substr(1, q - 1), url);
    if (q == std::string_view::npos) return;
    rest = rest.substr(q);
  }
  parse_query(rest.substr(1), url, out);
}

// libpq keywords that shape the address rather than the session.
void apply_address_keywords(std::string_view url, RawUrl& out) {
  std::vector<std::string> hosts;
  std::vector<std::string> ports;
  auto split = [](const std::string& v) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = v.find(',', start);
      parts.push_back(v.substr(start, comma - start));
      if (comma == std::string::npos) return parts;
      start = comma + 1;
    }
  };
  std::vector<std::pair<std::string, std::string>> rest;
  for (auto& [key, value] : out.params) {
    const std::string k = to_lower(key);
    if (k == "host") {
      hosts = split(value);
    } else if (k == "port") {
      ports = split(value);
    } else if (k == "dbname") {
      out.database = value;
    } else {
      rest.emplace_back(std::move(key), std::move(value));
    }
  }
  out.params = std::move(rest);
  if (!hosts.empty()) {
    out.hosts.clear();
    for (const std::string& h : hosts) out.hosts.push_back({h, 0});
  }
  if (ports.empty()) return;
  if (out.hosts.empty()) out.hosts.push_back({"", 0});
  if (ports.size() != 1 && ports.size() != out.hosts.size()) {
    fail(url, "could not match " + std::to_string(ports.size()) +
                  " port numbers to " + std::to_string(out.hosts.size()) +
                  " hosts");
  }
  for (std::size_t i = 0; i < out.hosts.size(); ++i) {
    const std::string& p = ports.size() == 1 ? ports[0] : ports[i];
    if (!p.empty()) out.hosts[i].port = parse_port(p, url);
  }
}

}  // namespace

bool groups_balance(std::string_view text) {
  int depth = 0;
  for (char c : text) {
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && --depth < 0) return false;
  }
  return depth == 0;
}

std::size_t find_outside_groups(std::string_view text, std::string_view chars,
                                std::size_t from) {
  int depth = 0;
  for (std::size_t i = from; i < text.size(); ++i) {
    const char c = text[i];
    if (depth == 0 && chars.find(c) != std::string_view::npos) return i;
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && depth > 0) --depth;
  }
  return std::string_view::npos;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool is_true_flag(std::string_view value) {
  const std::string lower = to_lower(value);
  return lower == "true" || lower == "1" || lower == "yes";
}

RawUrl parse_postgres_jdbc(std::string_view url) {
  RawUrl out;
  out.type = DatabaseType::kPostgreSQL;
  out.vocabulary = Vocabulary::kJdbcPostgres;
  std::string_view rest =
      url.substr(std::string_view("jdbc:postgresql:").size());
  if (rest.substr(0, 2) == "//") {
    parse_authority_form(rest.substr(2), url, out);
  } else {  // jdbc:postgresql:database[?query]
    const std::size_t q = rest.find('?');
    out.database = percent_decode(rest.substr(0, q), url);
    if (q != std::string_view::npos) parse_query(rest.substr(q + 1), url, out);
  }
  // pgjdbc always uses TCP, localhost:5432 by default.
  if (out.hosts.empty()) out.hosts.push_back({"localhost", 0});
  for (HostPort& hp : out.hosts) {
    if (hp.host.empty()) hp.host = "localhost";
  }
  return out;
}

RawUrl parse_postgres_uri(std::string_view url) {
  RawUrl out;
  out.type = DatabaseType::kPostgreSQL;
  out.vocabulary = Vocabulary::kLibpq;
  const std::size_t slashes = url.find("://");
  parse_authority_form(url.substr(slashes + 3), url, out);
  apply_address_keywords(url, out);
  return out;
}

RawUrl parse_keyword_string(std::string_view conninfo) {
  RawUrl out;
  out.type = DatabaseType::kPostgreSQL;
  out.vocabulary = Vocabulary::kLibpq;
  for (KeywordToken& token : tokenize_keywords(conninfo)) {
    const std::string k = to_lower(token.key);
    if (k == "user") {
      out.user = std::move(token.value);
    } else if (k == "password") {
      out.password = std::move(token.value);
    } else {
      out.params.emplace_back(std::move(token.key), std::move(token.value));
    }
  }
  apply_address_keywords(conninfo, out);
  return out;
}

RawUrl parse_mysql_url(std::string_view url, DatabaseType type) {
  RawUrl out;
  out.type = type;
  out.vocabulary = Vocabulary::kMySQL;
  const std::size_t slashes = url.find("://");
  if (slashes == std::string_view::npos)
    fail(url, "expected '//' after the scheme");
  // A '(' or '[' that never closes is no host group: it belongs to a
  // password, and the URL is read as the plain form.
  const std::string_view rest = url.substr(slashes + 3);
  if (groups_balance(rest))
    parse_mysql_authority(rest, url, out);
  else
    parse_authority_form(rest, url, out);
  return out;
}

RawUrl parse_sqlite_url(std::string_view url) {
  RawUrl out;
  out.type = DatabaseType::kSQLite;
  out.vocabulary = Vocabulary::kSQLite;
  std::string_view rest = url.substr(url.find(':') + 1);
  if (starts_with_nocase(url, "jdbc:")) rest = rest.substr(rest.find(':') + 1);
  if (rest.substr(0, 2) == "//") rest = rest.substr(2);  // sqlite:///abs/path
  const std::size_t q = rest.find('?');
  out.database = std::string(rest.substr(0, q));
  if (q != std::string_view::npos) parse_query(rest.substr(q + 1), url, out);
  // SQLite's URI filename, `file:data/app.db` or `file:///abs/app.db`, as
  // the plain path it names (the lock file is named after the path).
  if (starts_with_nocase(out.database, "file:")) {
    std::string_view path = std::string_view(out.database).substr(5);
    if (path.substr(0, 2) == "//") {
      path = path.substr(2);
      const std::size_t slash = path.find('/');
      const std::string_view authority = path.substr(0, slash);
      if (!authority.empty() && to_lower(authority) != "localhost")
        fail(url, "a file: URI names a host; use a local path");
      path = slash == std::string_view::npos ? "" : path.substr(slash);
    }
    out.database = percent_decode(path, url);
  }
  if (out.database.empty()) fail(url, "no database file given");
  return out;
}

bool is_keyword_string(std::string_view url) {
  const std::size_t eq = url.find('=');
  if (eq == std::string_view::npos) return false;
  const std::size_t colon = url.find(':');
  return colon == std::string_view::npos || colon > eq;
}

std::vector<KeywordToken> tokenize_keywords(std::string_view s) {
  std::vector<KeywordToken> tokens;
  auto is_space = [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
  };
  std::size_t i = 0;
  while (true) {
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size()) break;
    KeywordToken token;
    const std::size_t key_start = i;
    while (i < s.size() && s[i] != '=' && !is_space(s[i])) ++i;
    token.key = std::string(s.substr(key_start, i - key_start));
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size() || s[i] != '=') {
      fail_keywords(s, "missing \"=\" after \"" + token.key + "\"");
    }
    ++i;
    while (i < s.size() && is_space(s[i])) ++i;
    token.value_begin = i;
    const bool quoted = i < s.size() && s[i] == '\'';
    if (quoted) ++i;
    while (true) {
      if (i >= s.size()) {
        if (quoted) fail_keywords(s, "unterminated quoted string");
        break;
      }
      const char c = s[i];
      if (quoted ? c == '\'' : is_space(c)) break;
      if (c == '\\' && i + 1 < s.size()) ++i;
      token.value += s[i++];
    }
    if (quoted) ++i;  // closing quote
    token.value_end = i;
    tokens.push_back(std::move(token));
  }
  return tokens;
}

}  // namespace runway::db::detail
