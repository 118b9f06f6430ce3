// Flyway's location wildcards (see location_pattern.hpp), matched on path
// components instead of through a regular expression: `**` as Flyway's
// lazy "([^/]+/)*?", `*` as "[^/]+?", `?` as "[^/]".
#include "location_pattern.hpp"

namespace runway::fs {
namespace {

bool has_wildcard(std::string_view part) {
  return part.find_first_of("*?") != std::string_view::npos;
}

std::vector<std::string_view> components(std::string_view path,
                                         std::string_view separators) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = path.find_first_of(separators, start);
    parts.push_back(path.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// One component against one glob: `*` one or more characters, `?` one.
bool glob_matches(std::string_view glob, std::string_view name) {
  if (glob.empty()) return name.empty();
  if (glob.front() == '*') {
    // At least one character, then the rest of the glob on what is left.
    for (std::size_t taken = 1; taken <= name.size(); ++taken)
      if (glob_matches(glob.substr(1), name.substr(taken))) return true;
    return false;
  }
  if (name.empty()) return false;
  if (glob.front() == '?') {
    const std::size_t n = utf8_length(static_cast<unsigned char>(name[0]));
    return glob_matches(glob.substr(1), name.substr(std::min(n, name.size())));
  }
  return glob.front() == name.front() &&
         glob_matches(glob.substr(1), name.substr(1));
}

// Matches parts[p..] against path[d..]; on success `rest` is where the
// path goes on past the pattern (the relpath's first component).
bool match_from(const LocationPattern& pattern, std::size_t p,
                const std::vector<std::string_view>& path, std::size_t d,
                std::size_t& rest) {
  if (p == pattern.parts.size()) {
    // Files named by the pattern end with it; under directories it names
    // there must be something left.
    if (pattern.names_files ? d != path.size() : d >= path.size()) return false;
    rest = d;
    return true;
  }
  const std::string& part = pattern.parts[p];
  if (part == "**") {
    // As few directories as will do: Flyway's lazy quantifier.
    for (std::size_t skip = 0; d + skip < path.size(); ++skip)
      if (match_from(pattern, p + 1, path, d + skip, rest)) return true;
    return false;
  }
  return d < path.size() && glob_matches(part, path[d]) &&
         match_from(pattern, p + 1, path, d + 1, rest);
}

}  // namespace

SplitLocation split_wildcards(std::string_view path) {
  SplitLocation split;
  const std::vector<std::string_view> parts = components(path, "/\\");
  std::size_t first = 0;
  while (first < parts.size() && !has_wildcard(parts[first])) ++first;
  if (first == parts.size()) {
    split.root = std::string(path);
    return split;
  }
  for (std::size_t i = 0; i < first; ++i) {
    if (i > 0) split.root += '/';
    split.root += parts[i];
  }
  if (first > 0 && split.root.empty()) split.root = "/";  // "/*/sql"
  LocationPattern pattern;
  for (std::size_t i = first; i < parts.size(); ++i) {
    if (parts[i].empty()) continue;  // "a//b", a trailing '/'
    pattern.parts.emplace_back(parts[i]);
  }
  const std::string& last = pattern.parts.back();
  pattern.names_files = last != "**" && last.find('.') != std::string::npos;
  split.pattern = std::move(pattern);
  return split;
}

std::optional<std::string> match_location(const LocationPattern& pattern,
                                          std::string_view relative) {
  const std::vector<std::string_view> path = components(relative, "/");
  std::size_t rest = 0;
  if (!match_from(pattern, 0, path, 0, rest)) return std::nullopt;
  if (pattern.names_files) return std::string(relative);
  std::string name;
  for (std::size_t i = rest; i < path.size(); ++i) {
    if (!name.empty()) name += '/';
    name += path[i];
  }
  return name;
}

}  // namespace runway::fs
