# Sources of the sql layer (owned by whoever works on src/sql).
set(RUNWAY_SQL_SOURCES
  src/sql/char_reader.cpp
  src/sql/classify.cpp
  src/sql/error_position.cpp
  src/sql/make_splitter.cpp
  src/sql/mysql_splitter.cpp
  src/sql/postgres_splitter.cpp
  src/sql/scanner.cpp
  src/sql/sqlite_splitter.cpp
)
