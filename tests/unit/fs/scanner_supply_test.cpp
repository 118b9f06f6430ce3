// The scanner's inputs and controls: placeholder values asked for only
// when a script needs them (the database may still be connecting), symbolic
// links, cancelling, and giving way to a runner that holds the lock.
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>

#include "runway/core/checksum.hpp"
#include "runway/core/error.hpp"
#include "runway/fs/scanner.hpp"
#include "unit/fs/temp_dir.hpp"

namespace runway::fs {
namespace {

using runway::testing::TempDir;

ScanOptions counting_options(const TempDir& dir, std::atomic<int>& calls) {
  ScanOptions options;
  options.locations = {"filesystem:" + dir.path().string()};
  options.resolve_placeholders = [&calls] {
    ++calls;
    PlaceholderOptions values;
    values.values = {{"who", "alice"}};
    return values;
  };
  return options;
}

}  // namespace

TEST_CASE("placeholder values are not asked for when no script needs them",
          "[fs][scanner]") {
  TempDir dir;
  for (int i = 1; i <= 300; ++i)
    dir.write("V" + std::to_string(i) + "__v.sql", "SELECT '${who}';\n");
  std::atomic<int> calls{0};
  ScanResult result = scan_locations(counting_options(dir, calls));
  CHECK(result.migrations.size() == 300);
  CHECK(calls == 0);
  // Versioned checksums are of the raw text, placeholder and all.
  CHECK(result.migrations.front().checksum ==
        checksum_of("SELECT '${who}';\n"));
}

TEST_CASE(
    "placeholder values are asked for once however many scripts need "
    "them",
    "[fs][scanner]") {
  TempDir dir;
  // Enough repeatables for several reading threads to need them at once.
  for (int i = 1; i <= 600; ++i)
    dir.write("R__r" + std::to_string(i) + ".sql", "SELECT '${who}';\n");
  dir.write("V1__v.sql.conf", "executeInTransaction=${tx}\n");
  dir.write("V1__v.sql", "SELECT 1;\n");
  std::atomic<int> calls{0};
  ScanOptions options = counting_options(dir, calls);
  options.resolve_placeholders = [&calls] {
    ++calls;
    PlaceholderOptions values;
    values.values = {{"who", "alice"}, {"tx", "false"}};
    return values;
  };
  ScanResult result = scan_locations(options);
  REQUIRE(result.migrations.size() == 601);
  CHECK(calls == 1);
  CHECK(result.migrations.front().config.execute_in_transaction == false);
  for (const ResolvedMigration& m : result.migrations) {
    if (m.version) continue;
    CHECK(m.checksum == checksum_of("SELECT 'alice';\n"));
  }
}

TEST_CASE("a failure to supply placeholder values fails the scan",
          "[fs][scanner]") {
  TempDir dir;
  dir.write("V1__v.sql", "SELECT 1;\n");
  dir.write("R__r.sql", "SELECT '${who}';\n");
  ScanOptions options;
  options.locations = {"filesystem:" + dir.path().string()};
  options.resolve_placeholders = []() -> PlaceholderOptions {
    throw ConfigError("no database to ask");
  };
  CHECK_THROWS_WITH(scan_locations(options), "no database to ask");
}

TEST_CASE("a background scan reads on threads of the lowest priority",
          "[fs][scanner]") {
  TempDir dir;
  for (int i = 1; i <= 400; ++i)
    dir.write("R__r" + std::to_string(i) + ".sql", "SELECT 1;\n");
  ScanOptions options;
  options.locations = {"filesystem:" + dir.path().string()};
  options.background = true;
  std::atomic<int> priority{-100};
  // Called on a reading thread, after it was lowered.
  options.resolve_placeholders = [&priority] {
    priority = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
    return PlaceholderOptions{};
  };
  const int before = ::getpriority(PRIO_PROCESS, 0);
  std::size_t found = 0;
  std::thread scanning(
      [&] { found = scan_locations(options).migrations.size(); });
  scanning.join();
  CHECK(found == 400);
  CHECK(priority == 19);
  CHECK(::getpriority(PRIO_PROCESS, 0) == before);  // this thread untouched
}

TEST_CASE("a cancelled scan stops before reading its files", "[fs][scanner]") {
  TempDir dir;
  dir.write("V1__v.sql", "SELECT 1;\n");
  ScanOptions options;
  options.locations = {"filesystem:" + dir.path().string()};
  auto cancelled = std::make_shared<std::atomic<bool>>(false);
  options.cancelled = cancelled;
  CHECK(scan_locations(options).migrations.size() == 1);
  *cancelled = true;
  CHECK_THROWS_WITH(scan_locations(options), "The scan was cancelled.");
}

TEST_CASE(
    "symbolic links to scripts and folders are followed, dangling ones "
    "skipped",
    "[fs][scanner]") {
  TempDir dir;
  dir.write("elsewhere/V2__linked_file.sql", "SELECT 2;\n");
  dir.write("shared/V3__in_linked_folder.sql", "SELECT 3;\n");
  dir.write("m/V1__plain.sql", "SELECT 1;\n");
  dir.write("hidden_target/V5__hidden.sql", "SELECT 5;\n");
  namespace stdfs = std::filesystem;
  stdfs::create_symlink(dir.path() / "elsewhere/V2__linked_file.sql",
                        dir.path() / "m/V2__linked_file.sql");
  stdfs::create_directory_symlink(dir.path() / "shared", dir.path() / "m/sub");
  stdfs::create_symlink(dir.path() / "gone.sql", dir.path() / "m/V4__gone.sql");
  stdfs::create_directory_symlink(dir.path() / "hidden_target",
                                  dir.path() / "m/.hidden");
  ScanOptions options;
  options.locations = {"filesystem:" + dir.path().string() + "/m"};
  ScanResult result = scan_locations(options);
  REQUIRE(result.migrations.size() == 3);
  CHECK(result.migrations[0].script == "V1__plain.sql");
  CHECK(result.migrations[1].script == "V2__linked_file.sql");
  CHECK(result.migrations[1].physical_path ==
        (dir.path() / "m/V2__linked_file.sql").string());
  CHECK(result.migrations[1].checksum == checksum_of("SELECT 2;\n"));
  CHECK(result.migrations[2].script == "sub/V3__in_linked_folder.sql");
}

}  // namespace runway::fs
