# Test executables for tests/unit/core (see tests/CMakeLists.txt)
