// A loop over indexes run by a few threads, whose threads are started
// before the loop's size is known.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace runway::fs {

/// Starts its helper threads on construction, in the constructing thread;
/// run() later hands them the work. A scan lists and orders its files first,
/// on one thread, then reads them on several: the helpers exist before that
/// while the caller may be loading a shared library (libpq). glibc's
/// pthread_create waits for any dlopen in progress, so threads created then
/// would start only once libpq is loaded.
class ParallelLoop {
 public:
  /// `threads` in all, counting the one that will call run(): threads - 1
  /// helpers start now (none for 0 or 1; fewer if the system refuses more
  /// threads, and run() then does the work with those it has).
  explicit ParallelLoop(unsigned threads);
  /// Joins the helpers; ones never given work leave at once.
  ~ParallelLoop();
  ParallelLoop(const ParallelLoop&) = delete;
  ParallelLoop& operator=(const ParallelLoop&) = delete;

  /// work(index, thread) for each index in 0..count-1.
  using Work = std::function<void(std::size_t, unsigned)>;

  /// Runs work(0..count-1), each index once, on the calling thread and the
  /// helpers, and returns when all are done (the helpers have then left:
  /// call once). `thread` is the running thread's number, below threads():
  /// state kept per number is never used by two threads at once. If any
  /// throw, the exception of the lowest index is rethrown, the one a
  /// sequential loop would have met first; indexes past a failed one may be
  /// skipped.
  void run(std::size_t count, const Work& work);

  /// The threads run() uses, the caller's included.
  unsigned threads() const {
    return static_cast<unsigned>(helpers_.size()) + 1;
  }

  /// The number of threads worth using on this machine, at most `limit`.
  static unsigned threads_for_machine(unsigned limit);

 private:
  void help(unsigned thread);
  void drain(unsigned thread);

  std::mutex mutex_;
  std::condition_variable started_;
  bool open_ = false;  // run() began, or the loop is going away
  const Work* work_ = nullptr;
  std::size_t count_ = 0;
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> first_failed_{0};
  std::vector<std::exception_ptr> errors_;
  std::vector<std::thread> helpers_;
};

}  // namespace runway::fs
