# Test executables for tests/unit/db (see tests/CMakeLists.txt)
runway_add_test(db_unit_tests
  SOURCES unit/db/abbreviation_test.cpp
          unit/db/lock_key_test.cpp
          unit/db/url_test.cpp
  LIBS runway_db
  LABEL unit)
