#include "runway/config/describe.hpp"

#include <algorithm>
#include <cctype>

#include "runway/config/redact.hpp"
#include "runway/config/settings_table.hpp"
#include "text_util.hpp"

namespace runway {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string percent_decoded(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
        hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 +
                               hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// `scheme://user:pw@host/...`
void add_userinfo_password(const std::string& url,
                           std::vector<std::string>& out) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return;
  const auto start = scheme + 3;
  const auto end = url.find_first_of("/?", start);
  const std::string authority =
      url.substr(start, end == std::string::npos ? end : end - start);
  const auto at = authority.rfind('@');
  if (at == std::string::npos) return;
  const auto colon = authority.find(':');
  if (colon == std::string::npos || colon > at) return;
  out.push_back(authority.substr(colon + 1, at - colon - 1));
}

// `password=pw` in a query string (`&`, `;` separated) or a libpq string
// (blank separated, value possibly single-quoted).
void add_keyword_passwords(const std::string& url,
                           std::vector<std::string>& out) {
  const std::string folded = lower_ascii(url);
  std::size_t pos = 0;
  while ((pos = folded.find("password", pos)) != std::string::npos) {
    std::size_t value = pos + 8;
    pos = value;
    while (value < url.size() && url[value] == ' ') ++value;
    if (value >= url.size() || url[value] != '=') continue;
    ++value;
    while (value < url.size() && url[value] == ' ') ++value;
    std::string secret;
    if (value < url.size() && url[value] == '\'') {
      for (++value; value < url.size() && url[value] != '\''; ++value) {
        if (url[value] == '\\' && value + 1 < url.size()) ++value;
        secret += url[value];
      }
    } else {
      const auto end = url.find_first_of("&; ", value);
      secret = url.substr(value, end == std::string::npos ? end : end - value);
    }
    out.push_back(secret);
  }
}

bool names_secret(const std::string& key) {
  const std::string folded = lower_ascii(key);
  return folded.find("password") != std::string::npos ||
         folded.find("secret") != std::string::npos ||
         folded.find("token") != std::string::npos;
}

std::string masked(const std::string& text,
                   const std::vector<std::string>& secrets) {
  return redact(text, secrets);
}

}  // namespace

std::vector<std::string> secrets_of(const Settings& settings) {
  std::vector<std::string> found = {settings.password};
  add_userinfo_password(settings.url, found);
  add_keyword_passwords(settings.url, found);
  for (const auto& [key, value] : settings.jdbc_properties) {
    if (names_secret(key)) found.push_back(value);
  }
  std::vector<std::string> secrets;
  for (const std::string& secret : found) {
    for (const std::string& form : {secret, percent_decoded(secret)}) {
      if (!form.empty() &&
          std::find(secrets.begin(), secrets.end(), form) == secrets.end()) {
        secrets.push_back(form);
      }
    }
  }
  // Longest first, so a secret containing another is masked whole.
  std::stable_sort(secrets.begin(), secrets.end(),
                   [](const std::string& a, const std::string& b) {
                     return a.size() > b.size();
                   });
  return secrets;
}

std::string describe_settings(const Settings& settings) {
  const std::vector<std::string> secrets = secrets_of(settings);
  auto origin_of = [&](const std::string& key) {
    auto found = settings.origin.find(key);
    return found == settings.origin.end() ? std::string("default")
                                          : found->second;
  };
  std::string text = "Configuration files:";
  if (settings.config_files.empty()) text += " none";
  for (const std::string& file : settings.config_files) text += "\n  " + file;
  text += "\nEnvironment: " + settings.environment + "\nSettings:";
  for (const SettingSpec& spec : settings_table()) {
    if (spec.support != SettingSupport::kHonoured ||
        std::holds_alternative<std::monostate>(spec.field)) {
      continue;
    }
    const std::string key(spec.key);
    if (spec.type == SettingType::kMap) {
      const auto& map =
          std::get<std::map<std::string, std::string> Settings::*>(spec.field);
      for (const auto& [name, value] : settings.*map) {
        const std::string shown =
            names_secret(name) ? "********" : masked(value, secrets);
        text += "\n  " + key + "." + name + " = " + shown + " (" +
                origin_of(key + "." + name) + ")";
      }
      continue;
    }
    std::string value = setting_text(spec, settings);
    if (key == "password") {
      value = value.empty() ? "" : "********";
    } else {
      value = masked(value, secrets);
    }
    text += "\n  " + key + " = " + value + " (" + origin_of(key) + ")";
  }
  for (const std::string& note : settings.notes) text += "\nNote: " + note;
  return text + "\n";
}

}  // namespace runway
