# The runway binary run as a process.
runway_add_test(cli_tests
  SOURCES
    cli/cli_test.cpp
    cli/process.cpp
  LIBS nlohmann_json::nlohmann_json
  LABEL cli)
add_dependencies(cli_tests runway)
