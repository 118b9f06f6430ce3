# Test executables for tests/unit/db (see tests/CMakeLists.txt)
runway_add_test(db_unit_tests
  SOURCES unit/db/abbreviation_test.cpp
          unit/db/dynamic_library_test.cpp
          unit/db/lock_key_test.cpp
          unit/db/mysql_session_test.cpp
          unit/db/url_test.cpp
  LIBS runway_db
  LABEL unit)
# dynamic_library_test reads the db layer's private headers (and theirs).
target_include_directories(db_unit_tests SYSTEM PRIVATE
  ${PROJECT_SOURCE_DIR}/src ${MARIADB_INCLUDE_DIR} ${PostgreSQL_INCLUDE_DIRS}
  ${SQLite3_INCLUDE_DIRS})
target_link_libraries(db_unit_tests PRIVATE ZLIB::ZLIB)
