// Hostile and broken input, table-driven. Each case starts from an SQLite
// database where V0.1 is already applied, adds the case's files and options,
// runs migrate, and checks the exit code, the error text (naming the file and
// line where there is one) and that the database is exactly as before. The
// few inputs that must work (BOM, CRLF, empty file) check the opposite.
#include <catch2/catch.hpp>

#include "reliability_support.hpp"
#include "support/test_databases.hpp"

using namespace runway::test;
using namespace std::string_literals;

namespace {

enum class Outcome { kUntouched, kApplied };

struct Case {
  const char* name;
  std::vector<std::pair<std::string, std::string>> files;  // under the root
  std::vector<std::string> args;
  int exit_code;
  std::vector<std::string> messages;  // "@" stands for the root directory
  Outcome outcome = Outcome::kUntouched;
};

const std::string kNaming = "-validateMigrationNaming=true";
const std::string kSelect = "SELECT 1;\n";

std::string bad_name(const std::string& detail) { return detail; }

std::string unterminated(const std::string& what, const std::string& rest) {
  return "ERROR: Unable to parse statement in @/sql/V1__a.sql: Unterminated " +
         what + " starting at " + rest;
}

std::string bad_utf8(int line) {
  const std::string l = std::to_string(line);
  return "ERROR: @/sql/V1__a.sql:" + l +
         ": Unable to calculate checksum of V1__a.sql\nPlease ensure you "
         "have configured the correct file encoding with 'flyway.encoding' "
         "(invalid UTF-8 at line " +
         l + ")";
}

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      // --- malformed file names (validateMigrationNaming=true): exit 2
      {"separator with one underscore",
       {{"sql/V1_bad.sql", kSelect}},
       {kNaming},
       2,
       {"ERROR: Invalid SQL filenames found:",
        bad_name("Invalid versioned migration name format: V1_bad.sql "
                 "(could not recognise version number 1_bad)")}},
      {"unknown prefix",
       {{"sql/X1__bad.sql", kSelect}},
       {kNaming},
       2,
       {"ERROR: Invalid SQL filenames found:",
        bad_name("Unrecognised migration name format: X1__bad.sql")}},
      {"letters in the version",
       {{"sql/V1.a__bad.sql", kSelect}},
       {kNaming},
       2,
       {"ERROR: Invalid SQL filenames found:",
        bad_name("Invalid versioned migration name format: V1.a__bad.sql "
                 "(could not recognise version number 1.a)")}},
      {"no version",
       {{"sql/V__bad.sql", kSelect}},
       {kNaming},
       2,
       {"ERROR: Invalid SQL filenames found:",
        bad_name("Invalid versioned migration name format: V__bad.sql (It "
                 "must contain a version and should look like this: "
                 "V1.2__bad.sql)")}},
      {"repeatable with a version",
       {{"sql/R1__x.sql", kSelect}},
       {kNaming},
       2,
       {"ERROR: Invalid SQL filenames found:",
        bad_name("Invalid repeatable migration / callback name format: "
                 "R1__x.sql (It cannot contain a version and should look like "
                 "this: R__x.sql)")}},
      {"empty version part",
       {{"sql/V1..2__x.sql", kSelect}},
       {kNaming},
       2,
       {"ERROR: Invalid SQL filenames found:",
        bad_name("(could not recognise version number 1..2)")}},
      {"negative version",
       {{"sql/V-1__x.sql", kSelect}},
       {kNaming},
       2,
       {"ERROR: Invalid SQL filenames found:",
        bad_name("(could not recognise version number -1)")}},
      {"no separator at all",
       {{"sql/V1x.sql", kSelect}},
       {kNaming},
       2,
       {"ERROR: Invalid SQL filenames found:",
        bad_name("(could not recognise version number 1x)")}},
      // --- duplicates: exit 1
      {"two files for version 1",
       {{"sql/V1__a.sql", kSelect}, {"sql/V1__b.sql", kSelect}},
       {},
       1,
       {"ERROR: Found more than one migration with version 1\nOffenders:\n"
        "-> @/sql/V1__a.sql (SQL)\n-> @/sql/V1__b.sql (SQL)"}},
      {"1 and 1.0 are the same version",
       {{"sql/V1__a.sql", kSelect}, {"sql/V1.0__b.sql", kSelect}},
       {},
       1,
       {"ERROR: Found more than one migration with version 1.0",
        "-> @/sql/V1.0__b.sql (SQL)", "-> @/sql/V1__a.sql (SQL)"}},
      {"two repeatables with one description",
       {{"sql/a/R__a.sql", kSelect}, {"sql/b/R__a.sql", "SELECT 2;\n"}},
       {},
       1,
       {"ERROR: Found more than one repeatable migration with description a",
        "-> @/sql/a/R__a.sql (SQL)", "-> @/sql/b/R__a.sql (SQL)"}},
      // --- placeholders
      {"unknown placeholder on line 2",
       {{"sql/V1__a.sql",
         "CREATE TABLE t (x TEXT);\nINSERT INTO t VALUES ('${nope}');\n"}},
       {},
       1,
       {"ERROR: @/sql/V1__a.sql:2: No value provided for placeholder: "
        "${nope}.  Check your configuration!"}},
      {"unknown placeholder in a later script",
       {{"sql/V1__a.sql", "CREATE TABLE t (x TEXT);\n"},
        {"sql/V2__b.sql", "\n\n\nSELECT '${later}';\n"}},
       {},
       1,
       {"ERROR: @/sql/V2__b.sql:4: No value provided for placeholder: "
        "${later}.  Check your configuration!"}},
      {"placeholder carrying SQL that no script uses",
       {{"sql/V1__a.sql", "CREATE TABLE t (x TEXT);\n"}},
       {"-placeholders.evil=x'); DROP TABLE base; --"},
       0,
       {},
       Outcome::kApplied},
      {"placeholder value naming another placeholder is not expanded again",
       {{"sql/V1__a.sql",
         "CREATE TABLE t (x TEXT);\nINSERT INTO t VALUES ('${a}');\n"}},
       {"-placeholders.a=${b}"},
       0,
       {},
       Outcome::kApplied},
      // --- unterminated constructs: exit 1, nothing run
      {"unterminated string",
       {{"sql/V1__a.sql",
         "CREATE TABLE t (x TEXT);\nINSERT INTO t VALUES ('abc);\n"}},
       {},
       1,
       {unterminated("quoted string",
                     "line 2 col 23 in statement at line 2 col 1")}},
      {"unterminated quoted identifier",
       {{"sql/V1__a.sql", "CREATE TABLE t (x TEXT);\nSELECT \"abc;\n"}},
       {},
       1,
       {unterminated("quoted identifier", "line 2 col 8")}},
      {"unterminated backtick identifier",
       {{"sql/V1__a.sql", "CREATE TABLE t (x TEXT);\nSELECT `abc;\n"}},
       {},
       1,
       {unterminated("quoted identifier", "line 2 col 8")}},
      {"unterminated bracket identifier",
       {{"sql/V1__a.sql", "CREATE TABLE t (x TEXT);\nSELECT [abc;\n"}},
       {},
       1,
       {unterminated("quoted identifier", "line 2 col 8")}},
      {"unterminated block comment",
       {{"sql/V1__a.sql", "CREATE TABLE t (x TEXT);\n/* open\n"}},
       {},
       1,
       {unterminated("block comment", "line 2 col 1")}},
      {"unterminated string after many lines",
       {{"sql/V1__a.sql", "CREATE TABLE t (x TEXT);\n\n\n\n\n\nSELECT 'x\n"}},
       {},
       1,
       {unterminated("quoted string", "line 7 col 8")}},
      // --- encoding: exit 1, file and line named
      {"invalid UTF-8 byte",
       {{"sql/V1__a.sql", "SELECT 1;\nSELECT '\xff';\n"}},
       {},
       1,
       {bad_utf8(2)}},
      {"overlong encoding",
       {{"sql/V1__a.sql", "SELECT 1;\n\xc0\xaf\n"}},
       {},
       1,
       {bad_utf8(2)}},
      {"encoded surrogate",
       {{"sql/V1__a.sql", "SELECT 1;\n\xed\xa0\x80\n"}},
       {},
       1,
       {bad_utf8(2)}},
      {"truncated sequence at the end",
       {{"sql/V1__a.sql", "SELECT 1;\n\n-- x\xe2\x82"}},
       {},
       1,
       {bad_utf8(3)}},
      {"lone continuation byte in a comment",
       {{"sql/V1__a.sql", "-- \x80\nSELECT 1;\n"}},
       {},
       1,
       {bad_utf8(1)}},
      {"binary garbage",
       {{"sql/V1__a.sql",
         "\x7f\x45\x4c\x46\x02\x01\x01\x00\xfe\xfa\x00\x01\x9c"s}},
       {},
       1,
       {bad_utf8(1)}},
      {"NUL byte between statements",
       {{"sql/V1__a.sql", "CREATE TABLE t (x TEXT);\n\0 DROP TABLE base;\n"s}},
       {},
       1,
       {"the SQL text contains a NUL byte"}},
      // --- inputs that must work
      {"UTF-8 byte order mark",
       {{"sql/V1__a.sql",
         "\xef\xbb\xbf"
         "CREATE TABLE t (x TEXT);\n"}},
       {},
       0,
       {},
       Outcome::kApplied},
      {"CRLF line ends",
       {{"sql/V1__a.sql",
         "CREATE TABLE t (x TEXT);\r\nINSERT INTO t VALUES "
         "('a\r\nb');\r\n"}},
       {},
       0,
       {},
       Outcome::kApplied},
      {"BOM and CRLF",
       {{"sql/V1__a.sql",
         "\xef\xbb\xbf"
         "SELECT 1;\r\n"}},
       {},
       0,
       {},
       Outcome::kApplied},
      {"empty file", {{"sql/V1__a.sql", ""}}, {}, 0, {}, Outcome::kApplied},
      {"comments only",
       {{"sql/V1__a.sql", "-- nothing\n/* at all */\n"}},
       {},
       0,
       {},
       Outcome::kApplied},
      {"file name with a quote and a semicolon",
       {{"sql/V1__it's; DROP TABLE base.sql", "CREATE TABLE t (x TEXT);\n"}},
       {},
       0,
       {},
       Outcome::kApplied},
      {"installedBy carrying SQL",
       {{"sql/V1__a.sql", kSelect}},
       {"-installedBy=o'); DROP TABLE base; --"},
       0,
       {},
       Outcome::kApplied},
      // --- configuration: exit 2
      {"invalid TOML",
       {{"flyway.toml", "url = [\n"}},
       {},
       2,
       {"ERROR: Error parsing config file at [line 1, column 9] in "
        "@/flyway.toml: "}},
      {"unknown key in TOML",
       {{"flyway.toml", "[flyway]\nnosuchkey = 1\n"}},
       {},
       2,
       {"ERROR: Unknown configuration key 'flyway.nosuchkey' in "
        "@/flyway.toml."}},
      {"unknown option on the command line",
       {},
       {"-nosuchoption=1"},
       2,
       {"ERROR: Unknown configuration key 'nosuchoption' in the command "
        "line."}},
      {"string where TOML wants a number",
       {{"flyway.toml", "[flyway]\nlockRetryCount = \"many\"\n"}},
       {},
       2,
       {"lockRetryCount", "@/flyway.toml"}},
      {"number option that is not a number",
       {},
       {"-lockRetryCount=abc"},
       2,
       {"lockRetryCount"}},
      {"missing configFiles file",
       {},
       {"-configFiles=@/missing.toml"},
       2,
       {"@/missing.toml"}},
      {"URL with no path",
       {},
       {"-url=jdbc:sqlite"},
       2,
       {"ERROR: No database found to handle jdbc:sqlite"}},
      {"URL of an unknown database",
       {},
       {"-url=jdbc:nosuchdb://x"},
       2,
       {"jdbc:nosuchdb://x"}},
      {"URL with a port that is not a number",
       {},
       {"-url=jdbc:postgresql://host:notaport/db"},
       2,
       {"notaport"}},
      {"target that is not a version", {}, {"-target=abc"}, 2, {"abc"}},
      {"classpath location",
       {},
       {"-locations=classpath:db"},
       2,
       {"classpath:db"}},
      {"unknown encoding",
       {{"sql/V1__a.sql", kSelect}},
       {"-encoding=NOPE"},
       2,
       {"ERROR: Invalid value for flyway.encoding (should be a supported "
        "encoding such as UTF-8, ISO-8859-1 or windows-1252): NOPE"}},
      {"unknown encoding in TOML",
       {{"sql/V1__a.sql", kSelect},
        {"flyway.toml", "[flyway]\nencoding = \"NOPE\"\n"}},
       {},
       2,
       {"ERROR: Invalid value for flyway.encoding (should be a supported "
        "encoding such as UTF-8, ISO-8859-1 or windows-1252): NOPE\n\tin "
        "@/flyway.toml"}},
  };
  return all;
}

