#include "parallel_loop.hpp"

#include <algorithm>
#include <system_error>

namespace runway::fs {

ParallelLoop::ParallelLoop(unsigned threads, unsigned guests)
    : guests_(guests) {
  helpers_.reserve(threads);
  for (unsigned t = 1; t < threads; ++t) {
    try {
      helpers_.emplace_back([this, t] { help(t); });
    } catch (const std::system_error&) {
      break;  // no thread to be had (a pids limit): fewer helpers, not none
    }
  }
}

ParallelLoop::~ParallelLoop() {
  close();
  for (std::thread& helper : helpers_) {
    if (helper.joinable()) helper.join();
  }
}

void ParallelLoop::close() {
  {
    std::lock_guard lock(mutex_);
    open_ = true;  // work_ stays null for helpers that never got any
    closed_ = true;
  }
  started_.notify_all();
}

void ParallelLoop::join_in(unsigned guest) {
  if (guest >= guests_) return;  // no slot (state per thread number) for it
  {
    std::unique_lock lock(mutex_);
    started_.wait(lock, [this] { return open_; });
    if (work_ == nullptr || closed_) return;
    ++guests_in_;
  }
  drain(static_cast<unsigned>(helpers_.size()) + 1 + guest);
  {
    std::lock_guard lock(mutex_);
    --guests_in_;
  }
  guests_left_.notify_all();
}

unsigned ParallelLoop::threads_for_machine(unsigned limit) {
  return std::clamp(std::thread::hardware_concurrency(), 1u,
                    std::max(1u, limit));
}

void ParallelLoop::help(unsigned thread) {
  {
    std::unique_lock lock(mutex_);
    started_.wait(lock, [this] { return open_; });
    if (work_ == nullptr) return;
  }
  drain(thread);
}

void ParallelLoop::run(std::size_t count, const Work& work) {
  errors_.assign(count, nullptr);
  first_failed_ = count;
  next_ = 0;
  {
    std::lock_guard lock(mutex_);
    count_ = count;
    work_ = &work;
    open_ = true;
  }
  started_.notify_all();
  drain(0);
  for (std::thread& helper : helpers_) helper.join();
  {
    std::unique_lock lock(mutex_);
    guests_left_.wait(lock, [this] { return guests_in_ == 0; });
    closed_ = true;
    work_ = nullptr;
  }
  for (const std::exception_ptr& error : errors_) {
    if (error) std::rethrow_exception(error);
  }
}

void ParallelLoop::drain(unsigned thread) {
  for (std::size_t i = next_++; i < count_; i = next_++) {
    if (i > first_failed_) continue;  // a sequential loop would not get here
    try {
      (*work_)(i, thread);
    } catch (...) {
      errors_[i] = std::current_exception();
      std::size_t seen = first_failed_;
      while (i < seen && !first_failed_.compare_exchange_weak(seen, i)) {
      }
    }
  }
}

}  // namespace runway::fs
