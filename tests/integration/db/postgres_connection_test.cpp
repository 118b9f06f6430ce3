#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <regex>
#include <thread>

#include "db_test_helpers.hpp"

using namespace runway;
using runway::test::open;
using runway::test::scalar;
using runway::test::TempPostgresDatabase;

TEST_CASE("every PostgreSQL URL form connects", "[integration][postgres]") {
  TempPostgresDatabase db;
  const std::string port = std::to_string(db.port());
  const std::string tcp = "127.0.0.1:" + port + "/" + db.name();
  const std::vector<std::pair<std::string, std::string>> urls = {
      {db.jdbc_url(), db.user()},
      {"jdbc:postgresql://" + tcp + "?user=" + db.user(), ""},
      {"jdbc:postgresql://" + tcp + "?user=runway&password=runway-secret-pw",
       ""},
      // A host that refuses must not stop the next one from working.
      {"jdbc:postgresql://localhost:1," + tcp, db.user()},
      {"postgresql://" + db.user() + "@" + tcp, ""},
      {"postgres://runway:runway-secret-pw@" + tcp + "?sslmode=disable", ""},
      {"postgresql:///" + db.name() + "?host=" + db.socket_dir() +
           "&port=" + port,
       db.user()},
      {db.conninfo(), ""},
  };
  for (const auto& [url, user] : urls) {
    INFO(url);
    auto conn = open(url, user);
    CHECK(conn->database_name() == db.name());
  }
}

TEST_CASE("PostgreSQL session facts", "[integration][postgres]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  CHECK(
      std::regex_match(conn->product(), std::regex(R"(PostgreSQL 1\d\.\d+)")));
  CHECK(conn->type() == db::DatabaseType::kPostgreSQL);
  CHECK(conn->current_user() == db.user());
  CHECK(conn->current_schema() == "public");
  CHECK(scalar(*conn, "SHOW application_name") == "runway");
  CHECK(conn->placeholder(2) == "$2");

  conn->execute("CREATE SCHEMA s1");
  auto in_s1 =
      open(db.jdbc_url() + "?currentSchema=s1&ApplicationName=tool", db.user());
  CHECK(in_s1->current_schema() == "s1");
  CHECK(scalar(*in_s1, "SHOW application_name") == "tool");

  // All three in one round trip, as the getters give them one by one.
  const db::Connection::SessionFacts facts = in_s1->session_facts();
  CHECK(facts.schema == "s1");
  CHECK(facts.user == db.user());
  CHECK(facts.database == db.name());
  CHECK(facts.schema_exists);

  // No schema of the search_path exists: its first entry is reported, and
  // not as existing.
  conn->execute("SET search_path = nowhere, \"also missing\"");
  CHECK(conn->current_schema() == "nowhere");
  CHECK(conn->session_facts().schema == "nowhere");
  CHECK_FALSE(conn->session_facts().schema_exists);
}

TEST_CASE("parameters round-trip with their types", "[integration][postgres]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  const db::QueryResult r = conn->execute(
      "SELECT $1::int8, $2::text, $3::bool, $4::text IS NULL, $5::bool",
      {std::int64_t{-9007199254740993}, std::string("it's 'quoted' $1"), true,
       db::Param{}, false});
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0][0] == "-9007199254740993");
  CHECK(r.rows[0][1] == "it's 'quoted' $1");
  CHECK(r.rows[0][2] == "t");
  CHECK(r.rows[0][3] == "t");
  CHECK(r.rows[0][4] == "f");

  conn->execute("CREATE TABLE t (id INT, flag BOOLEAN, note TEXT)");
  const db::QueryResult ins =
      conn->execute("INSERT INTO t VALUES ($1, $2, $3)",
                    {std::int64_t{7}, true, db::Param{}});
  CHECK(ins.affected_rows == 1);
  const db::QueryResult sel = conn->execute("SELECT id, flag, note FROM t");
  CHECK(sel.columns == std::vector<std::string>{"id", "flag", "note"});
  CHECK(sel.rows[0][0] == "7");
  CHECK(sel.rows[0][1] == "t");
  CHECK_FALSE(sel.rows[0][2].has_value());
}

