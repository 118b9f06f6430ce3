# Sources of the cli layer (owned by whoever works on src/cli).
set(RUNWAY_CLI_SOURCES
  src/cli/main.cpp
)
