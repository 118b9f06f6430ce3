// libFuzzer target for TOML configuration parsing. On any bytes load_toml
// must not crash, hang or leak: it returns the assignments it found or throws
// ConfigError (syntax error, type mismatch, unknown key) — nothing else.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "runway/config/sources.hpp"
#include "runway/core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto values = runway::load_toml(text, "/fuzz/flyway.toml");
    for (const auto& a : values.assignments) {
      if (a.key.empty()) std::abort();
    }
  } catch (const runway::ConfigError&) {
  }
  return 0;
}
