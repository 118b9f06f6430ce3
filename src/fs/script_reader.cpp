#include "runway/fs/script_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

#include "runway/core/error.hpp"
#include "text_decoder.hpp"

namespace runway::fs {
namespace {

constexpr std::size_t kChunkSize = 64 * 1024;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// '\n' characters in `text`: memchr from one to the next, not a test of
// every byte (every script of a scan passes here).
int count_lines(std::string_view text) {
  int lines = 0;
  const char* at = text.data();
  const char* const end = at + text.size();
  while ((at = static_cast<const char*>(
              std::memchr(at, '\n', static_cast<std::size_t>(end - at))))) {
    ++lines;
    ++at;
  }
  return lines;
}

std::string file_name_of(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

}  // namespace

FileSource::FileSource(std::string path, std::string encoding,
                       ReadBuffer* scratch)
    : path_(std::move(path)), scratch_(scratch) {
  set_encoding(std::move(encoding));
  open_file(AT_FDCWD, path_);
}

FileSource::FileSource(int directory_fd, const std::string& name,
                       std::string path, std::string encoding,
                       ReadBuffer* scratch)
    : path_(std::move(path)), scratch_(scratch) {
  set_encoding(std::move(encoding));
  open_file(directory_fd, name);
}

void FileSource::open_file(int directory_fd, const std::string& name) {
  fd_ = ::openat(directory_fd, name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) fail_unreadable();
}

FileSource::~FileSource() {
  if (fd_ >= 0) ::close(fd_);
}

void FileSource::set_encoding(std::string encoding) {
  encoding_ = std::move(encoding);
  decoder_ = TextDecoder::create(encoding_);
  if (!decoder_) {
    throw MigrationFileError(path_, 0, "Unsupported encoding: " + encoding_,
                             "CONFIGURATION");
  }
}

std::size_t FileSource::read_raw(char* buffer, std::size_t size) {
  std::size_t total = 0;
  while (total < size) {
    ssize_t n = ::read(fd_, buffer + total, size - total);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail_unreadable();
    if (n == 0) {
      at_end_ = true;  // no need to ask again
      break;
    }
    total += static_cast<std::size_t>(n);
  }
  return total;
}

// The buffer is not zero-filled: read() only uses it within one call (the
// decoder copies out of it), and zeroing 64 KiB per file was most of the cost
// of scanning many small files. A scan lends each reading thread's buffer to
// the files it reads: allocating 64 KiB per file made the allocator sweep its
// free lists every time. (Not a thread_local: one with a destructor is
// registered under the dynamic loader's lock on first use, which stalled the
// scan for as long as the main thread spent loading libpq.)
char* FileSource::buffer() {
  if (scratch_ == nullptr) scratch_ = &own_;
  if (!*scratch_)
    *scratch_ = std::make_unique_for_overwrite<char[]>(kChunkSize);
  return scratch_->get();
}

std::string_view FileSource::raw_head() {
  if (!has_head_) {
    has_head_ = true;
    head_size_ = read_raw(buffer(), kChunkSize);
  }
  return {buffer(), head_size_};
}

bool FileSource::read(std::string& chunk) {
  chunk.clear();
  while (chunk.empty()) {
    if (done_) return false;
    std::string_view raw;
    if (has_head_) {
      raw = {buffer(), head_size_};
    } else if (!at_end_) {
      raw = {buffer(), read_raw(buffer(), kChunkSize)};
    }
    if (raw.empty()) {
      done_ = true;
      if (!decoder_->finish(chunk)) fail_malformed(chunk);
    } else if (!decoder_->decode(raw, chunk)) {
      fail_malformed(chunk);
    }
    has_head_ = false;
    if (!started_ && !chunk.empty()) {
      started_ = true;
      // Decoders yield whole characters, so a leading BOM is all here.
      if (chunk.starts_with(kBom)) chunk.erase(0, kBom.size());
    }
  }
  lines_ += count_lines(chunk);
  return true;
}

void FileSource::fail_malformed(const std::string& decoded) const {
  const int line = lines_ + 1 + count_lines(decoded);
  throw MigrationFileError(
      path_, line,
      "Unable to calculate checksum of " + file_name_of(path_) +
          "\nPlease ensure you have configured the correct file encoding "
          "with 'flyway.encoding' (invalid " +
          encoding_ + " at line " + std::to_string(line) + ")");
}

void FileSource::fail_unreadable() const {
  throw MigrationFileError(path_, 0,
                           "Unable to load filesystem resource: " + path_ +
                               " (encoding: " + encoding_ + ")");
}

std::unique_ptr<TextSource> open_script(
    const std::string& path, const std::string& encoding,
    const PlaceholderOptions* placeholders) {
  auto file = std::make_unique<FileSource>(path, encoding);
  if (placeholders == nullptr) return file;
  auto filter =
      std::make_unique<PlaceholderFilter>(std::move(file), *placeholders, path);
  filter->set_value("flyway" + placeholders->separator + "filename",
                    file_name_of(path));
  return filter;
}

}  // namespace runway::fs
