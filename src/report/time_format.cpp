#include "runway/report/time_format.hpp"

#include <cstdio>

namespace runway::report {

std::string format_duration(std::int64_t milliseconds) {
  if (milliseconds < 0) milliseconds = 0;
  const std::int64_t minutes = milliseconds / 60000;
  const std::int64_t seconds = (milliseconds / 1000) % 60;
  const std::int64_t millis = milliseconds % 1000;
  char buf[64];
  std::snprintf(
      buf, sizeof buf, "%02lld:%02lld.%03llds", static_cast<long long>(minutes),
      static_cast<long long>(seconds), static_cast<long long>(millis));
  return buf;
}

}  // namespace runway::report
