#include "crash_trials.hpp"

#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <thread>

#include "reliability_support.hpp"
#include "support/test_databases.hpp"

namespace runway::test {
namespace {

using Clock = std::chrono::steady_clock;

// Scripts for one dialect, and which object each version creates.
struct MigrationSet {
  std::vector<std::pair<std::string, std::string>> files;
  // When set, a migrate with these extra arguments runs first, unkilled
  // (MySQL: the DDL of V1, which no transaction can protect).
  std::vector<std::string> prepare_args;
  // version (or "R" for the repeatable) -> catalog probe returning 1 or 0
  std::vector<std::pair<std::string, std::string>> probes;
};

MigrationSet postgres_set() {
  MigrationSet s;
  s.files = {
      {"V1__create.sql",
       "CREATE TABLE t1 (id int PRIMARY KEY, note text);\n"
       "INSERT INTO t1 SELECT g, 'n' || g FROM generate_series(1, 2000) g;\n"},
      {"V2__slow_middle.sql",
       "CREATE TABLE t2 (id int);\nSELECT pg_sleep(0.2);\n"
       "INSERT INTO t2 VALUES (1), (2);\n"},
      {"V3__slow_last.sql",
       "CREATE TABLE t3 (id int);\nINSERT INTO t3 VALUES (3);\n"
       "SELECT pg_sleep(0.2);\n"},
      {"V4__index.sql",
       "CREATE INDEX t1_note ON t1 (note);\n"
       "ALTER TABLE t2 ADD COLUMN extra text DEFAULT 'x';\n"},
      {"R__view.sql",
       "CREATE OR REPLACE VIEW v_all AS SELECT id FROM t1 UNION ALL "
       "SELECT id FROM t3;\nSELECT pg_sleep(0.1);\n"}};
  s.probes = {
      {"1", "SELECT count(*) FROM pg_tables WHERE tablename = 't1'"},
      {"2", "SELECT count(*) FROM pg_tables WHERE tablename = 't2'"},
      {"3", "SELECT count(*) FROM pg_tables WHERE tablename = 't3'"},
      {"4", "SELECT count(*) FROM pg_indexes WHERE indexname = 't1_note'"},
      {"R", "SELECT count(*) FROM pg_views WHERE viewname = 'v_all'"}};
  return s;
}

const char* const kSqliteSlow =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
    "WHERE x < 1500000) SELECT count(*) FROM c;\n";

MigrationSet sqlite_set() {
  MigrationSet s;
  s.files = {
      {"V1__create.sql",
       "CREATE TABLE t1 (id INTEGER PRIMARY KEY, note TEXT);\n"
       "INSERT INTO t1 (note) SELECT 'n' || x FROM (WITH RECURSIVE c(x) AS "
       "(SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) "
       "SELECT x FROM c);\n"},
      {"V2__slow_middle.sql", std::string("CREATE TABLE t2 (id INTEGER);\n") +
                                  kSqliteSlow +
                                  "INSERT INTO t2 VALUES (1), (2);\n"},
      {"V3__slow_last.sql",
       std::string("CREATE TABLE t3 (id INTEGER);\nINSERT INTO t3 VALUES "
                   "(3);\n") +
           kSqliteSlow},
      {"V4__index.sql", "CREATE INDEX t1_note ON t1 (note);\n"},
      {"R__view.sql",
       std::string("DROP VIEW IF EXISTS v_all;\nCREATE VIEW v_all AS SELECT "
                   "id FROM t1 UNION ALL SELECT id FROM t3;\n") +
           kSqliteSlow}};
  auto probe = [](const std::string& type, const std::string& name) {
    return "SELECT count(*) FROM sqlite_master WHERE type = '" + type +
           "' AND name = '" + name + "'";
  };
  s.probes = {{"1", probe("table", "t1")},
              {"2", probe("table", "t2")},
              {"3", probe("table", "t3")},
              {"4", probe("index", "t1_note")},
              {"R", probe("view", "v_all")}};
  return s;
}

// MySQL/MariaDB commit DDL implicitly, so only DML is crash-safe: V1 (the
// tables) is applied before the trial, and the killed run applies
// migrations that only INSERT and UPDATE InnoDB rows, with sleeps between
// statements and at the end.
MigrationSet mysql_set() {
  MigrationSet s;
  s.files = {
      {"V1__create.sql",
       "CREATE TABLE t1 (id INT PRIMARY KEY, note VARCHAR(40)) "
       "ENGINE=InnoDB;\nCREATE TABLE t2 (id INT PRIMARY KEY, n INT) "
       "ENGINE=InnoDB;\n"},
      {"V2__fill.sql",
       "INSERT INTO t1 SELECT seq, concat('n', seq) FROM seq_1_to_3000;\n"
       "DO SLEEP(0.2);\nINSERT INTO t2 VALUES (1, 0), (2, 0);\n"},
      {"V3__touch.sql",
       "UPDATE t1 SET note = concat(note, '-x') WHERE id % 2 = 0;\n"
       "UPDATE t2 SET n = n + 1;\nDO SLEEP(0.2);\n"},
      {"V4__more.sql",
       "INSERT INTO t2 SELECT seq, seq FROM seq_3_to_500;\n"
       "UPDATE t1 SET note = 'last' WHERE id = 1;\n"}};
  s.prepare_args = {"-target=1"};
  s.probes = {{"2", "SELECT count(*) FROM t1"},
              {"3", "SELECT count(*) FROM t1 WHERE note LIKE '%-x'"},
              {"4", "SELECT count(*) FROM t2 WHERE id > 2"}};
  return s;
}

// After a kill: an object exists exactly when its history row does, and no
// row is marked failed (every script here is transactional).
void check_no_half_state(db::Connection& conn, const MigrationSet& set,
                         const std::string& history_exists_sql) {
  const bool has_history =
      conn.execute(history_exists_sql).rows.at(0).at(0).value_or("0") != "0";
  for (const auto& [version, probe] : set.probes) {
    const bool applied =
        conn.execute(probe).rows.at(0).at(0).value_or("0") != "0";
    bool recorded = false;
    if (has_history) {
      const std::string where = version == "R"
                                    ? "version IS NULL AND type = 'SQL'"
                                    : "version = '" + version + "'";
      recorded = conn.execute(
                         "SELECT count(*) FROM flyway_schema_history "
                         "WHERE success AND " +
                         where)
                     .rows.at(0)
                     .at(0)
                     .value_or("0") != "0";
    }
    INFO("version " << version);
    CHECK(applied == recorded);
  }
  if (has_history) {
    CHECK(rows_of(conn,
                  "SELECT count(*) FROM flyway_schema_history WHERE "
                  "NOT success") == std::vector<std::string>{"0"});
  }
}

struct Target {
  std::string url;   // for the runner
  std::string conn;  // for checking
  std::string history_exists_sql;
  std::vector<std::string> (*snapshot)(db::Connection&);
  std::string user;
  std::string password;

