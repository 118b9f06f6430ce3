#include "libmariadb.hpp"

#include "dynamic_library.hpp"

namespace runway::db::detail {

const LibMariaDb& libmariadb() {
  static const LibMariaDb api = [] {
    const DynamicLibrary library(RUNWAY_LIBMARIADB_SONAME, "MySQL/MariaDB",
                                 "libmariadb3");
    LibMariaDb table;
#define RUNWAY_LIBMARIADB_RESOLVE(name) \
  table.name = library.function<decltype(&::name)>(#name);
    RUNWAY_LIBMARIADB_FUNCTIONS(RUNWAY_LIBMARIADB_RESOLVE)
#undef RUNWAY_LIBMARIADB_RESOLVE
    table.mysql_server_init(0, nullptr, nullptr);
    return table;
  }();
  return api;
}

}  // namespace runway::db::detail
