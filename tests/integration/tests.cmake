# Test executables for tests/integration (see tests/CMakeLists.txt)

# --- db and history layers (h4) ---
set(RUNWAY_DB_IT_SOURCES
  integration/db/connect_test.cpp
  integration/db/migration_lock_test.cpp
  integration/db/mysql_test.cpp
  integration/db/postgres_connection_test.cpp
  integration/db/schema_history_test.cpp
  integration/db/sqlite_connection_test.cpp
)
runway_add_test(db_integration_tests
  SOURCES ${RUNWAY_DB_IT_SOURCES} support/test_databases.cpp
  LIBS runway_db
  LABEL integration)

# --- commands baseline, repair, undo, clean (h6) ---
set(RUNWAY_COMMANDS_IT_SOURCES
  integration/commands/baseline_test.cpp
  integration/commands/clean_test.cpp
  integration/commands/command_harness.cpp
  integration/commands/repair_test.cpp
  integration/commands/undo_test.cpp
)
runway_add_test(commands_integration_tests
  SOURCES ${RUNWAY_COMMANDS_IT_SOURCES} support/test_databases.cpp
  LIBS runway_app
  LABEL integration)
