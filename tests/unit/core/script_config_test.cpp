#include "runway/core/script_config.hpp"

#include <catch2/catch.hpp>

#include "runway/core/error.hpp"

namespace runway {
namespace {

struct Failure {
  std::string message;
  int line = -1;
  std::string code;
};

template <typename F>
Failure failure_of(F&& parse) {
  try {
    parse();
  } catch (const MigrationFileError& e) {
    return {e.what(), e.line(), e.code()};
  }
  FAIL("no error");
  return {};
}

}  // namespace

TEST_CASE(".sql.conf keys are read", "[script_config]") {
  ScriptConfig config = parse_script_config(
      "# comment\n"
      "! also a comment\n"
      "executeInTransaction=false\n"
      "  encoding = ISO-8859-1  \r\n"
      "placeholderReplacement:TRUE\n",
      "V1__x.sql.conf");
  CHECK(config.execute_in_transaction == false);
  CHECK(config.encoding == "ISO-8859-1");
  CHECK(config.placeholder_replacement == true);
}

TEST_CASE(".sql.conf keys not given stay unset", "[script_config]") {
  ScriptConfig config = parse_script_config("\n\n", "V1__x.sql.conf");
  CHECK_FALSE(config.execute_in_transaction.has_value());
  CHECK_FALSE(config.encoding.has_value());
  CHECK_FALSE(config.placeholder_replacement.has_value());
}

TEST_CASE(".sql.conf accepts whitespace as key separator and last key wins",
          "[script_config]") {
  ScriptConfig config = parse_script_config(
      "executeInTransaction true\nexecuteInTransaction  False", "f");
  CHECK(config.execute_in_transaction == false);
}

TEST_CASE(".sql.conf booleans must be true or false", "[script_config]") {
  Failure f = failure_of(
      [] { parse_script_config("executeInTransaction=yes\n", "V1.sql.conf"); });
  CHECK(f.message ==
        "Invalid value for executeInTransaction (should be either true or "
        "false): yes");
  CHECK(f.code == "CONFIGURATION");
  CHECK(f.line == 0);
  CHECK(failure_of([] {
          parse_script_config("placeholderReplacement=", "f");
        }).message ==
        "Invalid value for placeholderReplacement (should be "
        "either true or false): ");
}

TEST_CASE(".sql.conf rejects unknown keys", "[script_config]") {
  CHECK(failure_of([] {
          parse_script_config("executeInTransaction=true\nfoo=1\n", "f");
        }).message ==
        "Unknown configuration property: foo. Please check your script "
        "config files");
  CHECK(failure_of([] {
          parse_script_config("shouldExecute=true\nbar=2\n", "f");
        }).message ==
        "Unknown configuration properties: bar,shouldExecute. Please check "
        "your script config files");
  // Keys are case-sensitive, as in Flyway.
  CHECK(failure_of([] {
          parse_script_config("executeintransaction=true", "f");
        }).message ==
        "Unknown configuration property: executeintransaction. Please check "
        "your script config files");
}

TEST_CASE("directive comments before the first statement are read",
          "[script_config]") {
  ScriptConfig config = parse_script_directives(
      "\xEF\xBB\xBF-- Adds an index without locking\n"
      "\n"
      "-- flyway:executeInTransaction=false\r\n"
      "--runway:encoding = windows-1252\n"
      "CREATE INDEX CONCURRENTLY i ON t (c);\n",
      "V2__idx.sql");
  CHECK(config.execute_in_transaction == false);
  CHECK(config.encoding == "windows-1252");
  CHECK_FALSE(config.placeholder_replacement.has_value());
}

TEST_CASE("directives after the first statement are ignored",
          "[script_config]") {
  ScriptConfig config = parse_script_directives(
      "SELECT 1;\n-- flyway:executeInTransaction=false\n", "f");
  CHECK_FALSE(config.execute_in_transaction.has_value());
}

TEST_CASE("block comments may precede directives", "[script_config]") {
  ScriptConfig config = parse_script_directives(
      "/* Licence\n * text\n */\n-- flyway:placeholderReplacement=false\n",
      "f");
  CHECK(config.placeholder_replacement == false);
  ScriptConfig after_code = parse_script_directives(
      "/* x */ SELECT 1;\n-- flyway:placeholderReplacement=false\n", "f");
  CHECK_FALSE(after_code.placeholder_replacement.has_value());
}

TEST_CASE("ordinary comments mentioning flyway are not directives",
          "[script_config]") {
  ScriptConfig config = parse_script_directives(
      "-- flyway: note that a = b here\n"
      "-- Flyway docs: see https://example.com/?a=b\n"
      "-- flyway:executeInTransaction\n",
      "f");
  CHECK_FALSE(config.execute_in_transaction.has_value());
}

TEST_CASE("bad directives name their line", "[script_config]") {
  Failure bad_value = failure_of([] {
    parse_script_directives("-- x\n-- flyway:executeInTransaction=nope\n",
                            "V1__x.sql");
  });
  CHECK(bad_value.message ==
        "Invalid value for executeInTransaction (should be either true or "
        "false): nope");
  CHECK(bad_value.line == 2);

  Failure unknown = failure_of([] {
    parse_script_directives("\n\n-- flyway:executeInTransation=false\n", "f");
  });
  CHECK(unknown.message ==
        "Unknown configuration property: executeInTransation. Please check "
        "your script directives");
  CHECK(unknown.line == 3);
}

TEST_CASE(".sql.conf wins over the directive", "[script_config]") {
  ScriptConfig conf;
  conf.execute_in_transaction = true;
  ScriptConfig directive;
  directive.execute_in_transaction = false;
  directive.encoding = "ISO-8859-1";
  ScriptConfig merged = merge_script_config(conf, directive);
  CHECK(merged.execute_in_transaction == true);
  CHECK(merged.encoding == "ISO-8859-1");
  CHECK_FALSE(merged.placeholder_replacement.has_value());
}

TEST_CASE("directive lines may end in a lone carriage return",
          "[script_config]") {
  // Classic Mac OS line ends: '\r' alone ends a line, as "\r\n" and "\n" do.
  ScriptConfig config = parse_script_directives(
      "-- flyway:executeInTransaction=false\r"
      "-- flyway:encoding=ISO-8859-1\r\r"
      "SELECT 1;\r"
      "-- flyway:placeholderReplacement=false\r",
      "V3__cr.sql");
  CHECK(config.execute_in_transaction == false);
  CHECK(config.encoding == "ISO-8859-1");
  CHECK_FALSE(config.placeholder_replacement.has_value());  // after SELECT
}

}  // namespace runway
