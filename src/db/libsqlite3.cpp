#include "libsqlite3.hpp"

#include "dynamic_library.hpp"

namespace runway::db::detail {

const LibSqlite3& libsqlite3() {
  static const LibSqlite3 api = [] {
    const DynamicLibrary library(RUNWAY_LIBSQLITE3_SONAME, "SQLite",
                                 "libsqlite3-0");
    LibSqlite3 table;
#define RUNWAY_LIBSQLITE3_RESOLVE(name) \
  table.name = library.function<decltype(&::name)>(#name);
    RUNWAY_LIBSQLITE3_FUNCTIONS(RUNWAY_LIBSQLITE3_RESOLVE)
#undef RUNWAY_LIBSQLITE3_RESOLVE
    return table;
  }();
  return api;
}

}  // namespace runway::db::detail