  std::vector<std::string> args(const std::string& locations,
                                const std::vector<std::string>& extra) const {
    std::vector<std::string> a{"-url=" + url, locations};
    if (!user.empty()) a.push_back("-user=" + user);
    if (!password.empty()) a.push_back("-password=" + password);
    a.insert(a.end(), extra.begin(), extra.end());
    a.push_back("migrate");
    return a;
  }
  std::unique_ptr<db::Connection> open() const {
    return open_url(conn, user, password);
  }
};

std::chrono::milliseconds timed_run(const std::vector<std::string>& args) {
  const auto start = Clock::now();
  const ProcessResult r = run_runway(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() -
                                                               start);
}

void kill_after(const std::vector<std::string>& args,
                std::chrono::milliseconds delay, const ScratchDir& logs) {
  std::vector<std::string> argv{runway_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  const int pid =
      spawn_process(argv, {}, logs.path("out.txt"), logs.path("err.txt"));
  std::this_thread::sleep_for(delay);
  ::kill(pid, SIGKILL);
  wait_process(pid);
}

template <typename MakeTarget>
void run_trials(int trials, const MigrationSet& set, MakeTarget make_target) {
  ScratchDir scripts;
  for (const auto& [name, text] : set.files) scripts.write(name, text);
  const std::string locations = "-locations=" + scripts.location();
  const auto prepare = [&](const Target& t) {
    if (!set.prepare_args.empty())
      timed_run(t.args(locations, set.prepare_args));
  };

  auto reference = make_target();
  prepare(reference.first);
  const auto duration = timed_run(reference.first.args(locations, {}));
  const auto expected = reference.first.snapshot(*reference.first.open());
  REQUIRE(expected.size() > 5);

  const auto seed = std::random_device{}();
  std::mt19937 rng(seed);
  std::uniform_int_distribution<long> delay_ms(0, duration.count());
  for (int trial = 0; trial < trials; ++trial) {
    auto target = make_target();
    prepare(target.first);
    const std::vector<std::string> args = target.first.args(locations, {});
    const std::chrono::milliseconds delay(delay_ms(rng));
    INFO("seed " << seed << ", trial " << trial << ", killed after "
                 << delay.count() << " ms of " << duration.count());
    ScratchDir logs;
    kill_after(args, delay, logs);
    check_no_half_state(*target.first.open(), set,
                        target.first.history_exists_sql);
    timed_run(args);
    CHECK(target.first.snapshot(*target.first.open()) == expected);
  }
}

}  // namespace

void run_postgres_crash_trials(int trials) {
  // The database object must outlive its checks: keep both in a pair.
  run_trials(trials, postgres_set(), [] {
    auto db = std::make_shared<TempPostgresDatabase>();
    Target t{db->conninfo(),
             db->conninfo(),
             "SELECT count(*) FROM pg_tables WHERE tablename = "
             "'flyway_schema_history'",
             &postgres_snapshot,
             "",
             ""};
    return std::make_pair(t, db);
  });
}

void run_sqlite_crash_trials(int trials) {
  run_trials(trials, sqlite_set(), [] {
    auto file = std::make_shared<TempSqliteFile>();
    Target t{file->jdbc_url(),
             file->jdbc_url(),
             "SELECT count(*) FROM sqlite_master WHERE name = "
             "'flyway_schema_history'",
             &sqlite_snapshot,
             "",
             ""};
    return std::make_pair(t, file);
  });
}

void run_mysql_crash_trials(int trials) {
  run_trials(trials, mysql_set(), [] {
    auto db = std::make_shared<TempMySQLDatabase>();
    Target t{db->jdbc_url(),
             db->jdbc_url(),
             "SELECT count(*) FROM information_schema.tables WHERE "
             "table_schema = DATABASE() AND table_name = "
             "'flyway_schema_history'",
             &mysql_snapshot,
             db->user(),
             db->password()};
    return std::make_pair(t, db);
  });
}

}  // namespace runway::test
