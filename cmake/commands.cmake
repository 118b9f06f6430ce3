# Sources of the commands layer (owned by whoever works on src/commands).
set(RUNWAY_COMMANDS_SOURCES
)
