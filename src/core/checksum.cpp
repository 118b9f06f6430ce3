// Flyway's ChecksumCalculator reads a script line by line (Java
// BufferedReader.readLine, so '\n', '\r' and "\r\n" all end a line and are
// never hashed), drops a U+FEFF that opens the first line, and feeds the
// UTF-8 bytes of each line to java.util.zip.CRC32. Concatenating the lines
// is the same as hashing the text with every '\r' and '\n' removed, which is
// what we do here, a chunk at a time. Only the very first character of the
// file may be a dropped BOM: a second BOM, or one after a leading newline,
// is hashed like any other character.
#include "runway/core/checksum.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace runway {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

ChecksumBuilder::ChecksumBuilder(bool strip_leading_bom)
    : crc_(static_cast<std::uint32_t>(crc32(0L, Z_NULL, 0))),
      at_start_(strip_leading_bom) {}

void ChecksumBuilder::update(std::string_view text) {
  if (at_start_) {
    // Collect up to three bytes to see whether the text opens with a BOM.
    std::size_t take = std::min(kBom.size() - pending_.size(), text.size());
    pending_.append(text.substr(0, take));
    text.remove_prefix(take);
    if (pending_.size() < kBom.size() && kBom.starts_with(pending_)) {
      return;  // still undecided: wait for more bytes
    }
    at_start_ = false;
    if (pending_ != kBom) add_bytes(pending_);
    pending_.clear();
  }
  add_bytes(text);
}

// The bytes between line breaks go into the CRC. Breaks are found with
// memchr per character, each search resumed only when passed:
// find_first_of("\r\n") calls memchr on the set for every byte, which made
// checksumming a script of long lines the most expensive part of a scan.
void ChecksumBuilder::add_bytes(std::string_view bytes) {
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  auto next = [end](const char* from, char c) {
    const void* hit =
        std::memchr(from, c, static_cast<std::size_t>(end - from));
    return hit ? static_cast<const char*>(hit) : end;
  };
  const char* cr = next(p, '\r');
  const char* lf = next(p, '\n');
  while (p < end) {
    if (cr < p) cr = next(p, '\r');
    if (lf < p) lf = next(p, '\n');
    const char* stop = std::min(cr, lf);
    if (stop > p) {
      crc_ = static_cast<std::uint32_t>(crc32(crc_,
                                              reinterpret_cast<const Bytef*>(p),
                                              static_cast<uInt>(stop - p)));
    }
    p = stop + 1;
  }
}

std::int32_t ChecksumBuilder::value() const {
  std::uint32_t crc = crc_;
  // Bytes held back while deciding about a BOM that never completed (the
  // text ended after one or two of its bytes) still count.
  if (at_start_ && !pending_.empty()) {
    crc = static_cast<std::uint32_t>(
        crc32(crc, reinterpret_cast<const Bytef*>(pending_.data()),
              static_cast<uInt>(pending_.size())));
  }
  return static_cast<std::int32_t>(crc);
}

std::int32_t checksum_of(std::string_view text) {
  ChecksumBuilder builder;
  builder.update(text);
  return builder.value();
}

std::int32_t checksum_of(TextSource& source, bool strip_leading_bom) {
  ChecksumBuilder builder(strip_leading_bom);
  std::string chunk;
  while (source.read(chunk)) builder.update(chunk);
  return builder.value();
}

bool ChecksummingSource::read(std::string& chunk) {
  if (!source_.read(chunk)) return false;
  builder_.update(chunk);
  return true;
}

}  // namespace runway
