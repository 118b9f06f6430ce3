// The runway binary as a user runs it: arguments in, text/JSON and an exit
// code out. SQLite files keep these fast; PostgreSQL cases use the cluster
// started by scripts/test.sh.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "process.hpp"

namespace fs = std::filesystem;
using runway::test::ProcessResult;
using runway::test::run_process;
using runway::test::runway_binary;
using Json = nlohmann::json;

namespace {

struct Project {
  fs::path dir;
  Project() {
    static int counter = 0;
    dir = fs::temp_directory_path() /
          ("runway-cli-" + std::to_string(::getpid()) + "-" +
           std::to_string(++counter));
    fs::remove_all(dir);
    fs::create_directories(dir / "sql");
  }
  ~Project() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const {
    fs::path path = dir / "sql" / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }
  std::string url() const { return "jdbc:sqlite:" + (dir / "app.db").string(); }
  ProcessResult run(std::vector<std::string> args) const {
    std::vector<std::string> argv{
        runway_binary(), "-url=" + url(),
        "-locations=filesystem:" + (dir / "sql").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    runway::test::ProcessOptions options;
    options.working_directory = dir.string();
    return run_process(argv, options);
  }
};

}  // namespace

TEST_CASE("option --version prints the product and version", "[cli]") {
  ProcessResult r = run_process({runway_binary(), "--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Runway ") != std::string::npos);
  r = run_process({runway_binary(), "-v"});
  CHECK(r.exit_code == 0);
}

TEST_CASE("option -v beside a command prints the version and runs it",
          "[cli][sqlite]") {
  // Flyway adds a version command to the list: `flyway migrate -v` in a CI
  // step still migrates.
  Project p;
  p.write("V1__First.sql", "CREATE TABLE a (id INT);\n");
  ProcessResult r = p.run({"migrate", "-v"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Runway ") != std::string::npos);
  CHECK(r.err.find("Successfully applied 1 migration") != std::string::npos);

  // In JSON mode the version is the last of the results, after the
  // commands' own.
  r = p.run({"-outputType=json", "info", "-v"});
  CHECK(r.exit_code == 0);
  const Json j = Json::parse(r.out);
  REQUIRE(j["individualResults"].size() == 2);
  CHECK(j["individualResults"][0]["operation"] == "info");
  CHECK(j["individualResults"][1]["command"] == "version");
}

TEST_CASE("JSON mode keeps stdout JSON for version and help", "[cli]") {
  ProcessResult r = run_process({runway_binary(), "-v", "-outputType=json"});
  CHECK(r.exit_code == 0);
  const Json j = Json::parse(r.out);
  CHECK(j["command"] == "version");
  CHECK(j["version"].is_string());
  for (const char* help : {"help", "-?"}) {
    r = run_process({runway_binary(), help, "-outputType=json"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(r.err.find("migrate") != std::string::npos);
  }
}

TEST_CASE("option --help lists the commands and exit codes", "[cli]") {
  ProcessResult r = run_process({runway_binary(), "--help"});
  CHECK(r.exit_code == 0);
  for (const char* word :
       {"migrate", "info", "validate", "baseline", "repair", "undo", "clean"})
    CHECK(r.out.find(word) != std::string::npos);
}

TEST_CASE("an unknown command is a usage error with a suggestion", "[cli]") {
  Project p;
  ProcessResult r = p.run({"migrat"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("migrate") != std::string::npos);
}

TEST_CASE("an unknown option is a usage error naming the nearest key",
          "[cli]") {
  Project p;
  ProcessResult r = p.run({"-locatoins=sql", "info"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("locations") != std::string::npos);
}

TEST_CASE("migrate then info on SQLite, text and JSON", "[cli][sqlite]") {
  Project p;
  p.write("V1__Create_people.sql", "CREATE TABLE people (id INT);\n");
  p.write("V2__Add_name.sql", "ALTER TABLE people ADD COLUMN name TEXT;\n");
  p.write("R__People_view.sql",
          "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT * FROM people;\n");

  ProcessResult r = p.run({"migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("Successfully applied 3 migrations to schema \"main\", "
                   "now at version v2") != std::string::npos);

  r = p.run({"info"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Schema version: 2") != std::string::npos);
  CHECK(r.out.find("| Versioned  | 1       | Create people |") !=
        std::string::npos);
  CHECK(r.out.find("| Repeatable |         | People view") !=
        std::string::npos);

  r = p.run({"-outputType=json", "info"});
  REQUIRE(r.exit_code == 0);
  Json j = Json::parse(r.out);
  CHECK(j["operation"] == "info");
  CHECK(j["schemaVersion"] == "2");
  REQUIRE(j["migrations"].size() == 3);
  CHECK(j["migrations"][0]["state"] == "Success");
  CHECK(j["migrations"][0]["version"] == "1");
  CHECK(j["migrations"][2]["category"] == "Repeatable");
  CHECK(j.contains("runwayVersion"));
}

TEST_CASE("migrate JSON reports what ran, then nothing on a second run",
          "[cli][sqlite]") {
  Project p;
  p.write("V1__First.sql", "CREATE TABLE a (id INT);\n");
  p.write("V1_1__Second.sql", "CREATE TABLE b (id INT);\n");
  ProcessResult r = p.run({"-outputType=json", "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  Json j = Json::parse(r.out);
  CHECK(j["operation"] == "migrate");
  CHECK(j["success"] == true);
  CHECK(j["migrationsExecuted"] == 2);
  CHECK(j["initialSchemaVersion"].is_null());
  CHECK(j["targetSchemaVersion"] == "1.1");
  CHECK(j["databaseType"] == "SQLite");
  CHECK(j["migrations"][1]["version"] == "1.1");

  r = p.run({"-outputType=json", "migrate"});
  REQUIRE(r.exit_code == 0);
  j = Json::parse(r.out);
  CHECK(j["migrationsExecuted"] == 0);
  CHECK(j["initialSchemaVersion"] == "1.1");
}

TEST_CASE("a failing migration exits 1 and names file, line and error",
          "[cli][sqlite]") {
  Project p;
  p.write("V1__Good.sql", "CREATE TABLE a (id INT);\n");
  p.write("V2__Bad.sql",
          "CREATE TABLE b (id INT);\n\nINSERT INTO nowhere VALUES (1);\n");
  ProcessResult r = p.run({"migrate"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("V2__Bad.sql") != std::string::npos);
  CHECK(r.err.find("Line       : 3") != std::string::npos);
  CHECK(r.err.find("no such table: nowhere") != std::string::npos);

  // V1 stays applied, V2 left no trace: table b was rolled back.
  r = p.run({"-outputType=json", "info"});
  Json j = Json::parse(r.out);
  CHECK(j["migrations"][0]["state"] == "Success");
  CHECK(j["migrations"][1]["state"] == "Pending");
}

TEST_CASE("failed migrate in JSON mode prints the error object",
          "[cli][sqlite]") {
  Project p;
  p.write("V1__Good.sql", "CREATE TABLE a (id INT);\n");
  p.write("V2__Bad.sql", "SELECT * FROM missing_table;\n");
  ProcessResult r = p.run({"-outputType=json", "migrate"});
  CHECK(r.exit_code == 1);
  Json j = Json::parse(r.out);
  CHECK(j["success"] == false);
  CHECK(j["error"]["errorCode"] == "FAILED_VERSIONED_MIGRATION");
  CHECK(j["error"]["lineNumber"] == 1);
  // As Flyway's MigrateErrorResult: what completed is listed and counted,
  // but no target version is set for a run that failed.
  CHECK(j["migrationsExecuted"] == 1);
  CHECK(j["migrations"].size() == 1);
  CHECK(j["targetSchemaVersion"].is_null());
}

TEST_CASE("JSON schemaName is the configured schemas, as in Flyway",
          "[cli][sqlite]") {
  Project p;
  p.write("V1__First.sql", "CREATE TABLE a (id INT);\n");
  Json j = Json::parse(p.run({"-outputType=json", "migrate"}).out);
  CHECK(j["schemaName"] == "");
  j = Json::parse(p.run({"-outputType=json", "info"}).out);
  CHECK(j["schemaName"] == "");
  j = Json::parse(p.run({"-outputType=json", "-schemas=main", "info"}).out);
  CHECK(j["schemaName"] == "main");
}

TEST_CASE("an edited applied migration fails validation with exit 4",
          "[cli][sqlite]") {
  Project p;
  p.write("V1__First.sql", "CREATE TABLE a (id INT);\n");
  REQUIRE(p.run({"migrate"}).exit_code == 0);
  p.write("V1__First.sql", "CREATE TABLE a (id BIGINT);\n");
  p.write("V2__Second.sql", "CREATE TABLE b (id INT);\n");
  ProcessResult r = p.run({"migrate"});
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("Migration checksum mismatch for migration version 1") !=
        std::string::npos);
  // Nothing ran: V2 is still pending.
  r = p.run({"-outputType=json", "info"});
  Json j = Json::parse(r.out);
  CHECK(j["migrations"][1]["state"] == "Pending");
}

TEST_CASE("an unreachable database exits 3 without printing the password",
          "[cli][postgres]") {
  ProcessResult r =
      run_process({runway_binary(),
                   "-url=jdbc:postgresql://127.0.0.1:1/nodb?connectTimeout=2",
                   "-user=someone", "-password=Sup3rSecretPw", "info"});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("Sup3rSecretPw") == std::string::npos);
  CHECK(r.out.find("Sup3rSecretPw") == std::string::npos);
  CHECK(r.err.find("Unable to obtain connection") != std::string::npos);
}

TEST_CASE("an unreachable database is reported before an unreadable script",
          "[cli][postgres]") {
  // The scripts are read while the connection opens; the connection's error
  // still comes first, as if one had been done after the other.
  Project p;
  p.write("V1__bad.sql", "SELECT '\xFF';\n");
  ProcessResult r = run_process(
      {runway_binary(),
       "-url=jdbc:postgresql://127.0.0.1:1/nodb?connectTimeout=2",
       "-user=someone", "-locations=filesystem:" + (p.dir / "sql").string(),
       "migrate"});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("Unable to obtain connection") != std::string::npos);
  CHECK(r.err.find("V1__bad.sql") == std::string::npos);
}

TEST_CASE("an unreachable database with repeatable migrations exits 3",
          "[cli][sqlite]") {
  // A repeatable's checksum needs the placeholders, which wait for the
  // connection: its failure reached the scan's thread through
  // std::call_once and aborted the process (exit 134, no message).
  Project p;
  p.write("V1__Table.sql", "CREATE TABLE a (id INT);\n");
  p.write("R__View.sql", "CREATE VIEW v AS SELECT 1;\n");
  p.write("R__Other.sql", "CREATE VIEW w AS SELECT 2;\n");
  for (const char* command : {"info", "migrate", "validate"}) {
    INFO(command);
    ProcessResult r = run_process(
        {runway_binary(),
         "-url=jdbc:sqlite:" + (p.dir / "no/such/dir/x.db").string(),
         "-locations=filesystem:" + (p.dir / "sql").string(), command});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("Unable to obtain connection") != std::string::npos);
  }
}

TEST_CASE("a failing SQL callback is reported with Flyway's script block",
          "[cli][sqlite]") {
  // "Error while executing <event> callback: " + the block a migration's
  // failure gets (DefaultCallbackExecutor wraps FlywaySqlScriptException).
  Project p;
  p.write("V1__Table.sql", "CREATE TABLE a (id INT);\n");
  p.write("beforeMigrate.sql",
          "SELECT 1;\n-- then\nINSERT INTO nosuch VALUES (1);\n");
  ProcessResult r = p.run({"migrate"});
  CHECK(r.exit_code == 1);
  INFO(r.err);
  CHECK(r.err.find("Error while executing beforeMigrate callback: Failed to "
                   "execute script beforeMigrate.sql\n---") !=
        std::string::npos);
  CHECK(r.err.find("Message    : no such table: nosuch\n") !=
        std::string::npos);
  CHECK(r.err.find("SQL State  : null\n") != std::string::npos);  // SQLite
  CHECK(r.err.find("Location   : beforeMigrate.sql (" +
                   (p.dir / "sql" / "beforeMigrate.sql").string() + ")\n") !=
        std::string::npos);
  CHECK(r.err.find("Line       : 3\n") != std::string::npos);
}

namespace {

// A TCP port on 127.0.0.1 that accepts connections (the kernel completes
// them) and never answers: a database that hangs at login.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof addr;
    auto* any = reinterpret_cast<sockaddr*>(&addr);
    REQUIRE(::bind(fd_, any, size) == 0);
    REQUIRE(::listen(fd_, 16) == 0);
    REQUIRE(::getsockname(fd_, any, &size) == 0);
    port_ = ntohs(addr.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// The exit code of `pid` if it ends within `limit`, else kills it: -2.
int wait_at_most(int pid, std::chrono::seconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (std::chrono::steady_clock::now() < end) {
    if (::waitpid(pid, &status, WNOHANG) == pid)
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -2;
}

}  // namespace

TEST_CASE("SIGTERM while connecting ends the run at once", "[cli][signal]") {
  // Kubernetes deletes a pod still waiting for its database: neither a
  // server that never answers nor the connectRetries back-off may hold the
  // stop until SIGKILL (a JVM exits at once).
  SilentServer silent;
  runway::test::ScratchDir logs;
  for (const std::string& url :
       {"jdbc:postgresql://127.0.0.1:" + std::to_string(silent.port()) + "/db",
        "jdbc:mysql://127.0.0.1:" + std::to_string(silent.port()) + "/db",
        std::string("jdbc:postgresql://127.0.0.1:1/db")}) {
    INFO(url);
    const std::string err_file = logs.path("err");
    const int pid = runway::test::spawn_process(
        {runway_binary(), "-url=" + url, "-connectRetries=10", "migrate"}, {},
        logs.path("out"), err_file);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    ::kill(pid, SIGTERM);
    CHECK(wait_at_most(pid, std::chrono::seconds(5)) == 1);
    CHECK(runway::test::read_text_file(err_file).find(
              "Interrupted while connecting to the database") !=
          std::string::npos);
  }
}

TEST_CASE("migrate with nothing to do works in a read-only SQLite directory",
          "[cli][sqlite]") {
  // A read-only volume: no lock file can be made beside the database, and
  // none is needed to find that nothing is pending (Flyway takes no lock on
  // SQLite). As root permissions do not apply, the run is made as nobody.
  Project p;
  p.write("V1__Table.sql", "CREATE TABLE a (id INT);\n");
  REQUIRE(p.run({"migrate"}).exit_code == 0);
  fs::remove(p.dir / "app.db-runway-lock");
  const fs::path binary = p.dir / "runway";
  fs::copy_file(runway_binary(), binary);  // reachable by nobody
  for (const fs::path& entry :
       {p.dir / "sql" / "V1__Table.sql", p.dir / "app.db", binary})
    fs::permissions(
        entry,
        fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read |
            (entry == binary ? fs::perms::others_exec | fs::perms::owner_exec
                             : fs::perms::none));
  for (const fs::path& dir : {p.dir / "sql", p.dir})
    fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec |
                             fs::perms::others_read | fs::perms::others_exec);
  std::vector<std::string> argv;
  if (::geteuid() == 0) argv = {"/usr/sbin/runuser", "-u", "nobody", "--"};
  argv.insert(argv.end(),
              {binary.string(), "-url=" + p.url(),
               "-locations=filesystem:" + (p.dir / "sql").string(), "migrate"});
  const ProcessResult r = run_process(argv);
  fs::permissions(p.dir, fs::perms::owner_all);  // to clean up
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("is up to date") != std::string::npos);
  CHECK_FALSE(fs::exists(p.dir / "app.db-runway-lock"));

  // A writable directory with a lock file another user made (an earlier
  // run as root): the lock is still taken, through a read-only descriptor,
  // not skipped as on a read-only volume.
  std::ofstream(p.dir / "app.db-runway-lock").put('\n');
  fs::permissions(p.dir / "app.db-runway-lock",
                  fs::perms::owner_read | fs::perms::owner_write |
                      fs::perms::group_read | fs::perms::others_read);
  fs::permissions(p.dir, fs::perms::all);
  fs::permissions(p.dir / "app.db",
                  fs::perms::owner_read | fs::perms::owner_write |
                      fs::perms::others_read | fs::perms::others_write);
  fs::permissions(p.dir / "sql", fs::perms::all);
  std::ofstream(p.dir / "sql" / "V2__More.sql") << "CREATE TABLE b (id INT);\n";
  fs::permissions(p.dir / "sql" / "V2__More.sql",
                  fs::perms::owner_read | fs::perms::others_read);
  const ProcessResult again = run_process(argv);
  fs::permissions(p.dir, fs::perms::owner_all);
  INFO(again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("relying on") == std::string::npos);
  CHECK(again.err.find("Successfully applied 1 migration") !=
        std::string::npos);
}

TEST_CASE("info reports a bad script before a bad history row",
          "[cli][sqlite]") {
  // info reads the history while the scripts are read; a script's error
  // still comes first, as it did when the history was read afterwards.
  Project p;
  p.write("V1__First.sql", "CREATE TABLE a (id INT);\n");
  p.write("V2__Spoil.sql",
          "UPDATE flyway_schema_history SET version = 'x' WHERE version = "
          "'1';\n");
  REQUIRE(p.run({"migrate"}).exit_code == 0);
  ProcessResult r = p.run({"info"});
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("Invalid version: x") != std::string::npos);

  p.write("V3__bad.sql", "SELECT '\xFF';\n");
  r = p.run({"info"});
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("Unable to calculate checksum of V3__bad.sql") !=
        std::string::npos);
  CHECK(r.err.find("Invalid version") == std::string::npos);
}

TEST_CASE("validate reports every problem, in text and JSON, with exit 4",
          "[cli][sqlite]") {
  Project p;
  p.write("V1__First.sql", "CREATE TABLE a (id INT);\n");
  p.write("V2__Second.sql", "CREATE TABLE b (id INT);\n");
  REQUIRE(p.run({"migrate"}).exit_code == 0);
  p.write("V1__First.sql", "CREATE TABLE a (id BIGINT);\n");
  std::filesystem::rename(p.dir / "sql" / "V2__Second.sql",
                          p.dir / "sql" / "V2__Renamed.sql");
  ProcessResult r = p.run({"validate"});
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("Validate failed: Migrations have failed validation") !=
        std::string::npos);
  CHECK(r.err.find("Migration checksum mismatch for migration version 1") !=
        std::string::npos);
  CHECK(r.err.find("Migration description mismatch for migration version 2") !=
        std::string::npos);

  r = p.run({"-outputType=json", "validate"});
  CHECK(r.exit_code == 4);
  Json j = Json::parse(r.out);
  CHECK(j["validationSuccessful"] == false);
  REQUIRE(j["invalidMigrations"].size() == 2);
  CHECK(j["invalidMigrations"][0]["errorDetails"]["errorCode"] ==
        "CHECKSUM_MISMATCH");
  CHECK(j["invalidMigrations"][1]["errorDetails"]["errorCode"] ==
        "DESCRIPTION_MISMATCH");
  CHECK(j["errorDetails"]["errorCode"] == "VALIDATE_ERROR");
  CHECK(j["errorDetails"]["errorMessage"] ==
        "Migrations have failed validation");  // Flyway's DbValidate
}

TEST_CASE("several commands run in order; JSON wraps their results",
          "[cli][sqlite]") {
  Project p;
  p.write("V1__First.sql", "CREATE TABLE a (id INT);\n");
  ProcessResult r = p.run(
      {"-cleanDisabled=false", "-outputType=json", "clean", "migrate", "info"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  Json j = Json::parse(r.out);
  REQUIRE(j["individualResults"].size() == 3);
  CHECK(j["individualResults"][0]["operation"] == "clean");
  CHECK(j["individualResults"][1]["migrationsExecuted"] == 1);
  CHECK(j["individualResults"][2]["migrations"][0]["state"] == "Success");

  // A failed validation is validate's result in JSON mode: the next command
  // still runs (Flyway's validateWithResult), the exit code says it failed.
  // In text mode it stops the run, as Flyway's validate() throws.
  p.write("V2__Second.sql", "CREATE TABLE b (id INT);\n");
  r = p.run({"-outputType=json", "validate", "info"});
  CHECK(r.exit_code == 4);
  j = Json::parse(r.out);
  REQUIRE(j["individualResults"].size() == 2);
  CHECK(j["individualResults"][0]["validationSuccessful"] == false);
  CHECK(j["individualResults"][1]["operation"] == "info");
  CHECK(j["individualResults"][1]["migrations"][1]["state"] == "Pending");
  r = p.run({"validate", "info"});
  CHECK(r.exit_code == 4);
  CHECK(r.out.find("Pending") == std::string::npos);
}

TEST_CASE("a closed log pipe does not stop a migration", "[cli][sqlite]") {
  // `runway migrate 2>&1 | head -1`: the reader is gone after one line, and
  // the log goes on for every migration.
  Project p;
  for (int i = 1; i <= 30; ++i)
    p.write("V" + std::to_string(i) + "__Step.sql",
            "CREATE TABLE t" + std::to_string(i) + " (id INT);\n");
  const std::string command =
      "'" + runway_binary() + "' -url=" + p.url() +
      " -locations=filesystem:" + (p.dir / "sql").string() +
      " migrate 2>&1 | head -1 >/dev/null; exit ${PIPESTATUS[0]}";
  ProcessResult r = run_process({"/bin/bash", "-c", command});
  CHECK(r.exit_code == 0);
  r = p.run({"-outputType=json", "info"});
  REQUIRE(r.exit_code == 0);
  CHECK(Json::parse(r.out)["migrations"].size() == 30);
  CHECK(Json::parse(r.out)["migrations"][29]["state"] == "Success");
}

TEST_CASE("testConnection connects and changes nothing", "[cli][sqlite]") {
  Project p;
  p.write("V1__First.sql", "CREATE TABLE a (id INT);\n");
  ProcessResult r = p.run({"testConnection"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("Runway engine connection successful") != std::string::npos);
  r = p.run({"-outputType=json", "testConnection"});
  CHECK(r.exit_code == 0);
  CHECK(Json::parse(r.out)["successfulConnections"] == Json::array({"Runway"}));
  // Nothing was migrated: info still shows the migration pending.
  r = p.run({"-outputType=json", "info"});
  CHECK(Json::parse(r.out)["migrations"][0]["state"] == "Pending");

  // A database that cannot be opened: the connection error, exit code 3.
  r = run_process({runway_binary(),
                   "-url=jdbc:sqlite:" + (p.dir / "missing/dir/x.db").string(),
                   "testConnection"});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("Runway engine connection successful") == std::string::npos);
}

TEST_CASE("clean is refused unless cleanDisabled is false", "[cli][sqlite]") {
  Project p;
  p.write("V1__First.sql", "CREATE TABLE a (id INT);\n");
  REQUIRE(p.run({"migrate"}).exit_code == 0);
  ProcessResult r = p.run({"clean"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Unable to execute clean as it has been disabled with the "
                   "'flyway.cleanDisabled' property.") != std::string::npos);
}

TEST_CASE("info filters by version and state, and lists migration ids",
          "[cli][sqlite]") {
  Project p;
  p.write("V1__One.sql", "CREATE TABLE a (id INT);\n");
  p.write("V2__Two.sql", "CREATE TABLE b (id INT);\n");
  p.write("V3__Three.sql", "CREATE TABLE c (id INT);\n");
  p.write("R__View.sql", "CREATE VIEW IF NOT EXISTS v AS SELECT 1;\n");
  // Repeatables are never Above Target: View runs, V3 does not.
  REQUIRE(p.run({"-target=2", "migrate"}).exit_code == 0);

  ProcessResult r = p.run({"-migrationIds", "info"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "1,2,View,3\n");  // applied by rank, then pending

  // Flyway's MigrationFilterImpl: repeatables pass a "since" version.
  r = p.run({"-infoSinceVersion=2", "-outputType=json", "info"});
  Json j = Json::parse(r.out);
  REQUIRE(j["migrations"].size() == 3);
  CHECK(j["migrations"][0]["version"] == "2");
  CHECK(j["migrations"][1]["description"] == "View");
  CHECK(j["migrations"][2]["version"] == "3");

  r = p.run({"-infoOfState=pending", "-migrationIds", "info"});
  CHECK(r.out == "3\n");
  // Flyway's enum constants (ABOVE_TARGET), and the display names.
  r = p.run({"-target=2", "-infoOfState=ABOVE_TARGET,success", "-migrationIds",
             "info"});
  CHECK(r.out == "1,2,View,3\n");
  r = p.run(
      {"-target=2", "-infoOfState=Above Target", "-migrationIds", "info"});
  CHECK(r.out == "3\n");
  r = p.run({"-infoOfState=bogus", "info"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("Invalid value for -infoOfState: 'bogus'. Use one of: "
                   "PENDING, ABOVE_TARGET") != std::string::npos);

  r = p.run({"-infoUntilVersion=1", "-migrationIds", "info"});
  CHECK(r.out == "1\n");

  // Pending migrations (no date) pass a "since" date, fail an "until" one.
  r = p.run({"-infoSinceDate=01/01/2000 00:00", "-migrationIds", "info"});
  CHECK(r.out == "1,2,View,3\n");
  r = p.run({"-infoUntilDate=01/01/2999 00:00", "-migrationIds", "info"});
  CHECK(r.out == "1,2,View\n");
  r = p.run({"-infoSinceDate=01/01/2999 00:00", "-migrationIds", "info"});
  CHECK(r.out == "3\n");

  r = p.run({"-infoSinceDate=yesterday", "info"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("SQL callbacks run at Flyway's moments, in Flyway's order",
          "[cli][sqlite][callbacks]") {
  Project p;
  p.write("beforeMigrate.sql",
          "CREATE TABLE IF NOT EXISTS events (n INTEGER PRIMARY KEY "
          "AUTOINCREMENT, e TEXT);\nINSERT INTO events (e) VALUES "
          "('beforeMigrate');\n");
  p.write("beforeMigrate__b_second.sql",
          "INSERT INTO events (e) VALUES ('beforeMigrate b');\n");
  p.write("beforeEachMigrate.sql",
          "INSERT INTO events (e) VALUES ('beforeEach');\n");
  p.write("afterEachMigrate.sql",
          "INSERT INTO events (e) VALUES ('afterEach');\n");
  p.write("afterVersioned.sql",
          "INSERT INTO events (e) VALUES ('afterVersioned');\n");
  p.write("afterMigrate.sql",
          "INSERT INTO events (e) VALUES ('afterMigrate');\n");
  p.write("V1__One.sql", "CREATE TABLE a (id INT);\n");
  p.write("V2__Two.sql", "CREATE TABLE b (id INT);\n");
  p.write("R__View.sql", "CREATE VIEW IF NOT EXISTS v AS SELECT 1;\n");
  ProcessResult r = p.run({"migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("Executing SQL callback: beforeMigrate") !=
        std::string::npos);
  // Read the log through runway itself: a query result in a callback is
  // printed as a table.
  std::ofstream(p.dir / "sql" / "afterMigrate__dump.sql")
      << "SELECT group_concat(e, ' | ') AS log FROM (SELECT e FROM events "
         "ORDER BY n);\n";
  r = p.run({"migrate"});
  REQUIRE(r.exit_code == 0);
  INFO(r.err);
  CHECK(r.err.find("beforeMigrate | beforeMigrate b | beforeEach | afterEach "
                   "| beforeEach | afterEach | afterVersioned | beforeEach | "
                   "afterEach | afterMigrate | beforeMigrate | beforeMigrate "
                   "b | afterVersioned | afterMigrate") != std::string::npos);
}

namespace {

// The order in which the callbacks of `events` ran, from their log lines.
std::vector<std::string> callbacks_run(const std::string& log,
                                       const std::vector<std::string>& events) {
  std::vector<std::pair<std::size_t, std::string>> found;
  for (const std::string& e : events) {
    // The event name whole: "afterMigrate" is not "afterMigrateError".
    const std::string line = "Executing SQL callback: " + e;
    for (std::size_t at = log.find(line); at != std::string::npos;
         at = log.find(line, at + 1)) {
      const char next =
          at + line.size() < log.size() ? log[at + line.size()] : '\n';
      if (next == '\n' || next == ' ') {
        found.emplace_back(at, e);
        break;
      }
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> order;
  for (const auto& [at, e] : found) order.push_back(e);
  return order;
}

}  // namespace

TEST_CASE("command-level callbacks fire at Flyway's moments",
          "[cli][sqlite][callbacks]") {
  const std::vector<std::string> events = {
      "afterConnect",      "beforeValidate",     "afterValidate",
      "createSchema",      "beforeCreateSchema", "beforeBaseline",
      "afterBaseline",     "beforeMigrate",      "afterMigrate",
      "afterMigrateError", "beforeInfo",         "afterInfo"};
  Project p;
  for (const std::string& e : events) p.write(e + ".sql", "SELECT 1;\n");
  p.write("V1__One.sql", "CREATE TABLE a (id INT);\n");

  // Validation callbacks only when migrate validates (Flyway.java).
  ProcessResult r = p.run({"-validateOnMigrate=false", "migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(callbacks_run(r.err, events) ==
        std::vector<std::string>{"afterConnect", "createSchema",
                                 "beforeCreateSchema", "beforeMigrate",
                                 "afterMigrate"});
  r = p.run({"migrate"});
  CHECK(callbacks_run(r.err, events) ==
        std::vector<std::string>{
            "afterConnect", "beforeValidate", "afterValidate", "createSchema",
            "beforeCreateSchema", "beforeMigrate", "afterMigrate"});
  r = p.run({"info"});
  CHECK(callbacks_run(r.err, events) ==
        std::vector<std::string>{"afterConnect", "beforeInfo", "afterInfo"});

  // "Migrating ..." is logged after beforeEachMigrate ran, as in Flyway.
  p.write("beforeEachMigrate.sql", "SELECT 1;\n");
  p.write("V2__Two.sql", "CREATE TABLE b (id INT);\n");
  r = p.run({"migrate"});
  const std::size_t each =
      r.err.find("Executing SQL callback: beforeEachMigrate");
  const std::size_t migrating =
      r.err.find("Migrating schema \"main\" to version \"2");
  CHECK(each != std::string::npos);
  CHECK(migrating != std::string::npos);
  CHECK(each < migrating);
}

TEST_CASE("per-statement callbacks fire around each statement of a script",
          "[cli][sqlite][callbacks]") {
  Project p;
  p.write("beforeMigrate.sql",
          "CREATE TABLE IF NOT EXISTS seen (n INTEGER PRIMARY KEY, what "
          "TEXT);\n");
  p.write("beforeEachMigrateStatement.sql",
          "INSERT INTO seen (what) VALUES ('before');\n");
  p.write("afterEachMigrateStatement.sql",
          "INSERT INTO seen (what) VALUES ('after');\n");
  p.write("afterEachMigrateStatementError.sql", "SELECT 1;\n");
  p.write("V1__Two_statements.sql",
          "INSERT INTO seen (what) VALUES ('one');\n"
          "INSERT INTO seen (what) VALUES ('two');\n");
  ProcessResult r = p.run({"migrate"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Each statement between its before and after, in the migration's
  // transaction; the callbacks' own statements fire nothing.
  ProcessResult rows = run_process(
      {"/usr/bin/sqlite3", (p.dir / "app.db").string(),
       "SELECT group_concat(what, ',') FROM (SELECT what FROM seen ORDER BY "
       "n)"});
  REQUIRE(rows.exit_code == 0);  // sqlite3 is a test dependency
  CHECK(rows.out == "before,one,after,before,two,after\n");
  CHECK(r.err.find("afterEachMigrateStatementError") == std::string::npos);

  // A refused statement fires the error event, and not the after event.
  p.write("V2__Fails.sql", "INSERT INTO missing_table VALUES (1);\n");
  r = p.run({"migrate"});
  CHECK(r.exit_code == 1);
  const std::size_t error =
      r.err.find("Executing SQL callback: afterEachMigrateStatementError");
  CHECK(error != std::string::npos);
  CHECK(r.err.find("Executing SQL callback: afterEachMigrateStatement\n") ==
        std::string::npos);

  // undo fires its own per-statement events.
  fs::remove(p.dir / "sql" / "V2__Fails.sql");
  p.write("U1__Two_statements.sql", "DELETE FROM seen WHERE what = 'one';\n");
  p.write("beforeEachUndoStatement.sql",
          "INSERT INTO seen (what) VALUES ('undo');\n");
  r = p.run({"undo"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("Executing SQL callback: beforeEachUndoStatement") !=
        std::string::npos);
}

TEST_CASE("info without migration files says where it looked",
          "[cli][sqlite]") {
  Project p;
  ProcessResult r = p.run({"-sqlMigrationPrefix=M", "info"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("No migrations found on disk.\nHere are some relevant "
                   "configuration settings.") != std::string::npos);
  CHECK(r.err.find("| sqlMigrationPrefix             | M") !=
        std::string::npos);
  CHECK(r.err.find("| locations                      | filesystem:" +
                   (p.dir / "sql").string()) != std::string::npos);
  p.write("M1__First.sql", "CREATE TABLE a (id INT);\n");
  r = p.run({"-sqlMigrationPrefix=M", "info"});
  CHECK(r.err.find("No migrations found on disk") == std::string::npos);
}

TEST_CASE("option -q leaves warnings, errors, ids and JSON", "[cli][sqlite]") {
  Project p;
  p.write("V1__First.sql", "CREATE TABLE a (id INT);\n");
  ProcessResult r = p.run({"-q", "migrate"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.empty());
  // Flyway logs the info table at INFO: -q silences it.
  r = p.run({"-q", "info"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.empty());
  r = p.run({"-q", "-migrationIds", "info"});
  CHECK(r.out == "1\n");
  r = p.run({"-q", "-outputType=json", "info"});
  CHECK(Json::parse(r.out)["migrations"].size() == 1);
  p.write("V2__Bad.sql", "CREATE TABLE a (id INT);\n");
  r = p.run({"-q", "migrate"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("ERROR: ") != std::string::npos);
}

TEST_CASE("option -outputFile gets the log and the result, or the run stops",
          "[cli][sqlite]") {
  Project p;
  p.write("V1__First.sql", "CREATE TABLE a (id INT);\n");
  REQUIRE(p.run({"migrate"}).exit_code == 0);
  const fs::path log = p.dir / "out.log";
  ProcessResult r = p.run({"-outputFile=" + log.string(), "info"});
  REQUIRE(r.exit_code == 0);
  std::ifstream in(log);
  const std::string text((std::istreambuf_iterator<char>(in)),
                         std::istreambuf_iterator<char>());
  CHECK(text.find("Database: ") != std::string::npos);
  CHECK(text.find("| Versioned | 1") != std::string::npos);  // the table

  const fs::path json = p.dir / "out.json";
  r = p.run({"-outputType=json", "-outputFile=" + json.string(), "info"});
  REQUIRE(r.exit_code == 0);
  std::ifstream json_in(json);
  CHECK(Json::parse(json_in)["migrations"].size() == 1);

  // A file that cannot be written (a directory here): exit 2 before any
  // work, in both modes, instead of a crash or a silent loss.
  for (const char* type : {"-outputType=json", "-color=never"}) {
    INFO(type);
    r = p.run({type, "-outputFile=" + p.dir.string(), "info"});
    CHECK(r.exit_code == 2);
    CHECK((r.err + r.out).find(p.dir.string()) != std::string::npos);
  }
}
