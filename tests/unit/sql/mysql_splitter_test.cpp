#include <catch2/catch.hpp>

#include "split_helpers.hpp"

using runway::sql::Dialect;
using runway::sql::test::split_error;
using runway::sql::test::split_mysql;
using Splits = std::vector<runway::sql::test::Split>;

namespace {

std::string mysql_error(const std::string& text) {
  return split_error(Dialect::kMySQL, text);
}

}  // namespace

TEST_CASE("MySQL statements end at semicolons with Flyway's text rules",
          "[splitter][mysql]") {
  CHECK(split_mysql("# header\nCREATE TABLE t (id INT);\n-- comment\n;\n"
                    "INSERT INTO t VALUES (1)") ==
        Splits{{"# header\nCREATE TABLE t (id INT)", 2},
               {"INSERT INTO t VALUES (1)", 5}});
}

TEST_CASE("MySQL strings take backslash escapes in both quote styles",
          "[splitter][mysql]") {
  CHECK(split_mysql("INSERT INTO t VALUES ('it\\'s;', \"say \\\"hi\\\";\", "
                    "'a''b;', \"c\"\"d;\", _utf8mb4'x;', X'3B');\nSELECT 2;") ==
        Splits{{"INSERT INTO t VALUES ('it\\'s;', \"say \\\"hi\\\";\", "
                "'a''b;', \"c\"\"d;\", _utf8mb4'x;', X'3B')",
                1},
               {"SELECT 2", 2}});
  CHECK(split_mysql("SELECT '\\\\';SELECT 2;") ==
        Splits{{"SELECT '\\\\'", 1}, {"SELECT 2", 1}});
}

TEST_CASE("backticked identifiers hide semicolons and quotes",
          "[splitter][mysql]") {
  CHECK(split_mysql("CREATE TABLE `we;ird``name` (`it's` INT, `begin` INT);"
                    "SELECT 1;") ==
        Splits{{"CREATE TABLE `we;ird``name` (`it's` INT, `begin` INT)", 1},
               {"SELECT 1", 1}});
}

TEST_CASE("a double dash starts a comment only when followed by whitespace",
          "[splitter][mysql]") {
  CHECK(split_mysql("SELECT 5--3;\nSELECT 1 -- it's; a comment\n;\n"
                    "SELECT 2 --\n;\nSELECT 3 --;\n") ==
        Splits{{"SELECT 5--3", 1},
               {"SELECT 1 -- it's; a comment", 2},
               {"SELECT 2 --", 4},
               {"SELECT 3 --", 6}});
}

// MariaDB's /*M! is a plain comment to Flyway's MySQLParser too.
TEST_CASE("executable comments are statements, plain comments are not",
          "[splitter][mysql]") {
  CHECK(split_mysql("/*!40101 SET @OLD_CHARACTER_SET_CLIENT="
                    "@@CHARACTER_SET_CLIENT */;\n"
                    "/*!40101 SET NAMES utf8mb4 */;\n"
                    "/* a plain comment; it's */;\n"
                    "/*! without a version, a comment as in Flyway; */;\n"
                    "/*!4010 four digits are no version */;\n"
                    "/*M!100316 SET @y = 1 */;\n"
                    "/*! it's */ SELECT 1;\n"
                    "/*M!999999\\- enable the sandbox mode */\nSELECT 2;\n") ==
        Splits{{"/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT "
                "*/",
                1},
               {"/*!40101 SET NAMES utf8mb4 */", 2},
               {"/*! it's */ SELECT 1", 7},
               {"/*M!999999\\- enable the sandbox mode */\nSELECT 2", 9}});
}

TEST_CASE("MySQL block comments nest as in Flyway", "[splitter][mysql]") {
  CHECK(split_mysql("/* a /* b; */ c; */ SELECT 1;SELECT 2;") ==
        Splits{{"/* a /* b; */ c; */ SELECT 1", 1}, {"SELECT 2", 1}});
}

TEST_CASE("DELIMITER lines change the delimiter and are not sent",
          "[splitter][mysql]") {
  std::string procedure =
      "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND";
  std::string function =
      "CREATE FUNCTION f() RETURNS INT DETERMINISTIC\nBEGIN\n  RETURN 1;\n"
      "END";
  CHECK(split_mysql("-- before\nDELIMITER //\n" + procedure +
                    " //\ndelimiter ;\nSELECT 3;\nDELIMITER $$\n" + function +
                    "$$\nDELIMITER ;\nSELECT 4;") ==
        Splits{
            {procedure, 3}, {"SELECT 3", 9}, {function, 11}, {"SELECT 4", 16}});
}

