// The scan's reading threads (src/fs/parallel_loop.hpp): started before the
// work is known, every index run once, the first failure in index order
// reported, and nothing left running.
#include "fs/parallel_loop.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "runway/fs/scanner.hpp"
#include "unit/fs/temp_dir.hpp"

using runway::fs::ParallelLoop;

namespace {

// Threads of this process, as the kernel lists them.
std::size_t thread_count() {
  return runway::testing::entries_of("/proc/self/task");
}

// The thread count once it has come down to `expected`, or what it is
// after a second: a joined thread has finished its work, but the kernel
// may list it in /proc/self/task for a moment more.
std::size_t settled_thread_count(std::size_t expected) {
  std::size_t count = thread_count();
  for (int i = 0; i < 100 && count != expected; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    count = thread_count();
  }
  return count;
}

}  // namespace

TEST_CASE("a parallel loop starts its helpers before it is given work",
          "[fs][parallel]") {
  const std::size_t before = thread_count();
  {
    ParallelLoop loop(3);
    CHECK(thread_count() == before + 2);
  }
  // Never given work, they leave with the loop.
  CHECK(settled_thread_count(before) == before);
}

TEST_CASE("a parallel loop runs each index once and leaves no thread behind",
          "[fs][parallel]") {
  const std::size_t before = thread_count();
  std::vector<std::atomic<int>> runs(5000);
  ParallelLoop loop(4);
  const unsigned threads = loop.threads();
  CHECK(threads == 4);
  // A thread number is never in use twice at once (per-number state, like
  // the scan's read buffers, needs no lock).
  std::vector<std::atomic<bool>> busy(threads);
  std::atomic<int> overlaps{0}, out_of_range{0};
  loop.run(runs.size(), [&](std::size_t i, unsigned thread) {
    if (thread >= threads) {
      ++out_of_range;
      return;
    }
    if (busy[thread].exchange(true)) ++overlaps;
    ++runs[i];
    busy[thread] = false;
  });
  CHECK(out_of_range == 0);
  CHECK(overlaps == 0);
  CHECK(settled_thread_count(before) == before);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    INFO("index " << i);
    REQUIRE(runs[i] == 1);
  }
}

TEST_CASE("a parallel loop of nothing, or on one thread, still runs",
          "[fs][parallel]") {
  int calls = 0;
  ParallelLoop none(3);
  none.run(0, [&](std::size_t, unsigned) { ++calls; });
  CHECK(calls == 0);
  ParallelLoop alone(1);
  std::vector<std::size_t> order;
  alone.run(4, [&](std::size_t i, unsigned) { order.push_back(i); });
  CHECK(order == std::vector<std::size_t>{0, 1, 2, 3});
}

TEST_CASE("a parallel loop reports the failure a sequential loop meets first",
          "[fs][parallel]") {
  ParallelLoop loop(4);
  std::atomic<int> ran_first{0};
  try {
    loop.run(1000, [&](std::size_t i, unsigned) {
      if (i == 0) ++ran_first;
      if (i == 700) throw std::runtime_error("index 700");
      if (i == 300) throw std::runtime_error("index 300");
    });
    FAIL("no error");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "index 300");
  }
  CHECK(ran_first == 1);
}

TEST_CASE("a guest thread joins a running loop and shares its indexes",
          "[fs][parallel]") {
  ParallelLoop loop(1, 1);  // the caller of run() and one guest, no helper
  CHECK(loop.threads() == 2);
  CHECK_FALSE(loop.is_guest(0));
  CHECK(loop.is_guest(1));
  // Each side's first index waits for the other side's first: both finish
  // only if the two threads really took indexes side by side (10 s: a
  // failure, not a hang).
  std::promise<void> runner_began, guest_began;
  std::shared_future<void> runner_in = runner_began.get_future().share();
  std::shared_future<void> guest_in = guest_began.get_future().share();
  std::atomic<bool> runner_first{true}, guest_first{true};
  std::atomic<bool> runner_met{false}, guest_met{false};
  std::atomic<int> by_guest{0};
  std::vector<std::atomic<int>> runs(200);
  const auto meet = [](std::promise<void>& mine,
                       const std::shared_future<void>& theirs) {
    mine.set_value();
    return theirs.wait_for(std::chrono::seconds(10)) ==
           std::future_status::ready;
  };
  std::thread runner([&] {
    loop.run(runs.size(), [&](std::size_t i, unsigned thread) {
      ++runs[i];
      if (thread == 1) {
        ++by_guest;
        if (guest_first.exchange(false))
          guest_met = meet(guest_began, runner_in);
      } else if (runner_first.exchange(false)) {
        runner_met = meet(runner_began, guest_in);
      }
    });
  });
  loop.join_in(0);
  runner.join();
  CHECK(runner_met);
  CHECK(guest_met);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    INFO("index " << i);
    REQUIRE(runs[i] == 1);
  }
  // Late: the loop has run, the guest leaves at once with nothing done.
  const int seen = by_guest;
  loop.join_in(0);
  CHECK(by_guest == seen);
}

