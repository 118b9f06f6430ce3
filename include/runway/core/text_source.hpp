// A pull-based stream of text chunks. Scripts flow file -> (placeholders) ->
// splitter as chunks, so no stage ever needs the whole file in memory.
#pragma once

#include <string>

namespace runway {

class TextSource {
 public:
  virtual ~TextSource() = default;
  /// Replaces `chunk` with the next piece of text (UTF-8, any size > 0).
  /// Returns false at end of input (chunk is then empty).
  virtual bool read(std::string& chunk) = 0;
};

/// A TextSource over a string held in memory (tests, small scripts).
class StringSource : public TextSource {
 public:
  explicit StringSource(std::string text, std::size_t chunk_size = 1 << 16)
      : text_(std::move(text)), chunk_size_(chunk_size) {}
  bool read(std::string& chunk) override {
    chunk.clear();
    if (pos_ >= text_.size()) return false;
    chunk.assign(text_, pos_, chunk_size_);
    pos_ += chunk.size();
    return true;
  }

 private:
  std::string text_;
  std::size_t chunk_size_;
  std::size_t pos_ = 0;
};

}  // namespace runway
