// Gives URL parameters their meaning. Each driver family names the same
// setting differently (pgjdbc `ApplicationName`, libpq `application_name`;
// MySQL `sslMode=VERIFY_IDENTITY`, libpq `sslmode=verify-full`), so names
// are folded to one canonical key first. Flyway's jdbcProperties fill in
// what the URL leaves unset: as in pgjdbc, a value in the URL wins.
#include "runway/db/url.hpp"

#include <map>
#include <string>

#include "url_forms.hpp"

namespace runway::db {
namespace {

using detail::RawUrl;
using detail::Vocabulary;

// Canonical keys for the settings ConnectionSpec models.
std::string canonical_key(const std::string& key) {
  static const std::map<std::string, std::string> kAliases = {
      {"applicationname", "application_name"},
      {"connecttimeout", "connect_timeout"},
      {"logintimeout", "connect_timeout"},
      {"currentschema", "current_schema"},
      {"usessl", "ssl"},
      {"requiressl", "requiressl"},
      {"sslca", "sslrootcert"},
      {"serversslcert", "sslrootcert"},
      {"localsocket", "unix_socket"},
      {"socket", "unix_socket"},
  };
  const std::string lower = detail::to_lower(key);
  const auto it = kAliases.find(lower);
  return it == kAliases.end() ? lower : it->second;
}

[[noreturn]] void bad_value(std::string_view url, const std::string& key,
                            const std::string& value) {
  throw ConfigError("Invalid database URL " + mask_url(url) + ": invalid " +
                    key + " value '" + value + "'");
}

std::string normalise_ssl_mode(std::string_view url, const std::string& v) {
  static const std::map<std::string, std::string> kModes = {
      {"disable", "disable"},
      {"disabled", "disable"},
      {"allow", "allow"},
      {"prefer", "prefer"},
      {"preferred", "prefer"},
      {"require", "require"},
      {"required", "require"},
      {"trust", "require"},
      {"verify-ca", "verify-ca"},
      {"verify_ca", "verify-ca"},
      {"verify-full", "verify-full"},
      {"verify_identity", "verify-full"},
  };
  const auto it = kModes.find(detail::to_lower(v));
  if (it == kModes.end()) bad_value(url, "sslmode", v);
  return it->second;
}

int parse_timeout(std::string_view url, const std::string& v, bool millis) {
  long long n = 0;
  for (char c : v) {
    if (c < '0' || c > '9' || n > 100000000)
      bad_value(url, "connectTimeout", v);
    n = n * 10 + (c - '0');
  }
  if (v.empty()) bad_value(url, "connectTimeout", v);
  if (millis) n = (n + 999) / 1000;
  return static_cast<int>(n);
}

// pgjdbc knobs with a libpq equivalent; every other pgjdbc property is
// Java-specific and ignored.
void pass_jdbc_postgres_option(const std::string& key, const std::string& v,
                               ConnectionSpec& spec) {
  if (key == "options" || key == "sslpassword" || key == "gssencmode" ||
      key == "target_session_attrs") {
    spec.options[key] = v;
  } else if (key == "tcpkeepalive") {
    spec.options["keepalives"] = detail::is_true_flag(v) ? "1" : "0";
  }
}

void apply_param(std::string_view url, Vocabulary vocabulary,
                 const std::string& key, const std::string& value,
                 ConnectionSpec& spec) {
  const bool mysql = vocabulary == Vocabulary::kMySQL;
  if (vocabulary == Vocabulary::kSQLite) {
    spec.options[key] = value;
  } else if (key == "user") {
    spec.user = value;
  } else if (key == "password") {
    spec.password = value;
  } else if (key == "sslmode") {
    spec.ssl_mode = normalise_ssl_mode(url, value);
  } else if (key == "ssl") {
    // Sorted before "sslmode", so an explicit sslmode still wins.
    if (!detail::is_true_flag(value)) {
      spec.ssl_mode = "disable";
    } else if (!mysql) {
      spec.ssl_mode = "verify-full";  // pgjdbc's default
    } else if (spec.ssl_mode != "require") {
      // MySQL Connector/J: useSSL=true alone is PREFERRED (requireSSL=true
      // makes it REQUIRED); MariaDB's driver forces TLS with useSsl.
      spec.ssl_mode = url.starts_with("jdbc:mariadb:") ? "require" : "prefer";
    }
  } else if (key == "requiressl") {
    if (detail::is_true_flag(value)) spec.ssl_mode = "require";
  } else if (key == "sslrootcert") {
    spec.ssl_root_cert = value;
  } else if (key == "sslcert") {
    spec.ssl_cert = value;
  } else if (key == "sslkey") {
    spec.ssl_key = value;
  } else if (key == "connect_timeout") {
    spec.connect_timeout = parse_timeout(url, value, mysql);
  } else if (key == "current_schema") {
    spec.current_schema = value;
  } else if (key == "application_name") {
    spec.application_name = value;
  } else if (key == "unix_socket" && mysql) {
    spec.unix_socket = value;
  } else if (vocabulary == Vocabulary::kJdbcPostgres) {
    pass_jdbc_postgres_option(key, value, spec);
  } else {
    spec.options[key] = value;
  }
}

RawUrl parse_raw(std::string_view url) {
  using namespace detail;
  if (starts_with_nocase(url, "jdbc:postgresql:")) {
    return parse_postgres_jdbc(url);
  }
  if (starts_with_nocase(url, "postgresql://") ||
      starts_with_nocase(url, "postgres://")) {
    return parse_postgres_uri(url);
  }
  if (starts_with_nocase(url, "jdbc:sqlite:") ||
      starts_with_nocase(url, "sqlite:")) {
    return parse_sqlite_url(url);
  }
  if (starts_with_nocase(url, "jdbc:mysql:") ||
      starts_with_nocase(url, "mysql:")) {
    return parse_mysql_url(url, DatabaseType::kMySQL);
  }
  if (starts_with_nocase(url, "jdbc:mariadb:") ||
      starts_with_nocase(url, "mariadb:")) {
    return parse_mysql_url(url, DatabaseType::kMariaDB);
  }
  if (is_keyword_string(url)) return parse_keyword_string(url);
  throw ConfigError("No database found to handle " + mask_url(url));
}

// jdbc:p6spy:postgresql:... is the same URL seen through a JDBC spy.
std::string strip_spy(std::string_view url) {
  if (detail::starts_with_nocase(url, "jdbc:p6spy:")) {
    return "jdbc:" + std::string(url.substr(11));
  }
  return std::string(url);
}

}  // namespace

DatabaseType detect_database_type(std::string_view url) {
  const std::string plain = strip_spy(url);
  return parse_raw(plain).type;
}

ConnectionSpec parse_url(std::string_view url,
                         const std::map<std::string, std::string>& properties) {
  if (url.empty()) {
    throw ConfigError(
        "Unable to connect to the database. Configure the url, user and "
        "password!");
  }
  const std::string plain = strip_spy(url);
  RawUrl raw = parse_raw(plain);

  // Properties first, URL parameters over them (canonical keys).
  std::map<std::string, std::pair<std::string, std::string>> merged;
  for (const auto& [key, value] : properties) {
    merged[canonical_key(key)] = {key, value};
  }
  for (const auto& [key, value] : raw.params) {
    merged[canonical_key(key)] = {key, value};
  }

  ConnectionSpec spec;
  spec.type = raw.type;
  spec.hosts = std::move(raw.hosts);
  spec.database = std::move(raw.database);
  for (const auto& [key, original] : merged) {
    const std::string& name =
        raw.vocabulary == Vocabulary::kSQLite ? original.first : key;
    apply_param(plain, raw.vocabulary, name, original.second, spec);
  }
  if (raw.user) spec.user = raw.user;
  if (raw.password) spec.password = raw.password;
  return spec;
}

}  // namespace runway::db
