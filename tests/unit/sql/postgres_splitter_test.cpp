#include <catch2/catch.hpp>

#include "split_helpers.hpp"

using runway::sql::Dialect;
using runway::sql::test::split_error;
using runway::sql::test::split_pg;
using Splits = std::vector<runway::sql::test::Split>;

namespace {

std::string pg_error(const std::string& text) {
  return split_error(Dialect::kPostgreSQL, text);
}

}  // namespace

TEST_CASE("statements end at semicolons and keep Flyway's text rules",
          "[splitter][postgres]") {
  CHECK(split_pg("SELECT 1;\nSELECT 2;\n") ==
        Splits{{"SELECT 1", 1}, {"SELECT 2", 2}});
  CHECK(split_pg("  \n\tSELECT 1  ;  SELECT 2 ;") ==
        Splits{{"SELECT 1", 2}, {"SELECT 2", 2}});
  CHECK(split_pg("SELECT 1;\nSELECT 2\n") ==
        Splits{{"SELECT 1", 1}, {"SELECT 2", 2}});
}

TEST_CASE(
    "leading comments stay with the statement, its line is the first "
    "token's",
    "[splitter][postgres]") {
  CHECK(
      split_pg("-- header\n\n/* block\n comment */\nCREATE TABLE t (id int);"
               " -- trailing it's\nSELECT 1;") ==
      Splits{{"-- header\n\n/* block\n comment */\nCREATE TABLE t (id int)", 5},
             {"-- trailing it's\nSELECT 1", 6}});
}

TEST_CASE("statements made only of comments are dropped",
          "[splitter][postgres]") {
  CHECK(split_pg("") == Splits{});
  CHECK(split_pg("  \n\n ") == Splits{});
  CHECK(split_pg("-- only\n/* comments */\n") == Splits{});
  CHECK(split_pg("SELECT 1;\n-- nothing\n;\n/* here */;\n;;\nSELECT 2;\n"
                 "-- end of script") ==
        Splits{{"SELECT 1", 1}, {"SELECT 2", 6}});
}

TEST_CASE("single-quoted strings hide semicolons and double their quotes",
          "[splitter][postgres]") {
  CHECK(split_pg("INSERT INTO t VALUES ('a;b', 'it''s; ok', '');\n"
                 "INSERT INTO t VALUES ('line one;\nline two');\nSELECT 3;") ==
        Splits{{"INSERT INTO t VALUES ('a;b', 'it''s; ok', '')", 1},
               {"INSERT INTO t VALUES ('line one;\nline two')", 2},
               {"SELECT 3", 4}});
}

TEST_CASE("a backslash does not escape a quote in a standard string",
          "[splitter][postgres]") {
  CHECK(split_pg("SELECT 'C:\\';SELECT 2;") ==
        Splits{{"SELECT 'C:\\'", 1}, {"SELECT 2", 1}});
}

TEST_CASE("E strings take backslash escapes, in either case",
          "[splitter][postgres]") {
  CHECK(split_pg("SELECT E'it\\'s; fine';\nSELECT e'\\\\';\n"
                 "SELECT E'a''b\\\\\\';c';\nSELECT 4;") ==
        Splits{{"SELECT E'it\\'s; fine'", 1},
               {"SELECT e'\\\\'", 2},
               {"SELECT E'a''b\\\\\\';c'", 3},
               {"SELECT 4", 4}});
}

TEST_CASE("an E string continued on the next line keeps its escapes",
          "[splitter][postgres]") {
  // As the server and libpg_query read it (psql, reading line by line,
  // would cut after '\' and fail).
  CHECK(split_pg("SELECT E'a'\n  '\\'; still the string';\nSELECT 2;") ==
        Splits{{"SELECT E'a'\n  '\\'; still the string'", 1}, {"SELECT 2", 3}});
  // Without a newline in between the second quote is a new string.
  CHECK(split_pg("SELECT E'a' '\\';SELECT 2;") ==
        Splits{{"SELECT E'a' '\\'", 1}, {"SELECT 2", 1}});
}

