// Secrets: every command, with a known password given as -password, inside
// the URL, through FLYWAY_PASSWORD and through passwordFile, in text and JSON
// output with -X (debug) and an -outputFile log, plus a failing connect and a
// failing migration. The password must appear in no stdout, stderr, log file
// or JSON. Uses the `runway` login role over TCP (127.0.0.1).
#include <catch2/catch.hpp>

#include "reliability_support.hpp"
#include "support/test_databases.hpp"

using namespace runway::test;

namespace {

const std::string kPassword = "runway-secret-pw";

enum class Via { kOption, kUrl, kEnvironment, kFile };

// The scripts, and a URL builder for the database under test.
struct Scripts {
  ScratchDir root;
  Scripts() {
    root.write("sql/V1__one.sql", "CREATE TABLE one (id int);\n");
    root.write("sql/U1__one.sql", "DROP TABLE one;\n");
    root.write("sql/U2__two.sql", "DROP TABLE two;\n");
    root.write("sql/V2__two.sql", "CREATE TABLE two (id int);\n");
    root.write("bad/V1__broken.sql", "CREATE TABLE broken (;\n");
    root.write("password.txt", kPassword + "\n");
  }
};

struct Setup : Scripts {
  TempPostgresDatabase db;
  Setup() {
    auto admin = open_url(db.conninfo());
    admin->execute("GRANT ALL ON DATABASE \"" + db.name() + "\" TO runway");
    admin->execute("ALTER SCHEMA public OWNER TO runway");
  }
  std::string name() const { return db.name(); }
  std::string url(bool with_password, const std::string& db_name) const {
    return "jdbc:postgresql://127.0.0.1:" + std::to_string(db.port()) + "/" +
           db_name + "?user=runway" +
           (with_password ? "&password=" + kPassword : "");
  }
};

// MariaDB's `runway` user has the same password (scripts/lib/mariadb.sh).
struct MySQLSetup : Scripts {
  TempMySQLDatabase db;
  MySQLSetup() { REQUIRE(db.password() == kPassword); }
  std::string name() const { return db.name(); }
  std::string url(bool with_password, const std::string& db_name) const {
    return "jdbc:mariadb://127.0.0.1:" + std::to_string(db.port()) + "/" +
           db_name + "?user=" + db.user() +
           (with_password ? "&password=" + kPassword : "");
  }
};

struct Run {
  std::vector<std::string> args;
  ProcessOptions options;
};

template <typename Target>
Run make_run(const Target& s, Via via, bool json, const std::string& db_name,
             const std::string& locations) {
  Run r;
  r.args = {"-url=" + s.url(via == Via::kUrl, db_name),
            "-locations=filesystem:" + s.root.path(locations),
            "-X",
            "-outputFile=" + s.root.path("out.log"),
            "-cleanDisabled=false",
            "-baselineVersion=0"};
  if (json) r.args.push_back("-outputType=json");
  if (via == Via::kOption) r.args.push_back("-password=" + kPassword);
  if (via == Via::kEnvironment) r.options.env["FLYWAY_PASSWORD"] = kPassword;
  if (via == Via::kFile)
    r.args.push_back("-passwordFile=" + s.root.path("password.txt"));
  return r;
}

void check_no_secret(const Scripts& s, const ProcessResult& r) {
  CHECK_FALSE(contains(r.out, kPassword));
  CHECK_FALSE(contains(r.err, kPassword));
  CHECK_FALSE(contains(read_text_file(s.root.path("out.log")), kPassword));
}

}  // namespace

template <typename Target>
void check_every_command(const Target& s, Via via, bool json) {
  SECTION("every command") {
    const std::vector<std::vector<std::string>> commands = {
        {"migrate"}, {"info"},  {"validate"}, {"undo"},
        {"repair"},  {"clean"}, {"baseline"}, {"migrate", "info"}};
    for (const auto& command : commands) {
      Run run = make_run(s, via, json, s.name(), "sql");
      run.args.insert(run.args.end(), command.begin(), command.end());
      const ProcessResult r = run_runway(run.args, run.options);
      INFO("via " << static_cast<int>(via) << ", json " << json << ", "
                  << command.front() << "\n"
                  << r.out << r.err);
      CHECK(r.exit_code == 0);
      CHECK(contains(r.err + r.out, "runway"));  // -X printed something
      check_no_secret(s, r);
    }
  }
  SECTION("a failing connect") {
    Run run = make_run(s, via, json, "no_such_database", "sql");
    run.args.push_back("info");
    const ProcessResult r = run_runway(run.args, run.options);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err + r.out, "no_such_database"));
    check_no_secret(s, r);
  }
  SECTION("a failing migration") {
    Run run = make_run(s, via, json, s.name(), "bad");
    run.args.push_back("migrate");
    const ProcessResult r = run_runway(run.args, run.options);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err + r.out, "V1__broken.sql"));
    check_no_secret(s, r);
  }
}

TEST_CASE("the password appears in no output of any command",
          "[secrets][postgres]") {
  // Each way of giving the password, in text and JSON where it matters most
  // (the URL is echoed in both), to keep the run short.
  const auto [via, json] = GENERATE(table<Via, bool>({{Via::kOption, false},
                                                      {Via::kUrl, false},
                                                      {Via::kUrl, true},
                                                      {Via::kEnvironment, true},
                                                      {Via::kFile, false}}));
  check_every_command(Setup(), via, json);
}

TEST_CASE("the password appears in no output of any command on MariaDB",
          "[secrets][mysql]") {
  const auto [via, json] =
      GENERATE(table<Via, bool>({{Via::kOption, true},
                                 {Via::kUrl, false},
                                 {Via::kUrl, true},
                                 {Via::kEnvironment, false},
                                 {Via::kFile, false}}));
  check_every_command(MySQLSetup(), via, json);
}
