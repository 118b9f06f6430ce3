# Reliability and security under faults, races and hostile input: the
# runway binary run as a process against real PostgreSQL, SQLite and
# MariaDB (and a private PostgreSQL cluster for the server restart).
# The short runs are labelled `integration`; the long crash trials `long`
# (scripts/test.sh skips -L long unless --long).
set(runway_reliability_support
    reliability/reliability_support.cpp
    reliability/private_postgres.cpp
    cli/process.cpp
    support/test_databases.cpp)

runway_add_test(reliability_tests
  SOURCES
    reliability/crash_test.cpp
    reliability/lost_connection_test.cpp
    reliability/server_restart_test.cpp
    reliability/mysql_faults_test.cpp
    reliability/hostile_input_test.cpp
    reliability/secrets_test.cpp
    reliability/identifier_test.cpp
    reliability/crash_trials.cpp
    ${runway_reliability_support}
  LIBS runway_db nlohmann_json::nlohmann_json
  LABEL integration)
add_dependencies(reliability_tests runway)

runway_add_test(reliability_long_tests
  SOURCES
    reliability/crash_long_test.cpp
    reliability/big_statement_test.cpp
    reliability/crash_trials.cpp
    ${runway_reliability_support}
  LIBS runway_db nlohmann_json::nlohmann_json
  LABEL long)
add_dependencies(reliability_long_tests runway)
