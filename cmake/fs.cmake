# Sources of the fs layer (owned by whoever works on src/fs).
set(RUNWAY_FS_SOURCES
  src/fs/text_decoder.cpp
  src/fs/script_reader.cpp
  src/fs/locations.cpp
  src/fs/location_pattern.cpp
  src/fs/migration_order.cpp
  src/fs/parallel_loop.cpp
  src/fs/scanner.cpp
)
