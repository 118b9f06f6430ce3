#include "runway/fs/script_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>

#include "runway/core/error.hpp"
#include "text_decoder.hpp"

namespace runway::fs {
namespace {

constexpr std::size_t kChunkSize = 64 * 1024;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string file_name_of(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

// One raw read buffer per thread, not zero-filled: read() only uses it
// within one call (the decoder copies out of it), and zeroing 64 KiB per
// call was most of the cost of scanning many small files.
char* raw_buffer() {
  thread_local const std::unique_ptr<char[]> buffer =
      std::make_unique_for_overwrite<char[]>(kChunkSize);
  return buffer.get();
}

}  // namespace

FileSource::FileSource(std::string path, std::string encoding)
    : path_(std::move(path)),
      encoding_(std::move(encoding)),
      decoder_(TextDecoder::create(encoding_)) {
  if (!decoder_) {
    throw MigrationFileError(path_, 0, "Unsupported encoding: " + encoding_,
                             "CONFIGURATION");
  }
  file_ = std::fopen(path_.c_str(), "rb");
  if (file_ == nullptr) fail_unreadable();
}

FileSource::~FileSource() {
  if (file_ != nullptr) std::fclose(file_);
}

bool FileSource::read(std::string& chunk) {
  chunk.clear();
  char* raw = raw_buffer();
  while (chunk.empty()) {
    if (done_) return false;
    std::size_t n = std::fread(raw, 1, kChunkSize, file_);
    if (n == 0) {
      if (std::ferror(file_)) fail_unreadable();
      done_ = true;
      if (!decoder_->finish(chunk)) fail_malformed(chunk);
    } else if (!decoder_->decode(std::string_view(raw, n), chunk)) {
      fail_malformed(chunk);
    }
    if (!started_ && !chunk.empty()) {
      started_ = true;
      // Decoders yield whole characters, so a leading BOM is all here.
      if (chunk.starts_with(kBom)) chunk.erase(0, kBom.size());
    }
  }
  lines_ += static_cast<int>(std::count(chunk.begin(), chunk.end(), '\n'));
  return true;
}

void FileSource::fail_malformed(const std::string& decoded) const {
  int line = lines_ + 1 +
             static_cast<int>(std::count(decoded.begin(), decoded.end(), '\n'));
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
