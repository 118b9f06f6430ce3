# Test executables for tests/unit/core (see tests/CMakeLists.txt).
# One executable for the core and fs units; append sources to the list.
set(RUNWAY_CORE_TEST_SOURCES
  unit/core/version_test.cpp
  unit/core/file_name_test.cpp
  unit/core/checksum_test.cpp
  unit/core/placeholders_test.cpp
  unit/core/script_config_test.cpp
  unit/fs/script_reader_test.cpp
  unit/fs/scanner_test.cpp
  unit/fs/location_pattern_test.cpp
  unit/fs/scanner_errors_test.cpp
  unit/fs/scanner_supply_test.cpp
  unit/fs/parallel_loop_test.cpp
  unit/fs/text_decoder_test.cpp
  unit/core/migration_state_test.cpp
  unit/core/target_test.cpp
  unit/core/ignore_patterns_test.cpp
  unit/core/merge_states_test.cpp
  unit/core/merge_options_test.cpp
  unit/core/validate_test.cpp
  unit/core/plan_migrate_test.cpp
  unit/core/plan_undo_test.cpp
  unit/core/plan_repair_test.cpp
  unit/core/baseline_marker_test.cpp
)
runway_add_test(core_tests SOURCES ${RUNWAY_CORE_TEST_SOURCES} LIBS runway_core)
# parallel_loop_test and text_decoder_test read the fs layer's private
# headers.
target_include_directories(core_tests PRIVATE ${PROJECT_SOURCE_DIR}/src)
