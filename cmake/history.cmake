# Sources of the history layer (owned by whoever works on src/history).
set(RUNWAY_HISTORY_SOURCES
)
