// ConnectionSpec -> libpq keywords. Multi-host lists become libpq's
// comma-separated `host`/`port` lists (an empty entry = libpq's default);
// the session always speaks UTF-8, as pgjdbc does.
#include "drivers.hpp"

namespace runway::db::detail {

std::vector<std::pair<std::string, std::string>> libpq_keywords(
    const ConnectionSpec& spec) {
  std::vector<std::pair<std::string, std::string>> kw;
  auto add = [&kw](const std::string& key, const std::string& value) {
    if (!value.empty()) kw.emplace_back(key, value);
  };
  std::string hosts;
  std::string ports;
  bool any_port = false;
  for (std::size_t i = 0; i < spec.hosts.size(); ++i) {
    if (i > 0) {
      hosts += ',';
      ports += ',';
    }
    hosts += spec.hosts[i].host;
    if (spec.hosts[i].port != 0) {
      ports += std::to_string(spec.hosts[i].port);
      any_port = true;
    }
  }
  if (hosts.find_first_not_of(',') != std::string::npos) add("host", hosts);
  if (any_port) add("port", ports);
  add("dbname", spec.database);
  add("user", spec.user.value_or(""));
  add("password", spec.password.value_or(""));
  add("sslmode", spec.ssl_mode);
  add("sslrootcert", spec.ssl_root_cert);
  add("sslcert", spec.ssl_cert);
  add("sslkey", spec.ssl_key);
  if (spec.connect_timeout > 0) {
    add("connect_timeout", std::to_string(spec.connect_timeout));
  }
  add("application_name", spec.application_name);
  bool encoding_set = false;
  for (const auto& [key, value] : spec.options) {
    if (key == "client_encoding") encoding_set = true;
    kw.emplace_back(key, value);
  }
  if (!encoding_set) kw.emplace_back("client_encoding", "UTF8");
  return kw;
}

}  // namespace runway::db::detail
