#pragma once

#include <cstdint>
#include <string>

namespace runway::report {

/// Flyway's duration format "mm:ss.SSSs", e.g. 1234 ms -> "00:01.234s".
std::string format_duration(std::int64_t milliseconds);

}  // namespace runway::report
