// Small text helpers shared by the config sources.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>

namespace runway {

/// ASCII lower case (keys, placeholder names, option values).
inline std::string lower_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return text;
}

/// `text` without leading and trailing blanks and line breaks.
inline std::string trim_blanks(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace runway
