# Deployment tests (h7): the init-container race, and checks that the
# Dockerfile, deploy/ manifests and docs/deploy.md agree with the binary.
# Included from tests/CMakeLists.txt as include(deploy/tests.cmake).
runway_add_test(deploy_tests
  SOURCES
    deploy/init_container_race_test.cpp
    cli/process.cpp
    support/test_databases.cpp
  LIBS runway_db
  LABEL cli)
add_dependencies(deploy_tests runway)

find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME deploy_manifests
           COMMAND ${Python3_EXECUTABLE}
                   ${PROJECT_SOURCE_DIR}/tests/deploy/check_deploy.py
                   --runway $<TARGET_FILE:runway>)
  set_tests_properties(deploy_manifests PROPERTIES LABELS cli TIMEOUT 300)
endif()
