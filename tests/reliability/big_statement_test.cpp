// A 50 MB single statement (label `long`: writing and streaming it takes a
// while): scripts are streamed, so it is applied whole.
#include <catch2/catch.hpp>

#include "reliability_support.hpp"
#include "support/test_databases.hpp"

using namespace runway::test;

TEST_CASE("a 50 MB single statement is applied", "[hostile][sqlite]") {
  TempSqliteFile db;
  ScratchDir root;
  {
    std::string text = "CREATE TABLE big (x TEXT);\nINSERT INTO big VALUES ('";
    text.append(50u << 20, 'x');
    text += "');\n";
    root.write("V1__big.sql", text);
  }
  const ProcessResult r = run_runway(
      {"-url=" + db.jdbc_url(), "-locations=" + root.location(), "migrate"});
  INFO(r.err.substr(0, 2000));
  REQUIRE(r.exit_code == 0);
  CHECK(rows_of(*open_url(db.jdbc_url()), "SELECT length(x) FROM big") ==
        std::vector<std::string>{std::to_string(50u << 20)});
}