std::string expand(std::string text, const std::string& root) {
  for (auto at = text.find('@'); at != std::string::npos;
       at = text.find('@', at + root.size())) {
    text.replace(at, 1, root);
  }
  return text;
}

}  // namespace

TEST_CASE("hostile input: at least 40 cases", "[hostile]") {
  CHECK(cases().size() >= 40);
}

TEST_CASE("hostile and broken input fails cleanly and touches nothing",
          "[hostile][sqlite]") {
  for (const Case& c : cases()) {
    DYNAMIC_SECTION(c.name) {
      TempSqliteFile db;
      ScratchDir root;
      root.write("sql/V0_1__base.sql", "CREATE TABLE base (id INTEGER);\n");
      ProcessOptions in_root;
      in_root.working_directory = root.path();
      const std::vector<std::string> common{
          "-url=" + db.jdbc_url(), "-locations=" + root.location() + "/sql"};
      auto before_run = common;
      before_run.push_back("migrate");
      REQUIRE(run_runway(before_run, in_root).exit_code == 0);
      const auto before = sqlite_snapshot(*open_url(db.jdbc_url()));

      for (const auto& [name, text] : c.files) root.write(name, text);
      auto args = common;
      for (const auto& a : c.args) args.push_back(expand(a, root.path()));
      args.push_back("migrate");
      const ProcessResult r = run_runway(args, in_root);
      INFO(r.err);
      CHECK(r.exit_code == c.exit_code);
      for (const auto& m : c.messages)
        CHECK(contains(r.err, expand(m, root.path())));
      auto conn = open_url(db.jdbc_url());
      if (c.outcome == Outcome::kUntouched) {
        CHECK(sqlite_snapshot(*conn) == before);
      } else {
        CHECK(rows_of(*conn,
                      "SELECT version, success FROM "
                      "flyway_schema_history ORDER BY installed_rank") ==
              std::vector<std::string>{"0.1|1", "1|1"});
        CHECK(rows_of(*conn, "SELECT count(*) FROM base") ==
              std::vector<std::string>{"0"});
      }
    }
  }
}