TEST_CASE("a word ending in e is not an E string prefix",
          "[splitter][postgres]") {
  CHECK(split_pg("SELECT name'x\\';SELECT 2;") ==
        Splits{{"SELECT name'x\\'", 1}, {"SELECT 2", 1}});
}

TEST_CASE("U&, B, X and N strings", "[splitter][postgres]") {
  CHECK(split_pg("SELECT U&'d\\0061t;a', B'10;1', X'1F;', N'na;me';"
                 "SELECT U&'\\';SELECT u&\"col;\";SELECT 4;") ==
        Splits{{"SELECT U&'d\\0061t;a', B'10;1', X'1F;', N'na;me'", 1},
               {"SELECT U&'\\'", 1},
               {"SELECT u&\"col;\"", 1},
               {"SELECT 4", 1}});
}

TEST_CASE("double-quoted identifiers hide semicolons and quotes",
          "[splitter][postgres]") {
  CHECK(
      split_pg("CREATE TABLE \"we;ird\"\"name\" (\"it's\" int);\nSELECT 2;") ==
      Splits{{"CREATE TABLE \"we;ird\"\"name\" (\"it's\" int)", 1},
             {"SELECT 2", 2}});
}

TEST_CASE("dollar-quoted body keeps its semicolons", "[splitter][postgres]") {
  std::string function =
      "CREATE FUNCTION f() RETURNS text AS $$\n"
      "BEGIN\n"
      "  RETURN 'it''s; $ fine';\n"
      "END;\n"
      "$$ LANGUAGE plpgsql";
  CHECK(split_pg(function + ";\nSELECT f();\n") ==
        Splits{{function, 1}, {"SELECT f()", 6}});
}

TEST_CASE("dollar quote tags must match exactly", "[splitter][postgres]") {
  std::string nested =
      "DO $outer$\nBEGIN\n  EXECUTE $inner$ SELECT 1; $inner$;\n"
      "  PERFORM $$ ; $$;\nEND\n$outer$";
  CHECK(split_pg(nested + ";SELECT 2;") ==
        Splits{{nested, 1}, {"SELECT 2", 6}});
  CHECK(split_pg("SELECT $A$ x; $a$ still; $A$;SELECT 2;") ==
        Splits{{"SELECT $A$ x; $a$ still; $A$", 1}, {"SELECT 2", 1}});
  CHECK(split_pg("SELECT $_$;$_$, $a1$;$a1$, $é$;$é$;SELECT 2;") ==
        Splits{{"SELECT $_$;$_$, $a1$;$a1$, $é$;$é$", 1}, {"SELECT 2", 1}});
}

TEST_CASE("a dollar inside a word or before a digit is not a dollar quote",
          "[splitter][postgres]") {
  CHECK(split_pg("SELECT a$b$ FROM t;SELECT 2;") ==
        Splits{{"SELECT a$b$ FROM t", 1}, {"SELECT 2", 1}});
  CHECK(split_pg("PREPARE p(int) AS SELECT $1;EXECUTE p(1);") ==
        Splits{{"PREPARE p(int) AS SELECT $1", 1}, {"EXECUTE p(1)", 1}});
  CHECK(split_pg("SELECT $1$$;$$;SELECT 2;") ==
        Splits{{"SELECT $1$$;$$", 1}, {"SELECT 2", 1}});
  // '$' followed by a word but no closing '$' is an operator-like char.
  CHECK(split_pg("SELECT $abc;SELECT 2;") ==
        Splits{{"SELECT $abc", 1}, {"SELECT 2", 1}});
}

TEST_CASE("block comments nest and hide semicolons and quotes",
          "[splitter][postgres]") {
  CHECK(split_pg("/* outer /* inner; */ still comment; it's */ SELECT 1;"
                 "SELECT 2 /* x; */;") ==
        Splits{{"/* outer /* inner; */ still comment; it's */ SELECT 1", 1},
               {"SELECT 2 /* x; */", 1}});
  CHECK(split_pg("SELECT 1 /*/ still; open */;SELECT 2;") ==
        Splits{{"SELECT 1 /*/ still; open */", 1}, {"SELECT 2", 1}});
}

