#include "runway/report/log.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using runway::report::Log;
using runway::report::LogLevel;
using runway::report::LogOptions;

namespace {
std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("log lines use Flyway's prefixes and mask secrets", "[report][log]") {
  const auto path = std::filesystem::temp_directory_path() /
                    ("runway-log-test-" + std::to_string(::getpid()) + ".log");
  {
    LogOptions options;
    options.level = LogLevel::kDebug;
    options.color = "never";
    options.output_file = path.string();
    options.secrets = {"s3cret"};
    Log log(options);
    log.info("Database: jdbc:postgresql://u:s3cret@h/db");
    log.warn("careful");
    log.error("broken");
    log.debug("details");
    CHECK(log.redact("pw=s3cret") == "pw=********");
  }
  CHECK(read_file(path) ==
        "Database: jdbc:postgresql://u:********@h/db\n"
        "WARNING: careful\n"
        "ERROR: broken\n"
        "DEBUG: details\n");
  std::filesystem::remove(path);
}

TEST_CASE("quiet level drops info but keeps warnings", "[report][log]") {
  const auto path = std::filesystem::temp_directory_path() /
                    ("runway-log-q-" + std::to_string(::getpid()) + ".log");
  {
    LogOptions options;
    options.level = LogLevel::kWarn;
    options.color = "never";
    options.output_file = path.string();
    Log log(options);
    log.info("hidden");
    log.debug("hidden too");
    log.warn("shown");
  }
  CHECK(read_file(path) == "WARNING: shown\n");
  std::filesystem::remove(path);
}
