// Reading script files as streams of UTF-8 text.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

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
class FileSource : public TextSource {
 public:
  explicit FileSource(std::string path, std::string encoding = "UTF-8");
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  bool read(std::string& chunk) override;

 private:
  [[noreturn]] void fail_malformed(const std::string& decoded) const;
  [[noreturn]] void fail_unreadable() const;

  std::string path_;
  std::string encoding_;
  std::unique_ptr<TextDecoder> decoder_;
  std::FILE* file_ = nullptr;
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
