// Parsing follows Flyway's ValidatePattern.fromPattern, including Java's
// String.split, which drops trailing empty pieces: "*:pending:" is accepted
// as "*:pending", while "*:" and ":" have fewer than two parts and are
// rejected as malformed. Type and state errors quote the part as written
// (before trimming), as Flyway does.
#include "runway/core/ignore_patterns.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "runway/core/error.hpp"

namespace runway {
namespace {

constexpr std::array<std::string_view, 5> kValidStates = {
    "*", "missing", "pending", "ignored", "future"};

// Java's String.split(String.valueOf(sep)): pieces between separators,
// trailing empty pieces removed.
std::vector<std::string> java_split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = text.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      break;
    }
    parts.emplace_back(text.substr(start, pos - start));
    start = pos + 1;
  }
  while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

std::string trim(std::string_view text) {
  auto is_space = [](char c) {
    return static_cast<unsigned char>(c) <= ' ';  // Java String.trim
  };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string to_lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return text;
}

// Whether `lower` is `text` in lower case (ASCII), without a copy: every
// row of a validation asks.
bool equals_lower_case(std::string_view lower, std::string_view text) {
  return lower.size() == text.size() &&
         std::equal(lower.begin(), lower.end(), text.begin(),
                    [](char l, char c) {
                      return l == ((c >= 'A' && c <= 'Z')
                                       ? static_cast<char>(c - 'A' + 'a')
                                       : c);
                    });
}

}  // namespace

IgnorePattern IgnorePattern::parse(std::string_view text) {
  std::vector<std::string> parts = java_split(text, ':');
  if (parts.size() != 2) {
    throw ConfigError("Invalid pattern '" + std::string(text) +
                      "'. Pattern must be of the form "
                      "<migration_type>:<migration_state> See " +
                      std::string(kIgnoreMigrationPatternsUrl) +
                      " for full details");
  }
  IgnorePattern pattern;
  pattern.text = std::string(text);
  std::string type = to_lower(trim(parts[0]));
  if (type == "*") {
    pattern.type = Type::kAny;
  } else if (type == "repeatable") {
    pattern.type = Type::kRepeatable;
  } else if (type == "versioned") {
    pattern.type = Type::kVersioned;
  } else {
    throw ConfigError("Invalid migration type '" + parts[0] +
                      "'. Valid types are: [*, repeatable, versioned]");
  }
  pattern.state = to_lower(trim(parts[1]));
  if (std::find(kValidStates.begin(), kValidStates.end(), pattern.state) ==
      kValidStates.end()) {
    throw ConfigError("Invalid migration state '" + parts[1] +
                      "'. Valid states are: [*, missing, pending, ignored, "
                      "future]");
  }
  return pattern;
}

bool IgnorePattern::matches(bool versioned, MigrationState actual) const {
  if (state != "*" && !equals_lower_case(state, state_display_name(actual))) {
    return false;
  }
  switch (type) {
    case Type::kAny:
      return true;
    case Type::kVersioned:
      return versioned;
    case Type::kRepeatable:
      return !versioned;
  }
  return false;
}

IgnorePatterns IgnorePatterns::parse(std::string_view value) {
  if (value.empty()) return {};
  std::vector<std::string> items;
  for (const std::string& piece : java_split(value, ',')) {
    items.push_back(trim(piece));
  }
  return parse(items);
}

IgnorePatterns IgnorePatterns::parse(const std::vector<std::string>& items) {
  if (items.size() == 1 && items.front().empty()) return {};
  std::vector<IgnorePattern> patterns;
  patterns.reserve(items.size());
  for (const std::string& item : items) {
    patterns.push_back(IgnorePattern::parse(item));
  }
  return IgnorePatterns(std::move(patterns));
}

IgnorePatterns IgnorePatterns::with(std::string_view pattern) const {
  IgnorePatterns copy = *this;
  copy.patterns_.push_back(IgnorePattern::parse(pattern));
  return copy;
}

bool IgnorePatterns::matches(bool versioned, MigrationState state) const {
  return std::any_of(
      patterns_.begin(), patterns_.end(),
      [&](const IgnorePattern& p) { return p.matches(versioned, state); });
}

}  // namespace runway
