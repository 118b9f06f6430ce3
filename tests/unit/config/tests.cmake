# Test executables for tests/unit/config (see tests/CMakeLists.txt)
