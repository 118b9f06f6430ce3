# Sources of the db layer (owned by whoever works on src/db).
set(RUNWAY_DB_SOURCES
  src/db/clean.cpp
  src/db/connect.cpp
  src/db/dynamic_library.cpp
  src/db/identifiers.cpp
  src/db/libmariadb.cpp
  src/db/libpq.cpp
  src/db/mysql_connection.cpp
  src/db/mysql_params.cpp
  src/db/postgres_conninfo.cpp
  src/db/postgres_connection.cpp
  src/db/schema_ops.cpp
  src/db/sqlite_connection.cpp
  src/db/url.cpp
  src/db/url_forms.cpp
  src/db/url_mask.cpp
)
