#include "runway/config/redact.hpp"

namespace runway {
namespace {

// ASCII letters, digits and `_` only: a password beside non-ASCII
// punctuation (a translated server message's «secret») is masked.
bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
         (u >= 'A' && u <= 'Z') || u == '_';
}

// Whether the secret found at `pos` stands alone: a secret that begins (or
// ends) with a letter or digit is only masked where the text does not go on
// with one there. Masking "postgres" inside "postgresql" would corrupt the
// output and tell the reader what the secret is.
bool stands_alone(const std::string& text, std::size_t pos,
                  const std::string& secret) {
  const std::size_t end = pos + secret.size();
  if (pos > 0 && is_word_char(secret.front()) && is_word_char(text[pos - 1]))
    return false;
  if (end < text.size() && is_word_char(secret.back()) &&
      is_word_char(text[end]))
    return false;
  return true;
}

}  // namespace

std::string redact(std::string text, const std::vector<std::string>& secrets) {
  static const std::string kMask = "********";
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    std::size_t pos = 0;
    while ((pos = text.find(secret, pos)) != std::string::npos) {
      if (!stands_alone(text, pos, secret)) {
        ++pos;
        continue;
      }
      text.replace(pos, secret.size(), kMask);
      pos += kMask.size();
    }
  }
  return text;
}

}  // namespace runway
