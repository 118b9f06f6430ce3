#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "db_test_helpers.hpp"

using namespace runway;
using runway::test::open;
using runway::test::scalar;
using runway::test::TempSqliteFile;

TEST_CASE("opening a SQLite URL creates the file", "[integration][sqlite]") {
  TempSqliteFile file;
  REQUIRE_FALSE(std::filesystem::exists(file.path()));
  auto conn = open(file.jdbc_url());
  conn->execute("CREATE TABLE t (id INT)");
  CHECK(std::filesystem::exists(file.path()));
  CHECK(conn->type() == db::DatabaseType::kSQLite);
  CHECK(conn->product() == "SQLite 3.40");
  CHECK(conn->current_schema() == "main");
  CHECK(conn->current_user().empty());
  CHECK(conn->database_name() == file.path());
  CHECK(conn->placeholder(3) == "?");

  auto again = open("sqlite:" + file.path());
  CHECK(scalar(*again, "SELECT count(*) FROM t") == "0");
}

TEST_CASE("SQLite runs every statement of a string, colons untouched",
          "[integration][sqlite]") {
  TempSqliteFile file;
  auto conn = open(file.jdbc_url());
  conn->execute(
      "CREATE TABLE t (a TEXT);\n"
      "INSERT INTO t VALUES ('12:30');\n"
      "-- a comment between statements\n"
      "INSERT INTO t VALUES (':name'), ('@x $1 ?');\n");
  const db::QueryResult r = conn->execute("SELECT a FROM t ORDER BY rowid");
  REQUIRE(r.rows.size() == 3);
  CHECK(r.rows[0][0] == "12:30");
  CHECK(r.rows[1][0] == ":name");
  CHECK(r.rows[2][0] == "@x $1 ?");
  CHECK(conn->execute("UPDATE t SET a = a || '!'").affected_rows == 3);
  CHECK(conn->execute("CREATE TABLE u (x INT)").affected_rows == 0);
}

TEST_CASE("SQLite rows one at a time through execute",
          "[integration][sqlite]") {
  TempSqliteFile file;
  auto conn = open(file.jdbc_url());
  conn->execute("CREATE TABLE t (id INT, note TEXT)");
  conn->execute("INSERT INTO t VALUES (1, 'a'), (2, NULL), (3, 'c')");
  CHECK(runway::test::rows_seen(
            *conn, "SELECT * FROM t WHERE id >= ? ORDER BY id",
            {std::int64_t{2}}) == std::vector<std::string>{"2|NULL", "3|c"});
}

TEST_CASE("SQLite parameters round-trip", "[integration][sqlite]") {
  TempSqliteFile file;
  auto conn = open(file.jdbc_url());
  conn->execute("CREATE TABLE t (id INT, flag BOOLEAN, note TEXT)");
  conn->execute("INSERT INTO t VALUES (?, ?, ?)",
                {std::int64_t{5000000000}, true, db::Param{}});
  conn->execute("INSERT INTO t VALUES (?, ?, ?)",
                {std::int64_t{-1}, false, std::string("it's :x")});
  const db::QueryResult r = conn->execute("SELECT * FROM t ORDER BY id");
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0][0] == "-1");
  CHECK(r.rows[0][1] == "0");
  CHECK(r.rows[0][2] == "it's :x");
  CHECK(r.rows[1][0] == "5000000000");
  CHECK(r.rows[1][1] == "1");
  CHECK_FALSE(r.rows[1][2].has_value());
  CHECK_THROWS_AS(conn->execute("SELECT ?; SELECT 2", {std::int64_t{1}}),
                  db::SqlError);
}

TEST_CASE("SQLite errors carry the result code and message",
          "[integration][sqlite]") {
  TempSqliteFile file;
  auto conn = open(file.jdbc_url());
  try {
    conn->execute("SELECT * FROM missing");
    FAIL("expected SqlError");
  } catch (const db::SqlError& e) {
    CHECK(e.details().error_code == 1);
    CHECK(e.details().message == "no such table: missing");
    CHECK(e.details().sqlstate.empty());
  }
  conn->execute("CREATE TABLE t (id INT PRIMARY KEY)");
  conn->execute("INSERT INTO t VALUES (1)");
  try {
    conn->execute("INSERT INTO t VALUES (1)");
    FAIL("expected SqlError");
  } catch (const db::SqlError& e) {
    CHECK(e.details().error_code == 19);  // SQLITE_CONSTRAINT
    CHECK(e.details().message == "UNIQUE constraint failed: t.id");
  }
  CHECK_THROWS_AS(conn->copy_from_stdin("COPY t FROM STDIN",
                                        [](std::string&) { return false; }),
                  db::SqlError);
}

TEST_CASE("SQLite transactions commit and roll back", "[integration][sqlite]") {
  TempSqliteFile file;
  auto conn = open(file.jdbc_url());
  conn->execute("CREATE TABLE t (id INT)");
  conn->begin();
  CHECK(conn->in_transaction());
  conn->execute("INSERT INTO t VALUES (1)");
  conn->execute("CREATE TABLE u (id INT)");
  conn->rollback();
  CHECK_FALSE(conn->in_transaction());
  CHECK(scalar(*conn, "SELECT count(*) FROM t") == "0");
  CHECK(scalar(*conn, "SELECT count(*) FROM sqlite_master WHERE name='u'") ==
        "0");
  conn->begin();
  conn->execute("INSERT INTO t VALUES (1)");
  conn->commit();
  CHECK(scalar(*conn, "SELECT count(*) FROM t") == "1");
  conn->rollback();  // nothing open: a no-op
}

TEST_CASE("SQLite in-memory databases and URL pragmas",
          "[integration][sqlite]") {
  auto memory = open("jdbc:sqlite::memory:");
  memory->execute("CREATE TABLE t (id INT)");
  CHECK(scalar(*memory, "SELECT count(*) FROM t") == "0");

  TempSqliteFile file;
  auto wal = open(file.jdbc_url() + "?journal_mode=WAL");
  CHECK(scalar(*wal, "PRAGMA journal_mode") == "wal");
  CHECK(scalar(*wal, "PRAGMA foreign_keys") == "0");  // SQLite's default
  CHECK_THROWS_AS(open(file.jdbc_url() + "?journal_mode=x;y"), ConfigError);
}

TEST_CASE("a file that is not a database fails to connect",
          "[integration][sqlite]") {
  TempSqliteFile file;
  std::ofstream(file.path()) << "this is not a database, just some text "
                                "long enough to fill a header page......";
  try {
    open(file.jdbc_url());
    FAIL("expected ConnectionError");
  } catch (const db::ConnectionError& e) {
    CHECK(std::string(e.what()) ==
          "Unable to obtain connection from database (" + file.jdbc_url() +
              ") for user '': file is not a database");
  }
  CHECK_THROWS_AS(open("jdbc:sqlite:" + file.dir() + "/no/such/dir/x.db"),
                  db::ConnectionError);
}