TEST_CASE("PostgreSQL rows one at a time, NULLs and errors as execute",
          "[integration][postgres]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  CHECK(runway::test::rows_seen(
            *conn,
            "SELECT g, CASE WHEN g % 2 = 0 THEN NULL ELSE 'odd ' || g END "
            "FROM generate_series(1, $1::int) g ORDER BY g",
            {std::int64_t{4}}) ==
        std::vector<std::string>{"1|odd 1", "2|NULL", "3|odd 3", "4|NULL"});
  CHECK(runway::test::rows_seen(*conn, "SELECT 1 WHERE false", {}).empty());
  CHECK_THROWS_AS(runway::test::rows_seen(*conn, "SELECT * FROM missing", {}),
                  db::SqlError);
  CHECK(scalar(*conn, "SELECT 1") == "1");  // still usable
}

TEST_CASE("server notices reach the handler, not stderr",
          "[integration][postgres]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  std::vector<db::Notice> notices;
  conn->set_notice_handler([&](const db::Notice& n) { notices.push_back(n); });
  conn->execute(
      "DO $$BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful'; "
      "END$$");
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].severity == "NOTICE");
  CHECK(notices[0].sqlstate == "00000");
  CHECK(notices[0].message == "hello 42");
  CHECK(notices[1].severity == "WARNING");
  CHECK(notices[1].sqlstate == "01000");
  CHECK(notices[1].message == "careful");
}

TEST_CASE("SqlError carries SQLSTATE, message, detail, hint and position",
          "[integration][postgres]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  try {
    conn->execute("SELECT * FROM missing_table");
    FAIL("expected SqlError");
  } catch (const db::SqlError& e) {
    CHECK(e.details().sqlstate == "42P01");
    CHECK(e.details().message == "relation \"missing_table\" does not exist");
    CHECK(std::string(e.what()) == "relation \"missing_table\" does not exist");
    CHECK(e.details().position == 15);
    CHECK(e.kind() == ErrorKind::kSql);
  }
  try {
    conn->execute(
        "DO $$BEGIN RAISE EXCEPTION 'boom' USING DETAIL = 'the detail', "
        "HINT = 'the hint', ERRCODE = '22012'; END$$");
    FAIL("expected SqlError");
  } catch (const db::SqlError& e) {
    CHECK(e.details().sqlstate == "22012");
    CHECK(e.details().message == "boom");
    CHECK(e.details().detail == "the detail");
    CHECK(e.details().hint == "the hint");
    CHECK(e.details().position == 0);
  }
  // The connection is still usable after an error.
  CHECK(scalar(*conn, "SELECT 1") == "1");
}

TEST_CASE("a NUL byte in SQL text is refused, not cut short",
          "[integration][postgres]") {
  using namespace std::string_literals;
  TempPostgresDatabase db;
  auto conn = open(db);
  conn->execute("CREATE TABLE kept (x int)");
  const std::string sql = "SELECT 1\0; DROP TABLE kept"s;
  for (int with_params = 0; with_params < 2; ++with_params) {
    try {
      if (with_params)
        conn->execute(sql, {db::Param{std::int64_t{1}}});
      else
        conn->execute(sql);
      FAIL("expected SqlError");
    } catch (const db::SqlError& e) {
      CHECK(e.details().sqlstate == "22021");
      CHECK(e.details().message == "the SQL text contains a NUL byte");
      CHECK(e.details().position == 9);
    }
  }
  // The position counts characters, as the server's do: 'é' is one.
  try {
    conn->execute("SELECT 'é'\0"s);
    FAIL("expected SqlError");
  } catch (const db::SqlError& e) {
    CHECK(e.details().position == 11);
  }
  CHECK_THROWS_WITH(conn->execute("SELECT $1", {db::Param{"a\0b"s}}),
                    "the SQL text contains a NUL byte");
  CHECK(scalar(*conn, "SELECT count(*) FROM kept") == "0");
}

