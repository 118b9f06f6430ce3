# Sources of the history layer (owned by whoever works on src/history).
set(RUNWAY_HISTORY_SOURCES
  src/history/history_ddl.cpp
  src/history/lock_key.cpp
  src/history/migration_lock.cpp
  src/history/mysql_named_lock.cpp
  src/history/postgres_advisory_lock.cpp
  src/history/schema_history.cpp
  src/history/sqlite_file_lock.cpp
)
