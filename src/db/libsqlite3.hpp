// The SQLite functions the SQLite driver calls, resolved on first use (see
// dynamic_library.hpp for why). Private to src/db.
#pragma once

#include <sqlite3.h>

namespace runway::db::detail {

// clang-format off
#define RUNWAY_LIBSQLITE3_FUNCTIONS(X) \
  X(sqlite3_bind_int)                  \
  X(sqlite3_bind_int64)                \
  X(sqlite3_bind_null)                 \
  X(sqlite3_bind_text)                 \
  X(sqlite3_close)                     \
  X(sqlite3_column_bytes)              \
  X(sqlite3_column_count)              \
  X(sqlite3_column_name)               \
  X(sqlite3_column_text)               \
  X(sqlite3_column_type)               \
  X(sqlite3_errcode)                   \
  X(sqlite3_errmsg)                    \
  X(sqlite3_exec)                      \
  X(sqlite3_finalize)                  \
  X(sqlite3_get_autocommit)            \
  X(sqlite3_interrupt)                 \
  X(sqlite3_libversion_number)         \
  X(sqlite3_open_v2)                   \
  X(sqlite3_prepare_v2)                \
  X(sqlite3_step)                      \
  X(sqlite3_total_changes)
// clang-format on

/// One pointer per SQLite function, named and typed as sqlite3.h declares
/// it.
struct LibSqlite3 {
#define RUNWAY_LIBSQLITE3_POINTER(name) decltype(&::name) name = nullptr;
  RUNWAY_LIBSQLITE3_FUNCTIONS(RUNWAY_LIBSQLITE3_POINTER)
#undef RUNWAY_LIBSQLITE3_POINTER
};

/// libsqlite3, loaded on the first call (thread-safe); throws
/// ConnectionError when it is not installed.
const LibSqlite3& libsqlite3();

}  // namespace runway::db::detail
