// The MariaDB Connector/C functions the MySQL driver calls, resolved on
// first use (see dynamic_library.hpp for why). Private to src/db.
#pragma once

#include <errmsg.h>
#include <mysql.h>

namespace runway::db::detail {

// mysql_library_init is a macro for mysql_server_init in Connector/C.
// clang-format off
#define RUNWAY_LIBMARIADB_FUNCTIONS(X) \
  X(mariadb_get_infov)                 \
  X(mysql_affected_rows)               \
  X(mysql_close)                       \
  X(mysql_errno)                       \
  X(mysql_error)                       \
  X(mysql_fetch_fields)                \
  X(mysql_fetch_lengths)               \
  X(mysql_fetch_row)                   \
  X(mysql_field_count)                 \
  X(mysql_free_result)                 \
  X(mysql_get_server_info)             \
  X(mysql_get_ssl_cipher)              \
  X(mysql_get_server_version)          \
  X(mysql_init)                        \
  X(mysql_server_init)                 \
  X(mysql_next_result)                 \
  X(mysql_num_fields)                  \
  X(mysql_options)                     \
  X(mysql_optionsv)                    \
  X(mysql_query)                       \
  X(mysql_real_connect)                \
  X(mysql_real_escape_string)          \
  X(mysql_real_query)                  \
  X(mysql_sqlstate)                    \
  X(mysql_store_result)                \
  X(mysql_thread_id)                   \
  X(mysql_warning_count)
// clang-format on

/// One pointer per client function, named and typed as mysql.h declares it.
struct LibMariaDb {
#define RUNWAY_LIBMARIADB_POINTER(name) decltype(&::name) name = nullptr;
  RUNWAY_LIBMARIADB_FUNCTIONS(RUNWAY_LIBMARIADB_POINTER)
#undef RUNWAY_LIBMARIADB_POINTER
};

/// The client library, loaded and initialised on the first call
/// (thread-safe); throws ConnectionError when it is not installed.
const LibMariaDb& libmariadb();

}  // namespace runway::db::detail
