# Test executables for tests/integration (see tests/CMakeLists.txt)
