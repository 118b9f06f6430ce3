# Sources of the db layer (owned by whoever works on src/db).
set(RUNWAY_DB_SOURCES
  src/db/identifiers.cpp
)
