# Test executables for tests/unit/sql (see tests/CMakeLists.txt)
runway_add_test(sql_tests
  SOURCES
    unit/sql/copy_from_stdin_test.cpp
    unit/sql/mysql_splitter_test.cpp
    unit/sql/non_transactional_test.cpp
    unit/sql/postgres_splitter_test.cpp
    unit/sql/sqlite_splitter_test.cpp
  LIBS runway_core)
