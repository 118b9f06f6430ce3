# Test executables for tests/unit/sql (see tests/CMakeLists.txt)
runway_add_test(sql_tests
  SOURCES
    unit/sql/postgres_splitter_test.cpp
  LIBS runway_core)
