# Sources of the core layer (owned by whoever works on src/core).
set(RUNWAY_CORE_SOURCES
  src/core/migration.cpp
  src/core/version.cpp
  src/core/file_name.cpp
  src/core/checksum.cpp
  src/core/placeholders.cpp
  src/core/script_config.cpp
)
