#include "runway/config/redact.hpp"

namespace runway {

std::string redact(std::string text, const std::vector<std::string>& secrets) {
  static const std::string kMask = "********";
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    std::size_t pos = 0;
    while ((pos = text.find(secret, pos)) != std::string::npos) {
      text.replace(pos, secret.size(), kMask);
      pos += kMask.size();
    }
  }
  return text;
}

}  // namespace runway
