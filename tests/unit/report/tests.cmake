# Test executables for tests/unit/report (see tests/CMakeLists.txt)
