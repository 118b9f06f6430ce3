# Test executables for tests/unit/sql (see tests/CMakeLists.txt)
runway_add_test(sql_tests
  SOURCES
    unit/sql/copy_from_stdin_test.cpp
    unit/sql/error_position_test.cpp
    unit/sql/mysql_splitter_test.cpp
    unit/sql/non_transactional_test.cpp
    unit/sql/pg_query_differential_test.cpp
    unit/sql/postgres_splitter_test.cpp
    unit/sql/sqlite_splitter_test.cpp
  LIBS runway_core ${PG_QUERY_LIB})
if(TARGET sql_tests)
  # libpg_query is PostgreSQL's parser, the referee of the differential test.
  target_include_directories(sql_tests SYSTEM PRIVATE ${PG_QUERY_INCLUDE_DIR})
endif()
