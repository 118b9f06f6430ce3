// Flyway-compatible script checksums, computed while the text streams by.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runway/core/text_source.hpp"

namespace runway {

/// Builds Flyway's checksum incrementally: CRC32 (zlib/IEEE) of the UTF-8
/// bytes with one leading BOM removed and every '\r' and '\n' skipped, read
/// as a signed 32-bit integer. Chunk boundaries never matter, not even
/// inside the BOM.
class ChecksumBuilder {
 public:
  /// `strip_leading_bom` = false when the text already lost its BOM (e.g.
  /// it comes from a FileSource), so that only one is ever removed.
  explicit ChecksumBuilder(bool strip_leading_bom = true);

  /// Adds the next piece of the text.
  void update(std::string_view text);

  /// The checksum of everything added so far.
  std::int32_t value() const;

 private:
  void add_bytes(std::string_view bytes);

  std::uint32_t crc_;
  bool at_start_;        // still deciding whether the text opens with a BOM
  std::string pending_;  // leading bytes that may be the start of a BOM
};

/// The checksum of a whole text held in memory.
std::int32_t checksum_of(std::string_view text);

/// Drains `source` and returns the checksum of everything it yielded.
std::int32_t checksum_of(TextSource& source, bool strip_leading_bom = true);

/// A pass-through TextSource that feeds every chunk it yields to a
/// ChecksumBuilder, so one read of a file can checksum the raw text while a
/// later stage (placeholder replacement) transforms it.
class ChecksummingSource : public TextSource {
 public:
  ChecksummingSource(TextSource& source, ChecksumBuilder& builder)
      : source_(source), builder_(builder) {}
  bool read(std::string& chunk) override;

 private:
  TextSource& source_;
  ChecksumBuilder& builder_;
};

}  // namespace runway
