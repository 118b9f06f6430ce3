// Decoding script bytes into UTF-8, a chunk at a time (private to fs/).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace runway::fs {

/// Turns bytes in some encoding into UTF-8. A character split across two
/// calls is completed on the next one. Decoding is strict, as Java's
/// decoders are in Flyway: malformed input is an error, never replaced.
class TextDecoder {
 public:
  /// A decoder for `encoding` (Java/IANA names such as "UTF-8",
  /// "ISO-8859-1", "windows-1252"), or nullptr when it is not supported.
  static std::unique_ptr<TextDecoder> create(const std::string& encoding);

  virtual ~TextDecoder() = default;

  /// Appends the UTF-8 text of `bytes` to `out`. Returns false at malformed
  /// input; `out` then ends just before it.
  virtual bool decode(std::string_view bytes, std::string& out) = 0;

  /// Ends the input; false when it stopped inside a character.
  virtual bool finish(std::string& out) = 0;
};

}  // namespace runway::fs
