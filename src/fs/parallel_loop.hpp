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
  /// threads, and run() then does the work with those it has). `guests`
  /// more threads of the caller's may join in later (join_in).
  explicit ParallelLoop(unsigned threads, unsigned guests = 0);
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

  /// Lends the calling thread to the loop as guest number `guest`: waits
  /// for run() to begin, takes indexes with the others until none is left,
  /// and returns; run() waits for a guest's index in progress. Returns at
  /// once when `guest` is not below the constructor's `guests` (there is no
  /// per-thread state for it), once run() has ended, or after close(). A
  /// thread with work of its own while the loop begins joins in when that
  /// work is done, and the loop then has its processor.
  void join_in(unsigned guest);

  /// Lets waiting guests go: the loop will not run (its owner failed before
  /// run()) or has run.
  void close();

  /// The thread numbers work() may see: the caller's, the helpers', the
  /// guests'.
  unsigned threads() const {
    return static_cast<unsigned>(helpers_.size()) + 1 + guests_;
  }

  /// Whether thread number `thread` is a guest's (join_in).
  bool is_guest(unsigned thread) const { return thread > helpers_.size(); }

  /// The number of threads worth using on this machine, at most `limit`.
  static unsigned threads_for_machine(unsigned limit);

 private:
  void help(unsigned thread);
  void drain(unsigned thread);

  std::mutex mutex_;
  std::condition_variable started_;
  std::condition_variable guests_left_;
  bool open_ = false;    // run() began, or the loop is going away
  bool closed_ = false;  // run() ended or never will: guests stay away
  unsigned guests_ = 0;
  unsigned guests_in_ = 0;  // guests inside drain()
  const Work* work_ = nullptr;
  std::size_t count_ = 0;
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> first_failed_{0};
  std::vector<std::exception_ptr> errors_;
  std::vector<std::thread> helpers_;
};

}  // namespace runway::fs
