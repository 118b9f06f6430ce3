# Sources of the commands layer.
set(RUNWAY_COMMANDS_SOURCES
  src/commands/product_version.cpp
)
