# Test executables for tests/unit/db (see tests/CMakeLists.txt)
