// The UTF-8 decoder (src/fs/text_decoder.hpp) fed in pieces of every size:
// characters split between two pieces come out whole, and bytes that break
// a character are refused wherever the split falls.
#include "fs/text_decoder.hpp"

#include <catch2/catch.hpp>
#include <string>

using runway::fs::TextDecoder;

namespace {

// Decodes `bytes` in pieces of `piece` bytes; false at the first refusal.
bool decode_in_pieces(std::string_view bytes, std::size_t piece,
                      std::string& out) {
  auto decoder = TextDecoder::create("UTF-8");
  REQUIRE(decoder != nullptr);
  for (std::size_t at = 0; at < bytes.size(); at += piece) {
    if (!decoder->decode(bytes.substr(at, piece), out)) return false;
  }
  return decoder->finish(out);
}

}  // namespace

TEST_CASE("UTF-8 split anywhere between pieces decodes whole",
          "[fs][decoder]") {
  // ASCII runs longer than eight bytes, then 2-, 3- and 4-byte characters.
  const std::string text =
      "SELECT 'plain ascii text' AS a; -- \xC3\xA9t\xC3\xA9 "
      "\xE2\x82\xAC 100 \xF0\x9F\x98\x80 done\n";
  for (std::size_t piece = 1; piece <= text.size(); ++piece) {
    INFO("pieces of " << piece);
    std::string out;
    REQUIRE(decode_in_pieces(text, piece, out));
    CHECK(out == text);
  }
}

TEST_CASE("malformed UTF-8 is refused wherever the pieces split",
          "[fs][decoder]") {
  // A 3-byte lead whose second continuation byte is ASCII; a surrogate; an
  // overlong form; a sequence cut off by the end.
  const std::string bad[] = {"abcdefghij \xE2\x82X tail",
                             "0123456789 \xED\xA0\x80 tail",
                             "0123456789 \xC0\xAF tail", "0123456789 \xE2\x82"};
  for (const std::string& text : bad) {
    for (std::size_t piece = 1; piece <= text.size(); ++piece) {
      INFO("text " << text.size() << " bytes, pieces of " << piece);
      std::string out;
      CHECK_FALSE(decode_in_pieces(text, piece, out));
      // What came out before the refusal is the valid text before it.
      CHECK(out == text.substr(0, out.size()));
      CHECK(out.size() <= 11);
    }
  }
}
