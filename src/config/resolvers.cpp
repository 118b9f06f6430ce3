#include "resolvers.hpp"

#include <algorithm>
#include <cctype>

#include "runway/core/error.hpp"
#include "text_util.hpp"

namespace runway {
namespace {

std::string resolve_one(
    const std::string& reference, const std::map<std::string, std::string>& env,
    const std::map<std::string, std::string>* placeholders) {
  const auto dot = reference.find('.');
  const std::string resolver = reference.substr(0, dot);
  const std::string name = reference.substr(dot + 1);
  if (name.find(':') != std::string::npos) {
    throw ConfigError("Resolver filters are not supported by Runway: ${" +
                      reference + "}");
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
