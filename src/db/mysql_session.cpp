// What the MySQL and MariaDB JDBC drivers do on connect for some URL
// parameters, which Flyway users rely on (Spring Boot URLs carry them):
// Runway stands in for the driver, so it does the same.
#include <ctime>

#include "drivers.hpp"
#include "url_forms.hpp"

namespace runway::db::detail {
namespace {

std::string option(const ConnectionSpec& spec, const std::string& key) {
  const auto it = spec.options.find(key);
  return it == spec.options.end() ? std::string() : it->second;
}

// Connector/J's split of sessionVariables: on ',' and ';' outside quotes
// and parentheses, each part trimmed, empty parts dropped.
std::vector<std::string> split_assignments(std::string_view text) {
  std::vector<std::string> parts;
  std::string current;
  char quote = 0;
  int depth = 0;
  const auto flush = [&] {
    const std::size_t first = current.find_first_not_of(" \t\r\n");
    const std::size_t last = current.find_last_not_of(" \t\r\n");
    if (first != std::string::npos)
      parts.push_back(current.substr(first, last - first + 1));
    current.clear();
  };
  for (char c : text) {
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && depth > 0) {
      --depth;
    } else if ((c == ',' || c == ';') && depth == 0) {
      flush();
      continue;
    }
    current.push_back(c);
  }
  flush();
  return parts;
}

// The machine's offset from UTC now, as MySQL takes a zone: "+01:00".
std::string local_offset() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  long minutes = local.tm_gmtoff / 60;
  const char sign = minutes < 0 ? '-' : '+';
  if (minutes < 0) minutes = -minutes;
  const auto two_digits = [](long n) {
    return std::string(1, static_cast<char>('0' + n / 10 % 10)) +
           static_cast<char>('0' + n % 10);
  };
  return sign + two_digits(minutes / 60) + ":" + two_digits(minutes % 60);
}

// "+2", "+02", "+0200", "+02:00" as MySQL takes an offset ("+02:00");
// empty when `text` is none of these.
std::string offset_of(std::string_view text) {
  if (text.size() < 2 || (text[0] != '+' && text[0] != '-')) return "";
  std::string digits;
  for (char c : text.substr(1)) {
    if (c == ':') continue;
    if (c < '0' || c > '9') return "";
    digits.push_back(c);
  }
  if (digits.size() == 1 || digits.size() == 3) digits.insert(0, "0");
  if (digits.size() == 2) digits += "00";
  if (digits.size() != 4) return "";
  return std::string(1, text[0]) + digits.substr(0, 2) + ":" + digits.substr(2);
}

// Connector/J sends a zone with fixed rules as its offset (UTC is '+00:00',
// which a server without time zone tables accepts) and any other zone by
// its name.
std::string session_zone(const std::string& zone) {
  static constexpr std::string_view kUtc[] = {
      "Z",       "UTC",      "GMT",           "UT",
      "UCT",     "Zulu",     "Etc/UTC",       "Etc/GMT",
      "Etc/UCT", "Etc/Zulu", "Universal",     "Greenwich",
      "GMT0",    "Etc/GMT0", "Etc/Universal", "Etc/Greenwich"};
  for (std::string_view utc : kUtc)
    if (zone == utc) return "+00:00";
  for (std::string_view prefix : {"UTC", "GMT", "UT"}) {
    if (zone.size() > prefix.size() && zone.starts_with(prefix)) {
      const std::string offset = offset_of(zone.substr(prefix.size()));
      if (!offset.empty()) return offset;
    }
  }
  const std::string offset = offset_of(zone);
  return offset.empty() ? zone : offset;
}

std::string quoted_literal(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out.push_back(c);
    out.push_back(c);
  }
  return out + "'";
}

}  // namespace

MySqlSessionSetup mysql_session_setup(const ConnectionSpec& spec) {
  MySqlSessionSetup setup;
  if (is_true_flag(option(spec, "createdatabaseifnotexist")) &&
      !spec.database.empty()) {
    const std::string name =
        quote_identifier(DatabaseType::kMySQL, spec.database);
    setup.create_statements = {"CREATE DATABASE IF NOT EXISTS " + name,
                               "USE " + name};
  }
  // connectionTimeZone (serverTimezone before Connector/J 8.0.23) is put on
  // the session only with forceConnectionTimeZoneToSession: LOCAL (or none)
  // is this machine's offset, SERVER leaves the server's (Connector/J's
  // configureTimeZone, which reads both words in capitals only).
  if (is_true_flag(option(spec, "forceconnectiontimezonetosession"))) {
    std::string zone = option(spec, "connectiontimezone");
    if (zone.empty()) zone = option(spec, "servertimezone");
    if (zone != "SERVER") {
      zone =
          zone.empty() || zone == "LOCAL" ? local_offset() : session_zone(zone);
      setup.statements.push_back("SET SESSION time_zone = " +
                                 quoted_literal(zone));
    }
  }
  // sessionVariables: one SET, SESSION before each system variable, user
  // variables (@x) as they are (Connector/J's NativeSession).
  std::string set;
  for (const std::string& assignment :
       split_assignments(option(spec, "sessionvariables"))) {
    set += set.empty() ? "SET " : ", ";
    if (assignment.front() != '@') set += "SESSION ";
    set += assignment;
  }
  if (!set.empty()) setup.statements.push_back(set);
  return setup;
}

}  // namespace runway::db::detail
