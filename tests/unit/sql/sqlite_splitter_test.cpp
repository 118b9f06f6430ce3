#include <catch2/catch.hpp>

#include "split_helpers.hpp"

using runway::sql::Dialect;
using runway::sql::test::non_tx;
using runway::sql::test::split_error;
using runway::sql::test::split_sqlite;
using Splits = std::vector<runway::sql::test::Split>;

namespace {

std::string sqlite_error(const std::string& text) {
  return split_error(Dialect::kSQLite, text);
}

}  // namespace

TEST_CASE("SQLite statements end at semicolons with Flyway's text rules",
          "[splitter][sqlite]") {
  CHECK(split_sqlite("-- create\nCREATE TABLE t (id INTEGER PRIMARY KEY);\n"
                     "\n  INSERT INTO t VALUES (1)  ;\n-- only a comment\n;\n"
                     "SELECT 1") ==
        Splits{{"-- create\nCREATE TABLE t (id INTEGER PRIMARY KEY)", 2},
               {"INSERT INTO t VALUES (1)", 4},
               {"SELECT 1", 7}});
  CHECK(split_sqlite("/* nothing */\n-- at all\n") == Splits{});
}

TEST_CASE("SQLite strings, blobs and every identifier quote hide semicolons",
          "[splitter][sqlite]") {
  CHECK(split_sqlite("INSERT INTO \"a;b\" (`c;d`, [e;f], [g\"h]) VALUES "
                     "('it''s;', x'0A;', X'');\nSELECT 'C:\\';") ==
        Splits{{"INSERT INTO \"a;b\" (`c;d`, [e;f], [g\"h]) VALUES ('it''s;', "
                "x'0A;', X'')",
                1},
               {"SELECT 'C:\\'", 2}});
  CHECK(split_sqlite("SELECT \"x\"\";\", `y``;`;SELECT 2;") ==
        Splits{{"SELECT \"x\"\";\", `y``;`", 1}, {"SELECT 2", 1}});
}

TEST_CASE("SQLite comments hide semicolons and do not nest",
          "[splitter][sqlite]") {
  CHECK(split_sqlite("SELECT 1; -- it's; here\nSELECT /* a /* b; */ 2;") ==
        Splits{{"SELECT 1", 1}, {"-- it's; here\nSELECT /* a /* b; */ 2", 2}});
}

TEST_CASE("a trigger body is one statement", "[splitter][sqlite]") {
  std::string trigger =
      "CREATE TRIGGER update_stamp AFTER UPDATE ON t\n"
      "WHEN new.a <> old.a\n"
      "BEGIN\n"
      "  -- keep it's timestamp\n"
      "  UPDATE t SET stamp = CASE WHEN new.a > 0 THEN 'pos;' ELSE 'neg' END\n"
      "    WHERE id = new.id;\n"
      "  INSERT INTO log VALUES (new.id);\n"
      "END";
  CHECK(split_sqlite(trigger + ";\nSELECT 1;") ==
        Splits{{trigger, 1}, {"SELECT 1", 9}});
  std::string temp =
      "create temp trigger if not exists t1 before insert on t begin "
      "select raise(abort, 'no;'); end";
  CHECK(split_sqlite(temp + ";SELECT 2;") ==
        Splits{{temp, 1}, {"SELECT 2", 1}});
}

TEST_CASE("BEGIN outside a trigger starts a transaction, not a block",
          "[splitter][sqlite]") {
  CHECK(split_sqlite("BEGIN;\nINSERT INTO t VALUES (1);\nCOMMIT;\n"
                     "BEGIN TRANSACTION;\nSELECT CASE WHEN 1 THEN 2 END;\n"
                     "END TRANSACTION;") ==
        Splits{{"BEGIN", 1},
               {"INSERT INTO t VALUES (1)", 2},
               {"COMMIT", 3},
               {"BEGIN TRANSACTION", 4},
               {"SELECT CASE WHEN 1 THEN 2 END", 5},
               {"END TRANSACTION", 6}});
}

TEST_CASE("PRAGMA foreign_keys runs outside a transaction",
          "[splitter][sqlite]") {
  CHECK(split_sqlite("PRAGMA foreign_keys = OFF;\nCREATE TABLE t (a);\n") ==
        Splits{non_tx("PRAGMA foreign_keys = OFF", 1),
               {"CREATE TABLE t (a)", 2}});
}

TEST_CASE("SQLite unterminated constructs are errors", "[splitter][sqlite]") {
  CHECK(sqlite_error("SELECT 1;\nCREATE TRIGGER tr AFTER INSERT ON t\nBEGIN\n"
                     "  DELETE FROM u;\n") ==
        "3: Unterminated BEGIN ... END block starting at line 3 col 1 in "
        "statement at line 2 col 1: CREATE TRIGGER tr AFTER INSERT ON t\n"
        "BEGIN\n  DELETE FROM u;");
  CHECK(sqlite_error("SELECT [abc;") ==
        "1: Unterminated quoted identifier starting at line 1 col 8 in "
        "statement at line 1 col 1: SELECT [abc;");
  CHECK(sqlite_error("SELECT 'abc;") ==
        "1: Unterminated quoted string starting at line 1 col 8 in "
        "statement at line 1 col 1: SELECT 'abc;");
  CHECK(sqlite_error("SELECT 1 /* open;") ==
        "1: Unterminated block comment starting at line 1 col 10 in "
        "statement at line 1 col 1: SELECT 1 /* open;");
  CHECK(sqlite_error("SELECT (1;") ==
        "1: Incomplete statement at line 1 col 1: SELECT (1;");
}

TEST_CASE("a SQLite script with a trigger splits into its statements",
          "[splitter][sqlite][fixture]") {
  auto statements =
      split_sqlite(runway::sql::test::read_fixture("sqlite/V1__triggers.sql"));
  CHECK(runway::sql::test::lines_of(statements) ==
        std::vector<int>{2, 4, 11, 19, 21, 22, 23, 25});
  REQUIRE(statements.size() == 8);
  CHECK(statements[0].non_transactional);
  CHECK(statements[7].non_transactional);
  CHECK_THAT(
      statements[2].sql,
      Catch::Matchers::StartsWith(
          "CREATE TRIGGER order_stamp AFTER INSERT ON [order]") &&
          Catch::Matchers::EndsWith("VALUES ('inserted; ' || new.id);\nEND"));
}

TEST_CASE("SQLite with CRLF line ends and a byte order mark",
          "[splitter][sqlite]") {
  CHECK(split_sqlite("\xEF\xBB\xBF-- c\r\nSELECT 1;\r\n\r\nSELECT 2;\r\n") ==
        Splits{{"-- c\r\nSELECT 1", 2}, {"SELECT 2", 4}});
}