TEST_CASE(
    "an unknown encoding is a configuration error raised before connecting "
    "or scanning",
    "[hostile][config]") {
  // Nothing listens on port 1 and the location does not exist: exit 2 shows
  // the value was checked first.
  const ProcessResult r =
      run_runway({"-url=jdbc:postgresql://127.0.0.1:1/nodb",
                  "-locations=filesystem:/nonexistent/runway", "-encoding=NOPE",
                  "migrate"});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "ERROR: Invalid value for flyway.encoding (should be a supported "
        "encoding such as UTF-8, ISO-8859-1 or windows-1252): NOPE\n");
  for (const std::string name : {"ISO8859_1", "windows-1252", "utf8"}) {
    INFO(name);
    const ProcessResult ok =
        run_runway({"-url=jdbc:postgresql://127.0.0.1:1/nodb",
                    "-encoding=" + name, "-connectRetries=0", "info"});
    CHECK(ok.exit_code == 3);  // got as far as connecting
  }
}

TEST_CASE("CRLF and LF copies of a script have the same checksum",
          "[hostile][sqlite]") {
  std::vector<std::string> checksums;
  for (const std::string eol : {"\n", "\r\n"}) {
    TempSqliteFile db;
    ScratchDir root;
    root.write("V1__a.sql", "CREATE TABLE t (x TEXT);" + eol +
                                "INSERT INTO t VALUES ('a');" + eol);
    const ProcessResult r = run_runway(
        {"-url=" + db.jdbc_url(), "-locations=" + root.location(), "migrate"});
    REQUIRE(r.exit_code == 0);
    checksums.push_back(rows_of(*open_url(db.jdbc_url()),
                                "SELECT checksum FROM flyway_schema_history")
                            .at(0));
  }
  CHECK(checksums.at(0) == checksums.at(1));
}
