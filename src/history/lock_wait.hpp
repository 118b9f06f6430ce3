// Private to src/history: Flyway's lock retry rhythm (RetryStrategy). An
// attempt that fails is followed by a 1 s pause; then, if no retries are
// left, the wait is over: lockRetryCount = N gives N + 1 attempts, -1 never
// gives up. Who holds the lock is reported on the first failure and then
// about every 10 s. A stop request (SIGTERM/SIGINT, seen through the
// `interrupted` check the commands layer passes down) ends the wait within
// a fraction of a second: pauses sleep in short steps and check it, and the
// blocking attempts of each lock kind are either short enough to check
// between or, on PostgreSQL when the caller can cancel them, cancelled.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace runway::history::detail {

/// True once the run was asked to stop.
using InterruptCheck = std::function<bool()>;

/// How often a wait looks at the stop request.
inline constexpr std::chrono::milliseconds kInterruptPoll{100};

class LockWait {
 public:
  /// `waiting_for` names the lock in the interruption message, e.g.
  /// `the migration lock on "public"."flyway_schema_history" (...)`.
  explicit LockWait(int retry_count, InterruptCheck interrupted = {},
                    std::string waiting_for = "the migration lock")
      : retries_left_(retry_count),
        interrupted_(std::move(interrupted)),
        waiting_for_(std::move(waiting_for)) {}

  /// True when the holder should be reported now.
  bool should_report() {
    const auto now = std::chrono::steady_clock::now();
    if (last_report_ && now - *last_report_ < std::chrono::seconds(10)) {
      return false;
    }
    last_report_ = now;
    return true;
  }

  /// True when a stop was requested.
  bool interrupted() const { return interrupted_ && interrupted_(); }

  /// Throws Error(kMigration, "INTERRUPTED") when a stop was requested:
  /// "Interrupted while waiting for <waiting_for>; nothing was changed."
  void throw_if_interrupted() const;

  /// Called after a failed attempt that already waited `waited` (SQLite's
  /// busy handler and the PostgreSQL and MySQL attempts wait inside the
  /// attempt). Sleeps the rest of the second, in short steps that check
  /// for a stop request; returns false when no retries are left.
  bool pause_and_retry(
      std::chrono::milliseconds waited = std::chrono::milliseconds(0));

 private:
  int retries_left_;  // -1 = forever
  InterruptCheck interrupted_;
  std::string waiting_for_;
  std::optional<std::chrono::steady_clock::time_point> last_report_;
};

}  // namespace runway::history::detail