TEST_CASE("line comments hide semicolons and quotes", "[splitter][postgres]") {
  CHECK(split_pg("SELECT 1 -- not the end; it's\n, 2;SELECT 3--;\n;") ==
        Splits{{"SELECT 1 -- not the end; it's\n, 2", 1}, {"SELECT 3--;", 2}});
}

TEST_CASE("semicolons inside parentheses do not end a statement",
          "[splitter][postgres]") {
  std::string rule =
      "CREATE RULE log_update AS ON UPDATE TO t DO ALSO (\n"
      "  INSERT INTO log VALUES (old.id);\n"
      "  UPDATE stats SET n = n + 1;\n"
      ")";
  CHECK(split_pg(rule + ";\nSELECT 1;") == Splits{{rule, 1}, {"SELECT 1", 5}});
  // psql never lets the depth go below zero.
  CHECK(split_pg("SELECT 1);SELECT 2;") ==
        Splits{{"SELECT 1)", 1}, {"SELECT 2", 1}});
}

TEST_CASE("BEGIN ATOMIC bodies keep their semicolons", "[splitter][postgres]") {
  std::string function =
      "CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql\n"
      "BEGIN ATOMIC\n"
      "  SELECT a + b;\n"
      "END";
  std::string procedure =
      "create or replace procedure p() language sql begin atomic "
      "insert into t values (1); select case when true then 1 else 2 end; "
      "end";
  CHECK(split_pg(function + ";\n" + procedure + ";\nSELECT 1;") ==
        Splits{{function, 1}, {procedure, 5}, {"SELECT 1", 6}});
}

TEST_CASE("BEGIN and END outside a routine are transaction statements",
          "[splitter][postgres]") {
  CHECK(split_pg("BEGIN;\nSELECT 1;\nEND;\nSELECT CASE WHEN x THEN 1 END;") ==
        Splits{{"BEGIN", 1},
               {"SELECT 1", 2},
               {"END", 3},
               {"SELECT CASE WHEN x THEN 1 END", 4}});
  CHECK(split_pg("CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END "
                 "$$ LANGUAGE plpgsql;\nCREATE TABLE begin_log (\"begin\" "
                 "int);") ==
        Splits{{"CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ "
                "LANGUAGE plpgsql",
                1},
               {"CREATE TABLE begin_log (\"begin\" int)", 2}});
}

TEST_CASE("standard_conforming_strings off makes backslash escape quotes",
          "[splitter][postgres]") {
  std::string script =
      "SET standard_conforming_strings = off;\n"
      "INSERT INTO t VALUES ('it\\'s; here');\n"
      "RESET standard_conforming_strings;\n"
      "INSERT INTO t VALUES ('back\\');\n";
  CHECK(split_pg(script) == Splits{{"SET standard_conforming_strings = off", 1},
                                   {"INSERT INTO t VALUES ('it\\'s; here')", 2},
                                   {"RESET standard_conforming_strings", 3},
                                   {"INSERT INTO t VALUES ('back\\')", 4}});
}

TEST_CASE("every spelling of the standard_conforming_strings switch counts",
          "[splitter][postgres]") {
  // With backslash escapes '\'' is one string; without, '\'';SELECT '
  // is, so the script below has one statement fewer.
  auto statements_after = [](const std::string& set) {
    return split_pg(set + ";\nSELECT '\\'';SELECT '\\'';SELECT 3;").size();
  };
  for (const char* off :
       {"SET standard_conforming_strings = off",
        "set STANDARD_CONFORMING_STRINGS to OFF",
        "SET standard_conforming_strings = false",
        "SET standard_conforming_strings = 0",
        "SET standard_conforming_strings = 'off'",
        "SET standard_conforming_strings TO 'no'",
        "SET SESSION standard_conforming_strings = of",
        "SET LOCAL standard_conforming_strings = f",
        "/* c */ SET standard_conforming_strings = off",
        "SET /* a /* nested */ c */ standard_conforming_strings -- x\n= off",
        "SET \"standard_conforming_strings\" = 'OFF'"}) {
    INFO(off);
    CHECK(statements_after(off) == 4);
  }
  for (const char* on :
       {"SET standard_conforming_strings = on",
        "SET standard_conforming_strings = DEFAULT",
        "SET standard_conforming_strings = 'o'", "SET application_name = off",
        "SELECT 'SET standard_conforming_strings "
        "= off'"}) {
    INFO(on);
    CHECK(statements_after(on) == 3);
  }
  CHECK(split_pg("SET standard_conforming_strings = off;\nRESET ALL;\n"
                 "SELECT '\\'';SELECT '\\'';SELECT 3;")
            .size() == 4);
}

