# Unit tests of the commands layer's pure decisions (no database).
runway_add_test(commands_tests
  SOURCES
    unit/commands/info_filter_test.cpp
  LIBS runway_app)
# info_filter_test reads the commands layer's private header.
target_include_directories(commands_tests PRIVATE ${PROJECT_SOURCE_DIR}/src)
