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

// The characters of `text` (UTF-8 code points), so that `?` takes one.
std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = 1;
    while (i + n < text.size() &&
           (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80)
      ++n;
    out.push_back(text.substr(i, n));
    i += n;
  }
  return out;
}

// One component against one glob: `*` one or more characters, `?` one.
// Backtracks only to the last `*` (linear per star, never exponential).
bool glob_matches(std::string_view glob_text, std::string_view name_text) {
  const std::vector<std::string_view> glob = characters(glob_text);
  const std::vector<std::string_view> name = characters(name_text);
  std::size_t g = 0, n = 0;
  std::size_t star = glob.size();  // the last `*` seen, if any
  std::size_t resume = 0;          // where its match would end next
  while (n < name.size()) {
    if (g < glob.size() && glob[g] == "*") {
      star = g++;
      resume = ++n;  // a `*` takes at least one character
    } else if (g < glob.size() && (glob[g] == "?" || glob[g] == name[n])) {
      ++g;
      ++n;
    } else if (star < glob.size()) {
      g = star + 1;  // the last `*` takes one character more
      n = ++resume;
    } else {
      return false;
    }
  }
  // A `*` left over would need a character more.
  return g == glob.size() && n == name.size();
}

// Matches parts[p..] against path[d..]; on success `rest` is where the
// path goes on past the pattern (the relpath's first component). `failed`
// remembers the (p, d) that cannot match, so that several `**` stay
// polynomial.
bool match_from(const LocationPattern& pattern, std::size_t p,
                const std::vector<std::string_view>& path, std::size_t d,
                std::size_t& rest, std::vector<char>& failed) {
  char& known = failed[p * (path.size() + 1) + d];
  if (known) return false;
  bool matched = false;
  if (p == pattern.parts.size()) {
    // Files named by the pattern end with it; under directories it names
    // there must be something left.
    matched = pattern.names_files ? d == path.size() : d < path.size();
    if (matched) rest = d;
  } else if (pattern.parts[p] == "**") {
    // As few directories as will do: Flyway's lazy quantifier.
    for (std::size_t skip = 0; !matched && d + skip < path.size(); ++skip)
      matched = match_from(pattern, p + 1, path, d + skip, rest, failed);
  } else {
    matched = d < path.size() && glob_matches(pattern.parts[p], path[d]) &&
              match_from(pattern, p + 1, path, d + 1, rest, failed);
  }
  if (!matched) known = 1;
  return matched;
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
  pattern.matches_nothing = last == "**";
  split.pattern = std::move(pattern);
  return split;
}

std::optional<std::string> match_location(const LocationPattern& pattern,
                                          std::string_view relative) {
  if (pattern.matches_nothing) return std::nullopt;
  const std::vector<std::string_view> path = components(relative, "/");
  std::vector<char> failed((pattern.parts.size() + 1) * (path.size() + 1), 0);
  std::size_t rest = 0;
  if (!match_from(pattern, 0, path, 0, rest, failed)) return std::nullopt;
  if (pattern.names_files) return std::string(relative);
  std::string name;
  for (std::size_t i = rest; i < path.size(); ++i) {
    if (!name.empty()) name += '/';
    name += path[i];
  }
  return name;
}

}  // namespace runway::fs