TEST_CASE("rollback leaves nothing behind", "[integration][postgres]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  conn->execute("CREATE TABLE t (id INT)");
  conn->begin();
  CHECK(conn->in_transaction());
  conn->execute("INSERT INTO t VALUES (1)");
  conn->execute("CREATE TABLE u (id INT)");
  conn->rollback();
  CHECK_FALSE(conn->in_transaction());
  CHECK(scalar(*conn, "SELECT count(*) FROM t") == "0");
  CHECK(scalar(*conn, "SELECT to_regclass('u') IS NULL") == "t");

  conn->begin();
  conn->execute("INSERT INTO t VALUES (2)");
  conn->commit();
  CHECK(scalar(*conn, "SELECT count(*) FROM t") == "1");
}

TEST_CASE("COMMIT of an aborted transaction is an error",
          "[integration][postgres]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  conn->begin();
  CHECK_THROWS_AS(conn->execute("SELECT 1/0"), db::SqlError);
  CHECK_THROWS_WITH(conn->commit(),
                    "COMMIT rolled back: the transaction was aborted by an "
                    "earlier error");
  CHECK_FALSE(conn->in_transaction());
}

TEST_CASE("COPY FROM STDIN streams data in chunks", "[integration][postgres]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  conn->execute("CREATE TABLE t (id INT, name TEXT)");
  std::string data;
  for (int i = 1; i <= 5000; ++i) {
    data += std::to_string(i) + "\tname " + std::to_string(i) + "\n";
  }
  std::size_t pos = 0;
  int chunks = 0;
  conn->copy_from_stdin("COPY t (id, name) FROM STDIN", [&](std::string& c) {
    if (pos >= data.size()) return false;
    c = data.substr(pos, 777);  // cuts rows in the middle on purpose
    pos += c.size();
    ++chunks;
    return true;
  });
  CHECK(chunks > 10);
  CHECK(scalar(*conn, "SELECT count(*) FROM t") == "5000");
  CHECK(scalar(*conn, "SELECT name FROM t WHERE id = 4321") == "name 4321");

  // Bad data: the server's error, and the connection stays usable.
  bool sent = false;
  try {
    conn->copy_from_stdin("COPY t (id, name) FROM STDIN", [&](std::string& c) {
      if (sent) return false;
      c = "x\ty\n";
      sent = true;
      return true;
    });
    FAIL("expected SqlError");
  } catch (const db::SqlError& e) {
    CHECK(e.details().sqlstate == "22P02");
  }
  // A reader that fails aborts the COPY and its exception propagates.
  CHECK_THROWS_WITH(conn->copy_from_stdin("COPY t FROM STDIN",
                                          [](std::string&) -> bool {
                                            throw std::runtime_error("disk");
                                          }),
                    "disk");
  CHECK(scalar(*conn, "SELECT count(*) FROM t") == "5000");
  // COPY through execute() is refused without breaking the session.
  CHECK_THROWS_AS(conn->execute("COPY t FROM STDIN"), db::SqlError);
  CHECK(scalar(*conn, "SELECT 1") == "1");
}