TEST_CASE("a DELIMITER line without a delimiter takes the next non-blank line",
          "[splitter][mysql]") {
  // As Flyway reads it (MeterSphere ships scripts written so); the lines
  // that set it are not sent, and lines are still counted.
  std::string procedure = "CREATE PROCEDURE p1() BEGIN SELECT 1; SELECT 2; END";
  CHECK(split_mysql("DELIMITER\n$$\n" + procedure +
                    "$$\nDELIMITER ;\n"
                    "SELECT 3;\nDELIMITER \r\n\n  //  \r\nSELECT 4 //\n") ==
        Splits{{procedure, 3}, {"SELECT 3", 5}, {"SELECT 4", 9}});
}

TEST_CASE("any delimiter text works", "[splitter][mysql]") {
  CHECK(split_mysql("DELIMITER ;;\nSELECT 1;;\nSELECT 2; SELECT 3;;\n"
                    "DELIMITER |\nSELECT 'a|b' |\nDELIMITER #\nSELECT 4 #\n"
                    "DELIMITER;\nSELECT 5;") ==
        Splits{{"SELECT 1", 2},
               {"SELECT 2; SELECT 3", 3},
               {"SELECT 'a|b'", 5},
               {"SELECT 4", 7},
               {"SELECT 5", 9}});
}

TEST_CASE("with a custom delimiter only the delimiter ends a statement",
          "[splitter][mysql]") {
  CHECK(split_mysql("DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT (1 //\n"
                    "SELECT 2 //\n") ==
        Splits{{"CREATE PROCEDURE p() BEGIN SELECT (1", 2}, {"SELECT 2", 3}});
}

TEST_CASE("a delimiter change inside a statement is an error",
          "[splitter][mysql]") {
  CHECK(mysql_error("SELECT 1;\n\nSELECT a,\nDELIMITER //\n") ==
        "3: Delimiter changed inside statement at line 3 col 1: SELECT a,");
  CHECK(mysql_error("SELECT 1;\nDELIMITER  \n\n  \r\n") ==
        "2: DELIMITER must be followed by a 'delimiter' character or string "
        "at line 2");
  CHECK(mysql_error("SELECT 1;\nDELIMITER \\\\\n") ==
        "2: DELIMITER cannot contain a backslash character at line 2");
  // A column called delimiter in the middle of a line is just a column.
  CHECK(split_mysql("SELECT a, delimiter FROM t;") ==
        Splits{{"SELECT a, delimiter FROM t", 1}});
}

TEST_CASE("stored programs without DELIMITER keep their BEGIN ... END body",
          "[splitter][mysql]") {
  std::string procedure =
      "CREATE PROCEDURE p(IN x INT)\n"
      "BEGIN\n"
      "  DECLARE i INT DEFAULT 0;\n"
      "  IF x > 0 THEN\n"
      "    SET i = 1;\n"
      "  ELSEIF x < 0 THEN\n"
      "    SET i = -1;\n"
      "  END IF;\n"
      "  WHILE i < 10 DO\n"
      "    SET i = i + 1;\n"
      "  END WHILE;\n"
      "  lbl: LOOP\n"
      "    LEAVE lbl;\n"
      "  END LOOP lbl;\n"
      "  REPEAT SET i = i - 1; UNTIL i = 0 END REPEAT;\n"
      "  CASE x WHEN 1 THEN SELECT 'one'; ELSE SELECT 'other'; END CASE;\n"
      "  SELECT CASE WHEN x = 1 THEN 'a' ELSE 'b' END;\n"
      "  inner_block: BEGIN\n"
      "    SELECT 2;\n"
      "  END inner_block;\n"
      "END";
  CHECK(split_mysql(procedure + ";\nSELECT 1;") ==
        Splits{{procedure, 1}, {"SELECT 1", 22}});
}

TEST_CASE("every stored program form opens a block at BEGIN",
          "[splitter][mysql]") {
  for (const char* program : {
           "CREATE DEFINER=`root`@`localhost` PROCEDURE p() BEGIN SELECT 1; "
           "END",
           "CREATE DEFINER=root@localhost FUNCTION f() RETURNS INT BEGIN "
           "RETURN 1; END",
           "CREATE DEFINER = 'admin'@'%' TRIGGER t BEFORE INSERT ON x FOR EACH "
           "ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END",
           "CREATE DEFINER = CURRENT_USER PROCEDURE p() BEGIN SELECT 1; END",
           "CREATE OR REPLACE PROCEDURE p() BEGIN SELECT 1; END",
           "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; "
           "DELETE FROM u; END",
           "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a "
           "= 1; SET NEW.b = 2; END",
       }) {
    INFO(program);
    CHECK(split_mysql(std::string(program) + ";\nSELECT 2;") ==
          Splits{{program, 1}, {"SELECT 2", 2}});
  }
}

