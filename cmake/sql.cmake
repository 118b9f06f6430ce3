# Sources of the sql layer (owned by whoever works on src/sql).
set(RUNWAY_SQL_SOURCES
)
