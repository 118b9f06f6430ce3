#include "libpq.hpp"

#include "dynamic_library.hpp"

namespace runway::db::detail {

const LibPq& libpq() {
  static const LibPq api = [] {
    const DynamicLibrary library(RUNWAY_LIBPQ_SONAME, "PostgreSQL", "libpq5");
    LibPq table;
#define RUNWAY_LIBPQ_RESOLVE(name) \
  table.name = library.function<decltype(&::name)>(#name);
    RUNWAY_LIBPQ_FUNCTIONS(RUNWAY_LIBPQ_RESOLVE)
#undef RUNWAY_LIBPQ_RESOLVE
    return table;
  }();
  return api;
}

}  // namespace runway::db::detail
