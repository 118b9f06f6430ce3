#include "resolvers.hpp"

#include <algorithm>
#include <cctype>

#include "runway/core/error.hpp"
#include "text_util.hpp"

namespace runway {
namespace {

// Flyway's resolver filter (`${env.WHO:AD}`): keeps the characters the
// filter's letters allow: A letters, a ASCII letters, D digits, d ASCII
// digits. A character beyond ASCII counts as a letter (for A), never as a
// digit.
std::string filtered(const std::string& value, const std::string& filter) {
  const bool letters = filter.find('A') != std::string::npos;
  const bool ascii_letters = filter.find('a') != std::string::npos;
  const bool digits = filter.find_first_of("Dd") != std::string::npos;
  std::string out;
  for (std::size_t i = 0; i < value.size();) {
    const auto c = static_cast<unsigned char>(value[i]);
    std::size_t n = 1;
    if (c >= 0x80) {
      while (i + n < value.size() &&
             (static_cast<unsigned char>(value[i + n]) & 0xC0) == 0x80)
        ++n;
      if (letters) out.append(value, i, n);
    } else if ((std::isdigit(c) && digits) ||
               (std::isalpha(c) && (letters || ascii_letters))) {
      out.push_back(static_cast<char>(c));
    }
    i += n;
  }
  return out;
}

std::string resolve_one(
    const std::string& reference, const std::map<std::string, std::string>& env,
    const std::map<std::string, std::string>* placeholders) {
  // Blanks around the parts are dropped, as Flyway strips them.
  const auto dot = reference.find('.');
  const std::string resolver = trim_blanks(reference.substr(0, dot));
  std::string name = trim_blanks(reference.substr(dot + 1));
  const auto colon = name.find(':');
  if (colon != std::string::npos) {
    const std::string filter = trim_blanks(name.substr(colon + 1));
    name = trim_blanks(name.substr(0, colon));
    return filtered(resolve_one(resolver + "." + name, env, placeholders),
                    filter);
  }
  if (resolver == "env") {
    auto found = env.find(name);
    if (found == env.end()) {
      throw ConfigError("Unable to resolve environment variable: '" + name +
                        "'");
    }
    return found->second;
  }
  if (resolver == "placeholder") {
    if (placeholders == nullptr) {
      throw ConfigError(
          "${placeholder." + name +
          "} cannot be used here: placeholders are not resolved yet");
    }
    auto found = placeholders->find(lower_ascii(name));
    if (found == placeholders->end()) {
      throw ConfigError("Unable to resolve placeholder: '" + name + "'");
    }
    return found->second;
  }
  throw ConfigError("Unknown resolver '" + resolver + "' in ${" + reference +
                    "}: Runway supports the env and placeholder resolvers");
}

}  // namespace

std::string resolve_references(
    const std::string& text, const std::map<std::string, std::string>& env,
    const std::map<std::string, std::string>* placeholders) {
  if (text.size() >= 3 && text.starts_with("!{") && text.ends_with("}")) {
    return text.substr(2, text.size() - 3);
  }
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (text.compare(pos, 3, "$${") == 0) {
      out += "${";
      pos += 3;
      continue;
    }
    if (text.compare(pos, 2, "${") != 0) {
      out += text[pos++];
      continue;
    }
    const auto close = text.find('}', pos + 2);
    if (close == std::string::npos) {
      out += text.substr(pos);
      break;
    }
    const std::string reference = text.substr(pos + 2, close - pos - 2);
    if (reference.find("${") != std::string::npos) {
      throw ConfigError("Resolvers cannot be nested: " + text);
    }
    if (reference.find('.') == std::string::npos) {
      out += text.substr(pos, close - pos + 1);
    } else {
      out += resolve_one(reference, env, placeholders);
    }
    pos = close + 1;
  }
  return out;
}

}  // namespace runway
