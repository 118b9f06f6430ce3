# Test executables for tests/cli (see tests/CMakeLists.txt)
