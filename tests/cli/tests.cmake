# The runway binary run as a process.
runway_add_test(cli_tests
  SOURCES
    cli/cli_test.cpp
    cli/config_cli_test.cpp
    cli/interop_test.cpp
    cli/migrate_e2e_test.cpp
    cli/migrate_options_test.cpp
    cli/mysql_e2e_test.cpp
    cli/process.cpp
    support/test_databases.cpp
  LIBS runway_db nlohmann_json::nlohmann_json
  LABEL cli)
add_dependencies(cli_tests runway)
