# Sources of the commands layer.
set(RUNWAY_COMMANDS_SOURCES
  src/commands/apply_migration.cpp
  src/commands/callbacks.cpp
  src/commands/context.cpp
  src/commands/executor.cpp
  src/commands/info.cpp
  src/commands/migrate.cpp
  src/commands/product_version.cpp
  src/commands/run_command.cpp
  src/commands/validate.cpp
  src/commands/baseline.cpp
  src/commands/repair.cpp
  src/commands/undo.cpp
  src/commands/clean.cpp
)
