// The scan's reading threads (src/fs/parallel_loop.hpp): started before the
// work is known, every index run once, the first failure in index order
// reported, and nothing left running.
#include "fs/parallel_loop.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <future>
#include <stdexcept>
#include <string>
#include <vector>

#include "runway/fs/scanner.hpp"
#include "unit/fs/temp_dir.hpp"

using runway::fs::ParallelLoop;

namespace {

// Threads of this process, as the kernel lists them.
std::size_t thread_count() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& task :
       std::filesystem::directory_iterator("/proc/self/task"))
    ++n;
  return n;
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
  CHECK(thread_count() == before);
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
  CHECK(thread_count() == before);
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

TEST_CASE("a started scan has its reading threads before it returns",
          "[fs][parallel]") {
  // Connecting loads libpq while the scan runs, and glibc makes thread
  // creation wait for a library being loaded: the threads must exist first.
  if (runway::fs::ParallelLoop::threads_for_machine(4) < 2) {
    SUCCEED("one processor: the scan reads on its own thread only");
    return;
  }
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
  CHECK(thread_count() >= before + 2);  // the scan's own thread and a reader
  values.set_value(runway::PlaceholderOptions{});
  CHECK(scanning.get().migrations.size() == 2);
}
