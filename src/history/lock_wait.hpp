// Private to src/history: Flyway's lock retry rhythm (RetryStrategy). An
// attempt that fails is followed by a 1 s pause; then, if no retries are
// left, the wait is over: lockRetryCount = N gives N + 1 attempts, -1 never
// gives up. Who holds the lock is reported on the first failure and then
// about every 10 s.
#pragma once

#include <chrono>
#include <optional>

namespace runway::history::detail {

class LockWait {
 public:
  explicit LockWait(int retry_count) : retries_left_(retry_count) {}

  /// True when the holder should be reported now.
  bool should_report() {
    const auto now = std::chrono::steady_clock::now();
    if (last_report_ && now - *last_report_ < std::chrono::seconds(10)) {
      return false;
    }
    last_report_ = now;
    return true;
  }

  /// Called after a failed attempt that already waited `waited` (SQLite's
  /// busy handler waits inside the attempt). Sleeps the rest of the second;
  /// returns false when no retries are left.
  bool pause_and_retry(
      std::chrono::milliseconds waited = std::chrono::milliseconds(0));

 private:
  int retries_left_;  // -1 = forever
  std::optional<std::chrono::steady_clock::time_point> last_report_;
};

}  // namespace runway::history::detail
