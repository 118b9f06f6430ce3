// The client libraries are opened on first use (src/db/dynamic_library.hpp):
// a missing library or function must be a clear ConnectionError, and the
// real libpq and MariaDB tables must resolve completely.
#include "db/dynamic_library.hpp"

#include <zlib.h>

#include <catch2/catch.hpp>

#include "db/libmariadb.hpp"
#include "db/libpq.hpp"
#include "db/libsqlite3.hpp"
#include "runway/db/connection.hpp"

using namespace runway::db;
using namespace runway::db::detail;

TEST_CASE("a missing client library names the package to install",
          "[db][dynamic]") {
  try {
    DynamicLibrary("libnot-there.so.9", "Frobnicator", "libfrob9");
    FAIL("no error");
  } catch (const ConnectionError& e) {
    const std::string message = e.what();
    CHECK(message.starts_with(
        "Frobnicator support needs the client library libnot-there.so.9, "
        "which could not be loaded ("));
    CHECK(message.ends_with("). Install the libfrob9 package."));
  }
}

TEST_CASE("functions are resolved by name with their declared type",
          "[db][dynamic]") {
  const DynamicLibrary zlib("libz.so.1", "zlib", "zlib1g");
  auto version = zlib.function<decltype(&::zlibVersion)>("zlibVersion");
  CHECK(std::string(version()) == std::string(ZLIB_VERSION));
  CHECK_THROWS_WITH(zlib.function<void (*)()>("no_such_function"),
                    "The client library libz.so.1 has no no_such_function; "
                    "install a newer version of it.");
}

TEST_CASE(
    "libpq, the MariaDB client and SQLite resolve every function they need",
    "[db][dynamic]") {
  const LibPq& pq = libpq();
#define RUNWAY_CHECK_POINTER(name) CHECK(pq.name != nullptr);
  RUNWAY_LIBPQ_FUNCTIONS(RUNWAY_CHECK_POINTER)
#undef RUNWAY_CHECK_POINTER
  CHECK(&libpq() == &pq);  // loaded once

  const LibMariaDb& maria = libmariadb();
#define RUNWAY_CHECK_POINTER(name) CHECK(maria.name != nullptr);
  RUNWAY_LIBMARIADB_FUNCTIONS(RUNWAY_CHECK_POINTER)
#undef RUNWAY_CHECK_POINTER

  const LibSqlite3& sqlite = libsqlite3();
#define RUNWAY_CHECK_POINTER(name) CHECK(sqlite.name != nullptr);
  RUNWAY_LIBSQLITE3_FUNCTIONS(RUNWAY_CHECK_POINTER)
#undef RUNWAY_CHECK_POINTER
  CHECK(sqlite.sqlite3_libversion_number() == SQLITE_VERSION_NUMBER);
}
