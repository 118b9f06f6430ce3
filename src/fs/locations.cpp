#include "locations.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
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

// What `name` in the open directory `dir` is, symbolic links followed:
// DT_DIR, DT_REG, or DT_UNKNOWN for anything else (or a dangling link).
unsigned char entry_type(DIR* dir, const dirent& entry) {
  if (entry.d_type != DT_LNK && entry.d_type != DT_UNKNOWN) return entry.d_type;
  struct stat st;
  if (::fstatat(::dirfd(dir), entry.d_name, &st, 0) != 0) return DT_UNKNOWN;
  if (S_ISDIR(st.st_mode)) return DT_DIR;
  if (S_ISREG(st.st_mode)) return DT_REG;
  return DT_UNKNOWN;
}

// Directories kept open for their files at one time, in the process.
constexpr int kMaxOpenDirectories = 64;
std::atomic<int> open_directories{0};

// readdir() rather than std::filesystem: the type comes with the name, and
// no path object is built per entry.
void walk(const std::string& dir, const std::string& prefix,
          std::set<stdfs::path>& visited, std::vector<FoundFile>& out) {
  std::error_code ec;
  stdfs::path canonical = stdfs::canonical(dir, ec);
  if (ec || !visited.insert(canonical).second) return;  // unreadable or seen
  // Normalised once per directory: a file's absolute path is that plus its
  // name (a name has no "." or ".." to normalise away).
  std::string normal_dir = stdfs::path(dir).lexically_normal().string();
  if (!normal_dir.ends_with('/')) normal_dir += '/';
  const std::unique_ptr<DIR, int (*)(DIR*)> handle(::opendir(dir.c_str()),
                                                   &::closedir);
  if (!handle) return;  // unreadable: skipped, as Flyway does
  const std::shared_ptr<const OpenDirectory> directory =
      OpenDirectory::keep(::dirfd(handle.get()));
  while (const dirent* entry = ::readdir(handle.get())) {
    const std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    const unsigned char type = entry_type(handle.get(), *entry);
    if (type != DT_DIR && type != DT_REG) continue;
    std::string relative =
        prefix.empty() ? std::string(name) : prefix + "/" + std::string(name);
    if (type == DT_DIR) {
      if (!name.starts_with('.'))
        walk(normal_dir + std::string(name), relative, visited, out);
    } else {
      out.push_back({std::move(relative), normal_dir + std::string(name),
                     std::string(name), directory});
    }
  }
}

}  // namespace

std::shared_ptr<const OpenDirectory> OpenDirectory::keep(int fd) {
  if (open_directories.fetch_add(1) >= kMaxOpenDirectories) {
    --open_directories;
    return nullptr;
  }
  const int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) {
    --open_directories;
    return nullptr;
  }
  return std::shared_ptr<const OpenDirectory>(new OpenDirectory(copy));
}

OpenDirectory::~OpenDirectory() {
  ::close(fd_);
  --open_directories;
}

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
  SplitLocation split = split_wildcards(path);
  location.pattern = std::move(split.pattern);
  if (split.root.empty()) split.root = ".";
  location.shown = split.root;
  stdfs::path configured{split.root};
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
  walk(root.string(), "", visited, files);
  // Positions are sorted, not the entries: moving three strings per swap
  // cost more than the comparisons.
  std::vector<std::uint32_t> order(files.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&files](std::uint32_t a, std::uint32_t b) {
              return files[a].relative < files[b].relative;
            });
  std::vector<FoundFile> sorted;
  sorted.reserve(files.size());
  for (std::uint32_t i : order) sorted.push_back(std::move(files[i]));
  return sorted;
}

}  // namespace runway::fs
