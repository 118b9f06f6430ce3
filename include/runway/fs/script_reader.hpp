// Reading script files as streams of UTF-8 text.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "runway/core/placeholders.hpp"
#include "runway/core/text_source.hpp"

namespace runway::fs {

class TextDecoder;

/// A script file as UTF-8 text, read in 64 KiB chunks and decoded from
/// `encoding` on the way (UTF-8 is validated strictly; other encodings such
/// as ISO-8859-1 or windows-1252 are converted). One leading BOM is removed.
/// The whole file is never in memory.
///
/// Errors are MigrationFileError naming the path: "Unable to load filesystem
/// resource: <path> (encoding: <enc>)" when it cannot be opened or read,
/// "Unsupported encoding: <enc>" (code CONFIGURATION), and for malformed
/// bytes, at the line where they are:
/// "Unable to calculate checksum of <file name>\nPlease ensure you have
/// configured the correct file encoding with 'flyway.encoding' (invalid
/// <enc> at line <n>)".
///
/// The scanner opens each script once: raw_head() gives the first bytes for
/// the directive scan, set_encoding() applies an encoding a directive names,
/// and read() then decodes from the start, reusing the head it already read.
class FileSource : public TextSource {
 public:
  /// 64 KiB of raw bytes, made on first use; one can serve many files read
  /// one after the other.
  using ReadBuffer = std::unique_ptr<char[]>;

  /// `scratch`, when given, is the buffer to read into (made there if
  /// empty) instead of one of its own; it must outlive this source and serve
  /// no other source at the same time.
  explicit FileSource(std::string path, std::string encoding = "UTF-8",
                      ReadBuffer* scratch = nullptr);
  /// Opens `name` in the open directory `directory_fd` (no walk of the
  /// whole path, once per file of thousands); `path` names the file in
  /// messages.
  FileSource(int directory_fd, const std::string& name, std::string path,
             std::string encoding, ReadBuffer* scratch);
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  bool read(std::string& chunk) override;

  /// The first bytes of the file, undecoded (the whole file when it is at
  /// most 64 KiB). Only before the first read().
  std::string_view raw_head();

  /// Decodes as `encoding` instead of the one given at construction. Only
  /// before the first read(); an unsupported name fails as the constructor
  /// does.
  void set_encoding(std::string encoding);

 private:
  /// `name` relative to `directory_fd` (AT_FDCWD: the working directory).
  void open_file(int directory_fd, const std::string& name);
  char* buffer();
  /// Up to `size` bytes into `buffer`, fewer only at the end of the file.
  std::size_t read_raw(char* buffer, std::size_t size);
  [[noreturn]] void fail_malformed(const std::string& decoded) const;
  [[noreturn]] void fail_unreadable() const;

  std::string path_;
  std::string encoding_;
  std::unique_ptr<TextDecoder> decoder_;
  int fd_ = -1;
  ReadBuffer* scratch_;  // the buffer read into: a lent one, or own_
  ReadBuffer own_;
  bool has_head_ = false;  // the buffer holds raw_head()'s bytes, still unused
  std::size_t head_size_ = 0;
  bool at_end_ = false;  // read() returned 0: the file has no more bytes
  bool done_ = false;
  bool started_ = false;  // some text was yielded (or the BOM test is done)
  int lines_ = 0;         // '\n' characters yielded so far
};

/// Opens a script for execution: the decoded file, then placeholder
/// replacement when `placeholders` is given (with `flyway:filename` set to
/// the file's name, as Flyway does for each script).
std::unique_ptr<TextSource> open_script(const std::string& path,
                                        const std::string& encoding,
                                        const PlaceholderOptions* placeholders);

}  // namespace runway::fs
