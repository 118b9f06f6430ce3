# Test executables for tests/unit/config (see tests/CMakeLists.txt)
runway_add_test(config_tests
  SOURCES
    unit/config/settings_table_test.cpp
    unit/config/suggest_test.cpp
    unit/config/toml_loader_test.cpp
    unit/config/conf_loader_test.cpp
    unit/config/env_loader_test.cpp
    unit/config/args_test.cpp
    unit/config/load_settings_test.cpp
    unit/config/config_files_test.cpp
    unit/config/describe_test.cpp
    unit/config/docs_test.cpp
  LIBS runway_config)
