#include "runway/core/checksum.hpp"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <random>

namespace runway {
namespace {

struct Vector {
  std::string_view content;
  std::int32_t checksum;
};

// SPEC.md §2 and flyway-core.md §3.3 (synthetic table).
constexpr Vector kVectors[] = {
    {"", 0},
    {"\xEF\xBB\xBF", 0},
    {"SELECT 1;", 78787420},
    {"SELECT 1;\n", 78787420},
    {"SELECT 1;\r\n", 78787420},
    {"\xEF\xBB\xBFSELECT 1;\n", 78787420},
    {"SELECT 1;\n\n\n", 78787420},
    {"\n\nSELECT 1;", 78787420},
    {"SELECT\r1;", -713821291},
    {"abc\ndef efg\nxyz", 989464445},
    {"abc\r\ndef efg\nxyz\r\n", 989464445},
    {"-- caf\xC3\xA9\nSELECT 1;\n", 139021238},
    {"SELECT 1; \n", -1951047511},
    {"\xEF\xBB\xBF\xEF\xBB\xBFSELECT 1;\n", -1606921097},
    {"SELECT 1;\n\xEF\xBB\xBFSELECT 2;\n", -737986772},
    {"SELECT ${x};\n", 160378602},
    {"CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\n", 194980085},
    {"\tSELECT 1;\n", -47946674},
};

std::int32_t checksum_in_pieces(std::string_view text, std::size_t piece) {
  ChecksumBuilder builder;
  for (std::size_t i = 0; i < text.size(); i += piece) {
    builder.update(text.substr(i, piece));
  }
  return builder.value();
}

}  // namespace

TEST_CASE("checksum vectors match Flyway in one chunk", "[checksum]") {
  for (const Vector& v : kVectors) {
    INFO("content: " << v.content);
    CHECK(checksum_of(v.content) == v.checksum);
  }
}

TEST_CASE("checksum vectors match Flyway fed byte by byte", "[checksum]") {
  for (const Vector& v : kVectors) {
    INFO("content: " << v.content);
    CHECK(checksum_in_pieces(v.content, 1) == v.checksum);
  }
}

TEST_CASE("checksum does not depend on chunk boundaries", "[checksum]") {
  for (const Vector& v : kVectors) {
    for (std::size_t piece = 2; piece <= 5; ++piece) {
      INFO("content: " << v.content << " piece: " << piece);
      CHECK(checksum_in_pieces(v.content, piece) == v.checksum);
    }
  }
}

TEST_CASE("a BOM split over chunks is still stripped", "[checksum]") {
  ChecksumBuilder builder;
  builder.update("\xEF");
  builder.update("\xBB");
  builder.update(
      "\xBF"
      "SELECT 1;\n");
  CHECK(builder.value() == 78787420);

  ChecksumBuilder empty_chunks;
  empty_chunks.update("");
  empty_chunks.update("\xEF\xBB");
  empty_chunks.update("");
  empty_chunks.update("\xBFSELECT 1;");
  CHECK(empty_chunks.value() == 78787420);
}

TEST_CASE("bytes that only start like a BOM are hashed", "[checksum]") {
  // "\xEF\xBB" alone is not a BOM: it must count, whether or not the text
  // ends right after it.
  CHECK(checksum_of("\xEF\xBB") != 0);
  CHECK(checksum_in_pieces("\xEF\xBB", 1) == checksum_of("\xEF\xBB"));
  CHECK(checksum_of("\xEF\xBBX") != checksum_of("X"));
  CHECK(checksum_in_pieces("\xEF\xBBX", 1) == checksum_of("\xEF\xBBX"));
}

TEST_CASE("a builder told the BOM is gone keeps a leading BOM", "[checksum]") {
  ChecksumBuilder builder(false);
  builder.update("\xEF\xBB\xBFSELECT 1;\n");
  // Same as a text with two BOMs of which the first was already removed.
  CHECK(builder.value() == -1606921097);
}

TEST_CASE("checksum of a source drains it", "[checksum]") {
  StringSource source("abc\r\ndef efg\nxyz\r\n", 3);
  CHECK(checksum_of(source) == 989464445);
}

TEST_CASE("a checksumming source passes text through unchanged", "[checksum]") {
  StringSource inner("\xEF\xBB\xBFSELECT 1;\r\n", 4);
  ChecksumBuilder builder;
  ChecksummingSource tee(inner, builder);
  std::string all;
  std::string chunk;
  while (tee.read(chunk)) all += chunk;
  CHECK(all == "\xEF\xBB\xBFSELECT 1;\r\n");
  CHECK(builder.value() == 78787420);
}

TEST_CASE("every line break is left out, whatever the line lengths",
          "[checksum]") {
  std::mt19937 random(42);
  const std::string alphabet = "ab\r\n;'";
  for (int round = 0; round < 200; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 5000);
    for (int i = 0; i < length; ++i) {
      // Mostly long runs without breaks, sometimes runs of breaks.
      text += random() % 50 == 0 ? alphabet[2 + random() % 2]
                                 : alphabet[random() % alphabet.size()];
    }
    std::string kept;
    for (char c : text)
      if (c != '\r' && c != '\n') kept += c;
    const auto expected = static_cast<std::int32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(kept.data()),
              static_cast<uInt>(kept.size())));
    INFO("round " << round);
    CHECK(checksum_of(text) == expected);
  }
}

}  // namespace runway