TEST_CASE("a loop without a slot for a guest turns it away", "[fs][parallel]") {
  // One processor: start_scan makes no guest slot, and help() must not
  // read with a thread number no per-thread state was made for.
  ParallelLoop loop(1);
  std::atomic<unsigned> highest{0};
  std::thread runner([&] {
    loop.run(500, [&](std::size_t, unsigned thread) {
      unsigned seen = highest;
      while (thread > seen && !highest.compare_exchange_weak(seen, thread)) {
      }
      std::this_thread::sleep_for(std::chrono::microseconds(20));
    });
  });
  loop.join_in(0);  // returns at once
  runner.join();
  CHECK(highest == 0);
}

TEST_CASE("a guest waiting for a loop that will not run is let go",
          "[fs][parallel]") {
  ParallelLoop loop(1, 1);
  std::atomic<bool> returned{false};
  std::thread guest([&] {
    loop.join_in(0);
    returned = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK_FALSE(returned);  // waits for run(), which has not begun
  loop.close();           // its owner failed before run()
  guest.join();
  CHECK(returned);
}

TEST_CASE("a started scan has its reading threads before it returns",
          "[fs][parallel]") {
  // Connecting loads libpq while the scan runs, and glibc makes thread
  // creation wait for a library being loaded: the threads must exist first.
  // The scan's own thread reads, with helpers on machines of more than two
  // processors; the caller's thread is the last reader (help()).
  const unsigned threads = runway::fs::ParallelLoop::threads_for_machine(4);
  const std::size_t readers = threads > 1 ? threads - 1 : 1;
  runway::testing::TempDir dir;
  dir.write("R__a.sql", "SELECT 1;\n");
  dir.write("R__b.sql", "SELECT 2;\n");
  runway::fs::ScanOptions options;
  options.locations = {"filesystem:" + dir.path().string()};
  // Repeatables wait for the placeholder values: the scan cannot end before
  // the threads are counted.
  std::promise<runway::PlaceholderOptions> values;
  options.resolve_placeholders = [ready = values.get_future().share()] {
    return ready.get();
  };
  const std::size_t before = thread_count();
  auto scanning = runway::fs::start_scan(options);
  CHECK(thread_count() >= before + readers);
  values.set_value(runway::PlaceholderOptions{});
  CHECK(scanning.get().migrations.size() == 2);
}

TEST_CASE("a caller that helps its started scan reads at its own priority",
          "[fs][parallel]") {
  // V1 has a .sql.conf: reading it asks for the placeholder values, and the
  // scan's own thread, which takes it first, waits there until released.
  // The caller's help() then returns only after reading the 299 others
  // itself, which its own CPU time shows.
  runway::testing::TempDir dir;
  dir.write("V1__m.sql.conf", "executeInTransaction=true\n");
  for (int i = 1; i <= 300; ++i)
    dir.write("V" + std::to_string(i) + "__m.sql", "SELECT 1;\n");
  runway::fs::ScanOptions options;
  options.locations = {"filesystem:" + dir.path().string()};
  std::promise<void> asked, release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> released_in_time{false};
  options.resolve_placeholders = [&asked, released, &released_in_time] {
    asked.set_value();
    // 10 s: a failure, not a hang.
    released_in_time = released.wait_for(std::chrono::seconds(10)) ==
                       std::future_status::ready;
    return runway::PlaceholderOptions{};
  };
  const auto thread_cpu_us = [] {
    timespec t{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1000000L + t.tv_nsec / 1000;
  };
  // On a thread of its own: the test runner's priority is left alone
  // whatever happens.
  std::size_t found = 0;
  long help_cpu_us = 0;
  int priority_after = -100;
  int priority_before = -100;
  std::thread caller([&] {
    priority_before =
        ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
    auto scanning = runway::fs::start_scan(options);
    asked.get_future().wait();
    const long before = thread_cpu_us();
    scanning.help();
    help_cpu_us = thread_cpu_us() - before;
    priority_after = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
    release.set_value();
    found = scanning.get().migrations.size();
    scanning.help();  // after the end: returns at once
  });
  caller.join();
  CHECK(released_in_time);  // help() did not wait for the scan's thread
  CHECK(found == 300);
  // 299 files opened, read and checksummed take well over 0.2 ms of CPU;
  // a help() that read nothing takes microseconds. (On a machine of more
  // than two processors the scan's helpers share the files.)
  if (runway::fs::ParallelLoop::threads_for_machine(4) <= 2)
    CHECK(help_cpu_us > 200);
  CHECK(priority_after == priority_before);
}