TEST_CASE("BEGIN outside a stored program is a transaction statement",
          "[splitter][mysql]") {
  CHECK(split_mysql("BEGIN;\nINSERT INTO t VALUES (1);\nCOMMIT;\n"
                    "CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW SET "
                    "NEW.a = 1;\nSELECT 2;") ==
        Splits{{"BEGIN", 1},
               {"INSERT INTO t VALUES (1)", 2},
               {"COMMIT", 3},
               {"CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW SET NEW.a = "
                "1",
                4},
               {"SELECT 2", 5}});
}

TEST_CASE("MariaDB BEGIN NOT ATOMIC blocks are one statement",
          "[splitter][mysql]") {
  std::string block =
      "BEGIN NOT ATOMIC\n  DECLARE x INT;\n  SET x = 1;\n  IF x THEN SELECT "
      "x; END IF;\nEND";
  CHECK(split_mysql(block + ";\nSELECT 1;") ==
        Splits{{block, 1}, {"SELECT 1", 6}});
}

TEST_CASE("MySQL unterminated constructs are errors", "[splitter][mysql]") {
  CHECK(mysql_error("SELECT 'abc\\';") ==
        "1: Unterminated quoted string starting at line 1 col 8 in statement "
        "at line 1 col 1: SELECT 'abc\\';");
  CHECK(mysql_error("SELECT `abc;") ==
        "1: Unterminated quoted identifier starting at line 1 col 8 in "
        "statement at line 1 col 1: SELECT `abc;");
  CHECK(mysql_error("/*!40101 SET x = 1;") ==
        "1: Unterminated executable comment starting at line 1 col 1 in "
        "statement at line 1 col 1: /*!40101 SET x = 1;");
  CHECK(mysql_error("CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n") ==
        "2: Unterminated BEGIN ... END block starting at line 2 col 1 in "
        "statement at line 1 col 1: CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;");
  CHECK(mysql_error("SELECT (1;") ==
        "1: Incomplete statement at line 1 col 1: SELECT (1;");
}

TEST_CASE("a mysqldump script splits into its statements",
          "[splitter][mysql][fixture]") {
  auto statements =
      split_mysql(runway::sql::test::read_fixture("mysql/V1__mysqldump.sql"));
  CHECK(runway::sql::test::lines_of(statements) ==
        std::vector<int>{6, 7, 8, 14, 15, 16, 22, 24, 25, 26, 27, 28, 31, 36});
  REQUIRE(statements.size() == 14);
  CHECK(statements[0].sql ==
        "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n"
        "-- Host: localhost    Database: shop\n"
        "-- ------------------------------------------------------\n\n"
        "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */");
  CHECK(statements[9].sql ==
        "INSERT INTO `order` VALUES (1,'it\\'s; here',0),(2,\"double "
        "\\\"quoted\\\"; text\",1)");
  CHECK(statements[12].sql ==
        "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 "
        "TRIGGER `order_bi` BEFORE INSERT ON `order` FOR EACH ROW BEGIN\n"
        "  SET NEW.note = TRIM(NEW.note);\nEND */");
}

TEST_CASE("procedures with and without DELIMITER in one script",
          "[splitter][mysql][fixture]") {
  auto statements =
      split_mysql(runway::sql::test::read_fixture("mysql/V2__procedures.sql"));
  CHECK(runway::sql::test::lines_of(statements) ==
        std::vector<int>{3, 10, 23, 29, 30});
  REQUIRE(statements.size() == 5);
  CHECK_THAT(statements[1].sql,
             Catch::Matchers::StartsWith("CREATE PROCEDURE touch_all()") &&
                 Catch::Matchers::EndsWith("    COMMIT;\n  END IF;\nEND"));
  CHECK(statements[2].sql ==
        "CREATE FUNCTION label(x INT) RETURNS VARCHAR(10) DETERMINISTIC\n"
        "BEGIN\n  RETURN CASE WHEN x > 0 THEN 'pos' ELSE 'neg' END;\nEND");
}

TEST_CASE("DELIMITER lines with CRLF line ends", "[splitter][mysql]") {
  CHECK(
      split_mysql("DELIMITER //\r\nCREATE PROCEDURE p() BEGIN SELECT 1; "
                  "END //\r\nDELIMITER ;\r\nSELECT 2;\r\n") ==
      Splits{{"CREATE PROCEDURE p() BEGIN SELECT 1; END", 2}, {"SELECT 2", 4}});
}
