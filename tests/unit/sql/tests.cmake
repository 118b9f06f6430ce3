# Test executables for tests/unit/sql (see tests/CMakeLists.txt)
