// UTF-8 input is validated here by hand (overlong forms, surrogates and
// code points above U+10FFFF are malformed, as for Java's decoder); every
// other encoding goes through glibc's iconv into UTF-8.
#include "text_decoder.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace runway::fs {
namespace {

std::string upper(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return result;
}

// Length of a complete, well-formed UTF-8 sequence at the start of `s`;
// 0 when `s` is a valid but incomplete start; -1 when malformed.
int utf8_sequence(std::string_view s) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                       : lead >= 0xE0 && lead <= 0xEF ? 3
                       : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                      : 0;
  if (length == 0) return -1;
  for (std::size_t i = 1; i < length; ++i) {
    if (i >= s.size()) return 0;
    unsigned char c = byte(i);
    // The second byte's range is narrower for E0, ED, F0 and F4: that is
    // what rules out overlong forms, surrogates and values past U+10FFFF.
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (i == 1) {
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    }
    if (c < low || c > high) return -1;
  }
  return static_cast<int>(length);
}

// Validates and copies; the input is used where it lies, except for the
// few bytes of a sequence split between two chunks.
class Utf8Decoder : public TextDecoder {
 public:
  bool decode(std::string_view bytes, std::string& out) override {
    // First complete the sequence the last chunk ended in, a byte at a time
    // (it lacks at most three).
    while (!carry_.empty() && !bytes.empty()) {
      carry_.push_back(bytes.front());
      bytes.remove_prefix(1);
      const int length = utf8_sequence(carry_);
      if (length < 0) return false;
      if (length > 0) {
        out.append(carry_);
        carry_.clear();
      }
    }
    out.reserve(out.size() + bytes.size());
    while (!bytes.empty()) {
      // Runs of ASCII are the common case: copy them in one go.
      const std::size_t ascii = ascii_run(bytes);
      out.append(bytes.substr(0, ascii));
      bytes.remove_prefix(ascii);
      if (bytes.empty()) break;
      const int length = utf8_sequence(bytes);
      if (length < 0) return false;
      if (length == 0) {
        carry_ = std::string(bytes);
        break;
      }
      out.append(bytes.substr(0, static_cast<std::size_t>(length)));
      bytes.remove_prefix(static_cast<std::size_t>(length));
    }
    return true;
  }

  bool finish(std::string&) override { return carry_.empty(); }

 private:
  // The length of the run of ASCII bytes `bytes` starts with, eight bytes
  // at a time while no high bit is set.
  static std::size_t ascii_run(std::string_view bytes) {
    std::size_t n = 0;
    while (n + 8 <= bytes.size()) {
      std::uint64_t word;
      std::memcpy(&word, bytes.data() + n, sizeof word);
      if ((word & 0x8080808080808080ULL) != 0) break;
      n += 8;
    }
    while (n < bytes.size() && static_cast<unsigned char>(bytes[n]) < 0x80) ++n;
    return n;
  }

  std::string carry_;  // an incomplete sequence at the end of the last call
};

class IconvDecoder : public TextDecoder {
 public:
  explicit IconvDecoder(iconv_t cd) : cd_(cd) {}
  ~IconvDecoder() override { iconv_close(cd_); }
  IconvDecoder(const IconvDecoder&) = delete;
  IconvDecoder& operator=(const IconvDecoder&) = delete;

  bool decode(std::string_view bytes, std::string& out) override {
    std::string input = std::move(carry_);
    carry_.clear();
    input.append(bytes);
    char* in = input.data();
    std::size_t in_left = input.size();
    while (in_left > 0) {
      if (!convert(&in, &in_left, out)) {
        if (errno == EINVAL) {  // incomplete character at the end
          carry_.assign(in, in_left);
          return true;
        }
        return false;
      }
    }
    return true;
  }

  bool finish(std::string& out) override {
    if (!carry_.empty()) return false;
    return convert(nullptr, nullptr, out);  // flush any shift state
  }

 private:
  // One iconv call into a local buffer; false with errno on failure other
  // than a full output buffer.
  bool convert(char** in, std::size_t* in_left, std::string& out) {
    char buffer[16384];
    while (true) {
      char* dest = buffer;
      std::size_t dest_left = sizeof buffer;
      std::size_t result = iconv(cd_, in, in_left, &dest, &dest_left);
      out.append(buffer, static_cast<std::size_t>(dest - buffer));
      if (result != static_cast<std::size_t>(-1)) return true;
      if (errno != E2BIG) return false;
    }
  }

  iconv_t cd_;
  std::string carry_;
};

}  // namespace

std::unique_ptr<TextDecoder> TextDecoder::create(const std::string& encoding) {
  if (encoding.empty()) return nullptr;  // iconv would take "" as the locale's
  std::string name = upper(encoding);
  if (name == "UTF-8" || name == "UTF8") return std::make_unique<Utf8Decoder>();
  iconv_t cd = iconv_open("UTF-8", encoding.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    // Java spells some names with '_' where iconv wants '-' (ISO8859_1).
    std::string dashed = encoding;
    for (char& c : dashed) {
      if (c == '_') c = '-';
    }
    cd = iconv_open("UTF-8", dashed.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return nullptr;
  }
  return std::make_unique<IconvDecoder>(cd);
}

}  // namespace runway::fs
