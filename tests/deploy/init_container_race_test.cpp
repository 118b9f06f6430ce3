// The Kubernetes init-container race: every replica of a Deployment starts
// its `runway migrate` init container at the same moment, configured only by
// FLYWAY_* variables, as deploy/kubernetes/init-container.yaml does. The
// migration lock must let exactly one runner apply the migrations while the
// others wait, say who holds the lock, then find nothing pending and exit 0.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>

#include "cli/process.hpp"
#include "runway/db/connect.hpp"
#include "support/test_databases.hpp"

namespace fs = std::filesystem;
using runway::test::ProcessOptions;
using runway::test::TempPostgresDatabase;

namespace {

constexpr int kRunners = 30;
constexpr int kSlowMigrations = 5;  // 0.6 s each

class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    path_ = fs::temp_directory_path() /
            ("runway-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
  }

 private:
  fs::path path_;
};

// V1 creates a log table; V2..V6 each add a row and sleep, so a migration
// applied twice shows up as a duplicate row even if history looked right.
void write_migrations(const TempDir& sql) {
  sql.write("V1__Create_run_log.sql",
            "CREATE TABLE run_log (version TEXT NOT NULL, backend INT NOT "
            "NULL DEFAULT pg_backend_pid());\n");
  for (int v = 2; v < 2 + kSlowMigrations; ++v) {
    const std::string version = std::to_string(v);
    sql.write("V" + version + "__Slow_step.sql",
              "INSERT INTO run_log (version) VALUES ('" + version +
                  "');\nSELECT pg_sleep(0.6);\n");
  }
  sql.write("R__Run_log_view.sql",
            "CREATE OR REPLACE VIEW run_log_versions AS SELECT version FROM "
            "run_log;\n");
}

std::string scalar(runway::db::Connection& conn, const std::string& sql) {
  const auto result = conn.execute(sql);
  REQUIRE(result.rows.size() == 1);
  return result.rows[0][0].value_or("NULL");
}

}  // namespace

TEST_CASE("thirty init containers at once apply every migration exactly once",
          "[deploy][postgres][race]") {
  TempPostgresDatabase db;
  TempDir sql("race-sql");
  TempDir logs("race-logs");
  write_migrations(sql);

  // What the init container's manifest sets: only FLYWAY_* variables, the
  // password-authenticated `runway` role over TCP.
  ProcessOptions options;
  options.env = {{"FLYWAY_URL", db.jdbc_url()},
                 {"FLYWAY_USER", "runway"},
                 {"FLYWAY_PASSWORD", "runway-secret-pw"},
                 {"FLYWAY_LOCATIONS", "filesystem:" + sql.path().string()},
                 {"FLYWAY_CONNECT_RETRIES", "10"}};
  const auto started = std::chrono::steady_clock::now();
  std::vector<int> pids;
  for (int i = 0; i < kRunners; ++i) {
    const std::string n = std::to_string(i);
    pids.push_back(runway::test::spawn_process(
        {runway::test::runway_binary(), "migrate"}, options,
        (logs.path() / ("out" + n)).string(),
        (logs.path() / ("err" + n)).string()));
  }

  int appliers = 0;
  int waiters = 0;
  std::string did_not_wait;  // what the runners that never waited printed
  const std::string waiting = "Waiting for the migration lock";
  const std::regex holder(
      "Waiting for the migration lock on \"public\".\"flyway_schema_history\" "
      "\\(PostgreSQL advisory lock 77433833903597\\), held by pid [0-9]+ "
      "\\(application 'runway', client 127\\.0\\.0\\.1\\) since "
      "[0-9]{4}-[0-9]{2}-[0-9]{2} ");
  for (int i = 0; i < kRunners; ++i) {
    const int code = runway::test::wait_process(pids[static_cast<size_t>(i)]);
    const std::string err = runway::test::read_text_file(
        (logs.path() / ("err" + std::to_string(i))).string());
    INFO("runner " << i << ":\n" << err);
    CHECK(code == 0);
    if (err.find("Successfully applied 7 migrations") != std::string::npos) {
      ++appliers;
    } else {
      CHECK(err.find("is up to date. No migration necessary.") !=
            std::string::npos);
    }
    // Whoever waited said who held the lock (the first report; a lock let
    // go just then is tried again rather than reported without a holder).
    if (err.find(waiting) != std::string::npos) {
      ++waiters;
      CHECK(std::regex_search(err, holder));
    } else {
      did_not_wait += "runner " + std::to_string(i) + ":\n" + err;
    }
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;

  CHECK(appliers == 1);
  // Nearly everyone started while the applier held the lock for ~3 s; a
  // runner started late on a loaded machine may find the work done.
  INFO("runners that did not wait:\n" << did_not_wait);
  CHECK(waiters >= kRunners - 3);
  CHECK(elapsed >= std::chrono::seconds(3));
  CHECK(elapsed < std::chrono::seconds(30));

  runway::db::ConnectOptions admin;
  admin.url = db.conninfo();
  auto conn = runway::db::connect(admin);
  CHECK(scalar(*conn, "SELECT count(*) FROM flyway_schema_history") == "7");
  CHECK(scalar(*conn,
               "SELECT count(*) FROM flyway_schema_history WHERE success") ==
        "7");
  CHECK(scalar(*conn, "SELECT count(*) FROM run_log") ==
        std::to_string(kSlowMigrations));
  CHECK(scalar(*conn, "SELECT count(DISTINCT version) FROM run_log") ==
        std::to_string(kSlowMigrations));
  // One runner did all the work, on one connection.
  CHECK(scalar(*conn, "SELECT count(DISTINCT backend) FROM run_log") == "1");
}
