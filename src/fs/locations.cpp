#include "locations.hpp"

#include <unistd.h>

#include <algorithm>
#include <set>

#include "runway/core/error.hpp"

namespace runway::fs {
namespace {

namespace stdfs = std::filesystem;

constexpr std::string_view kFilesystemPrefix = "filesystem:";

// "classpath:", "s3:", ... : letters (two or more) before the first ':'.
bool has_other_scheme(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon < 2) return false;
  return std::all_of(
      text.begin(), text.begin() + static_cast<long>(colon),
      [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

void walk(const stdfs::path& dir, const std::string& prefix,
          std::set<stdfs::path>& visited, std::vector<FoundFile>& out) {
  std::error_code ec;
  stdfs::path canonical = stdfs::canonical(dir, ec);
  if (ec || !visited.insert(canonical).second) return;  // unreadable or seen
  // Normalised once per directory: a file's absolute path is that plus its
  // name (a name has no "." or ".." to normalise away).
  std::string normal_dir = dir.lexically_normal().string();
  if (!normal_dir.ends_with('/')) normal_dir += '/';
  stdfs::directory_iterator it(
      dir, stdfs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != stdfs::directory_iterator(); it.increment(ec)) {
    const stdfs::directory_entry& entry = *it;
    std::string name = entry.path().filename().string();
    std::string relative = prefix.empty() ? name : prefix + "/" + name;
    std::error_code type_ec;
    if (entry.is_directory(type_ec)) {
      if (!name.starts_with('.')) walk(entry.path(), relative, visited, out);
    } else if (entry.is_regular_file(type_ec)) {
      out.push_back({std::move(relative), normal_dir + name, std::move(name)});
    }
  }
}

}  // namespace

Location resolve_location(std::string_view text,
                          const std::string& working_directory) {
  std::string_view path = text;
  if (path.starts_with(kFilesystemPrefix)) {
    path.remove_prefix(kFilesystemPrefix.size());
  } else if (has_other_scheme(path)) {
    throw ConfigError("Unsupported location: " + std::string(text) +
                      " (Runway reads filesystem: locations only)");
  }
  Location location;
  location.text = std::string(text);
  location.shown = std::string(path);
  stdfs::path configured{std::string(path)};
  location.relative = configured.is_relative();
  if (location.relative) {
    stdfs::path base = working_directory.empty()
                           ? stdfs::current_path()
                           : stdfs::absolute(working_directory);
    if (!working_directory.empty()) {
      location.shown = (stdfs::path(working_directory) / configured).string();
    }
    configured = base / configured;
  }
  location.root = configured.lexically_normal();
  return location;
}

std::string_view directory_problem(const stdfs::path& root) {
  std::error_code ec;
  if (!stdfs::exists(root, ec)) return "not found";
  if (::access(root.c_str(), R_OK) != 0) return "not readable";
  if (!stdfs::is_directory(root, ec)) return "not a directory";
  return {};
}

std::vector<FoundFile> list_files(const stdfs::path& root) {
  std::vector<FoundFile> files;
  std::set<stdfs::path> visited;
  walk(root, "", visited, files);
  std::sort(files.begin(), files.end(),
            [](const FoundFile& a, const FoundFile& b) {
              return a.relative < b.relative;
            });
  return files;
}

}  // namespace runway::fs