TEST_CASE("CRLF line ends and a leading byte order mark",
          "[splitter][postgres]") {
  CHECK(split_pg("\xEF\xBB\xBFSELECT 1;\r\n\r\nSELECT 2;\r\n") ==
        Splits{{"SELECT 1", 1}, {"SELECT 2", 3}});
}

TEST_CASE("psql meta-commands are not interpreted", "[splitter][postgres]") {
  CHECK(split_pg("\\set ON_ERROR_STOP on\nSELECT 1;") ==
        Splits{{"\\set ON_ERROR_STOP on\nSELECT 1", 1}});
}

TEST_CASE("unterminated constructs name themselves and where they start",
          "[splitter][postgres]") {
  CHECK(pg_error("SELECT 1;\nSELECT 'abc;\n") ==
        "2: Unterminated quoted string starting at line 2 col 8 in statement "
        "at line 2 col 1: SELECT 'abc;");
  CHECK(pg_error("SELECT E'abc\\';") ==
        "1: Unterminated quoted string starting at line 1 col 8 in statement "
        "at line 1 col 1: SELECT E'abc\\';");
  CHECK(pg_error("SELECT \"abc;") ==
        "1: Unterminated quoted identifier starting at line 1 col 8 in "
        "statement at line 1 col 1: SELECT \"abc;");
  CHECK(pg_error("-- c\nCREATE FUNCTION f() RETURNS int AS $body$\n"
                 "SELECT 1;\n$bod$;\n") ==
        "2: Unterminated dollar-quoted string $body$ starting at line 2 col 36 "
        "in statement at line 2 col 1: -- c\nCREATE FUNCTION f() RETURNS int "
        "AS $body$\nSELECT 1;\n$bod$;");
  CHECK(pg_error("SELECT 1;\n  /* open /* nested */\n") ==
        "2: Unterminated block comment starting at line 2 col 3 in statement "
        "at line 2 col 3: /* open /* nested */");
  CHECK(pg_error("CREATE PROCEDURE p() LANGUAGE sql\nBEGIN ATOMIC\n"
                 "  INSERT INTO t VALUES (1);\n") ==
        "2: Unterminated BEGIN ... END block starting at line 2 col 1 in "
        "statement at line 1 col 1: CREATE PROCEDURE p() LANGUAGE sql\n"
        "BEGIN ATOMIC\n  INSERT INTO t VALUES (1);");
}

TEST_CASE("an unclosed parenthesis is an incomplete statement",
          "[splitter][postgres]") {
  CHECK(pg_error("SELECT 1;\n\nSELECT (1;\nSELECT 2;") ==
        "3: Incomplete statement at line 3 col 1: SELECT (1;\nSELECT 2;");
}

TEST_CASE("error messages show the first 100 characters of the statement",
          "[splitter][postgres]") {
  std::string long_text(150, 'x');
  CHECK(pg_error("SELECT 'é" + long_text) ==
        "1: Unterminated quoted string starting at line 1 col 8 in statement "
        "at line 1 col 1: SELECT 'é" +
            long_text.substr(0, 91));
}

TEST_CASE("columns count characters, not bytes", "[splitter][postgres]") {
  CHECK(pg_error("SELECT 'größe', 'x") ==
        "1: Unterminated quoted string starting at line 1 col 17 in statement "
        "at line 1 col 1: SELECT 'größe', 'x");
}