namespace {

std::string backend_pid(db::Connection& conn) {
  return scalar(conn, "SELECT pg_backend_pid()");
}

void terminate_and_wait(db::Connection& admin, const std::string& pid) {
  admin.execute("SELECT pg_terminate_backend(" + pid + ")");
  for (int i = 0; i < 100; ++i) {
    if (scalar(admin, "SELECT count(*) FROM pg_stat_activity WHERE pid = " +
                          pid) == "0") {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL("backend " + pid + " did not exit");
}

}  // namespace

TEST_CASE("losing the backend before COMMIT is CommitOutcomeUnknown",
          "[integration][postgres]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  auto admin = open(db);
  conn->execute("CREATE TABLE t (id INT)");
  conn->begin();
  conn->execute("INSERT INTO t VALUES (1)");
  terminate_and_wait(*admin, backend_pid(*conn));
  try {
    conn->commit();
    FAIL("expected CommitOutcomeUnknown");
  } catch (const db::CommitOutcomeUnknown& e) {
    CHECK(e.kind() == ErrorKind::kCommitUnknown);
    CHECK(e.code() == "COMMIT_OUTCOME_UNKNOWN");
    CHECK_THAT(e.what(), Catch::StartsWith(
                             "The connection to the database was lost during "
                             "COMMIT, so it is unknown whether the "
                             "transaction was committed. Run `info`"));
  }
  conn->rollback();  // never throws on a dead connection
}

TEST_CASE("a statement and COMMIT in one round trip",
          "[integration][postgres]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  auto other = open(db);
  conn->execute("CREATE TABLE t (id INT PRIMARY KEY)");
  conn->execute(
      "CREATE TABLE d (id INT REFERENCES t (id) DEFERRABLE INITIALLY "
      "DEFERRED)");

  // Success: committed, seen from another session.
  conn->begin();
  conn->execute("INSERT INTO t VALUES (1)");
  const db::QueryResult r = conn->execute_then_commit(
      "INSERT INTO t VALUES ($1) RETURNING id", {std::int64_t{2}});
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0][0] == "2");
  CHECK_FALSE(conn->in_transaction());
  CHECK(scalar(*other, "SELECT count(*) FROM t") == "2");

  // The statement fails: its error, COMMIT skipped, the transaction still
  // open and failed until rolled back.
  conn->begin();
  conn->execute("INSERT INTO t VALUES (3)");
  CHECK_THROWS_AS(
      conn->execute_then_commit("INSERT INTO t VALUES ($1)", {std::int64_t{1}}),
      db::SqlError);
  CHECK(conn->in_transaction());
  conn->rollback();
  CHECK(scalar(*other, "SELECT count(*) FROM t") == "2");
  CHECK(scalar(*conn, "SELECT 1") == "1");  // the session goes on

  // COMMIT fails (a deferred check): its error, and the transaction is over.
  conn->begin();
  try {
    conn->execute_then_commit("INSERT INTO d VALUES ($1)", {std::int64_t{9}});
    FAIL("expected the deferred foreign key to fail COMMIT");
  } catch (const db::SqlError& e) {
    CHECK(e.details().sqlstate == "23503");
  }
  CHECK_FALSE(conn->in_transaction());
  CHECK(scalar(*other, "SELECT count(*) FROM d") == "0");
}

TEST_CASE(
    "losing the backend before a statement sent with COMMIT is "
    "CommitOutcomeUnknown",
    "[integration][postgres]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  auto admin = open(db);
  conn->execute("CREATE TABLE t (id INT)");
  conn->begin();
  terminate_and_wait(*admin, backend_pid(*conn));
  CHECK_THROWS_AS(
      conn->execute_then_commit("INSERT INTO t VALUES ($1)", {std::int64_t{1}}),
      db::CommitOutcomeUnknown);
  conn->rollback();  // never throws on a dead connection
}

TEST_CASE("a lost connection mid-statement is a ConnectionError",
          "[integration][postgres]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  auto admin = open(db);
  terminate_and_wait(*admin, backend_pid(*conn));
  try {
    conn->execute("SELECT 1");
    FAIL("expected ConnectionError");
  } catch (const db::ConnectionError& e) {
    CHECK(e.kind() == ErrorKind::kConnection);
    CHECK_THAT(e.what(),
               Catch::StartsWith("Connection to the database was lost: "));
  }
}

TEST_CASE("cancel() stops a running statement from another thread",
          "[integration][postgres]") {
  TempPostgresDatabase db;
  auto conn = open(db);
  std::string sqlstate;
  std::atomic<bool> done{false};
  const auto started = std::chrono::steady_clock::now();
  std::thread worker([&] {
    try {
      conn->execute("SELECT pg_sleep(30)");
    } catch (const db::SqlError& e) {
      sqlstate = e.details().sqlstate;
    }
    done = true;
  });
  while (!done) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    conn->cancel();
  }
  worker.join();
  CHECK(sqlstate == "57014");
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
  CHECK(scalar(*conn, "SELECT 1") == "1");
}
