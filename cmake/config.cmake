# Sources of the config layer (owned by whoever works on src/config), plus the
# argv parsing in src/cli/args*.cpp, which compiles into runway_config too.
set(RUNWAY_CONFIG_SOURCES
  src/config/redact.cpp
  src/config/settings_table.cpp
  src/config/suggest.cpp
  src/config/assignment.cpp
  src/config/key_routing.cpp
  src/config/resolvers.cpp
  src/config/toml_loader.cpp
  src/config/conf_loader.cpp
  src/config/env_loader.cpp
  src/config/cli_loader.cpp
  src/config/config_files.cpp
  src/config/typed_value.cpp
  src/config/merge_settings.cpp
  src/config/load_settings.cpp
  src/config/describe.cpp
  src/config/config_reference.cpp
  src/cli/args_normalize.cpp
  src/cli/args_parse.cpp
  src/cli/args_help.cpp
)

# Prints docs/configuration.md (a unit test checks the committed file):
#   cmake --build <build> --target runway_config_doc
#   <build>/runway_config_doc > docs/configuration.md
add_executable(runway_config_doc EXCLUDE_FROM_ALL
               src/config/config_reference_main.cpp)
target_compile_options(runway_config_doc PRIVATE ${RUNWAY_WARNINGS})
target_link_libraries(runway_config_doc PRIVATE runway_config)
