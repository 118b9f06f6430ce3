// libFuzzer target for one splitter (RUNWAY_FUZZ_DIALECT picks which). On
// arbitrary bytes a splitter must not crash, hang or read out of bounds; it
// either yields statements or throws MigrationFileError. It must also give
// the same answer however the input is cut into chunks, so the input is
// split twice, in small chunks (size from the first byte) and in one piece.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "runway/core/error.hpp"
#include "runway/sql/statement.hpp"

namespace {

using runway::sql::Statement;
using runway::sql::StatementKind;

constexpr auto kDialect = runway::sql::Dialect::RUNWAY_FUZZ_DIALECT;

// Everything the splitter yielded, as one string to compare.
std::string split(const std::string& text, std::size_t chunk_size) {
  runway::StringSource source(text, chunk_size);
  auto splitter = runway::sql::make_splitter(kDialect, source);
  std::string trace;
  try {
    Statement statement;
    while (splitter->next(statement)) {
      if (statement.sql.empty() || statement.line < 1) std::abort();
      trace += std::to_string(statement.line) + ":" + statement.sql + "\n";
      if (statement.kind != StatementKind::kCopyFromStdin) continue;
      std::string chunk;
      while (splitter->read_copy_data(chunk)) {
        if (chunk.empty() || chunk.back() != '\n') std::abort();
        trace += chunk;
      }
    }
  } catch (const runway::MigrationFileError& e) {
    trace += "error at " + std::to_string(e.line()) + ": " + e.what();
  }
  return trace;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0) return 0;
  std::size_t chunk_size = data[0] % 8 + 1;
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (split(text, chunk_size) != split(text, text.size() + 1)) std::abort();
  return 0;
}
