// Configuration as users write it, end to end through the binary: the same
// migration configured four ways, environments, placeholders from every
// source, secrets, and a server that comes up late.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "process.hpp"
#include "support/test_databases.hpp"

namespace fs = std::filesystem;
using runway::test::ProcessOptions;
using runway::test::ProcessResult;
using runway::test::run_process;
using runway::test::runway_binary;
using Json = nlohmann::json;

namespace {

struct Workdir {
  fs::path dir;
  Workdir() {
    static int n = 0;
    dir = fs::temp_directory_path() /
          ("runway-config-" + std::to_string(::getpid()) + "-" +
           std::to_string(++n));
    fs::remove_all(dir);
    fs::create_directories(dir / "sql");
    write("sql/V1__Create_t.sql", "CREATE TABLE t (region TEXT);\n");
    write("sql/V2__Fill_t.sql", "INSERT INTO t VALUES ('${region}');\n");
    write(
        "sql/R__Region_view.sql",
        "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT '${region}' AS r;\n");
  }
  ~Workdir() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
  }
  std::string db() const { return (dir / "app.db").string(); }
  ProcessResult run(std::vector<std::string> args,
                    std::map<std::string, std::string> env = {}) const {
    std::vector<std::string> argv{runway_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.working_directory = dir.string();
    options.env = std::move(env);
    options.env["HOME"] = dir.string();  // no ~/flyway.toml of the host
    return run_process(argv, options);
  }
};

/// What info says, without the times: comparable across runs.
Json stable_info(const Workdir& w, std::vector<std::string> args = {},
                 std::map<std::string, std::string> env = {}) {
  args.push_back("-outputType=json");
  args.push_back("info");
  ProcessResult r = w.run(args, env);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  Json j = Json::parse(r.out);
  Json out = Json::array();
  for (auto& m : j["migrations"])
    out.push_back({m["version"], m["description"], m["state"]});
  return out;
}

}  // namespace

TEST_CASE("one migration configured four ways gives one result",
          "[cli][config]") {
  Workdir toml, conf, env, args;
  toml.write("flyway.toml",
             "[environments.default]\nurl = \"jdbc:sqlite:app.db\"\n"
             "[flyway]\nlocations = [\"filesystem:sql\"]\n"
             "[flyway.placeholders]\nregion = \"eu\"\n");
  conf.write("flyway.conf",
             "flyway.url=jdbc:sqlite:app.db\nflyway.locations=filesystem:sql\n"
             "flyway.placeholders.region=eu\n");
  const std::map<std::string, std::string> vars{
      {"FLYWAY_URL", "jdbc:sqlite:app.db"},
      {"FLYWAY_LOCATIONS", "filesystem:sql"},
      {"FLYWAY_PLACEHOLDERS_REGION", "eu"}};
  const std::vector<std::string> cli{"-url=jdbc:sqlite:app.db",
                                     "-locations=filesystem:sql",
                                     "-placeholders.region=eu"};

  REQUIRE(toml.run({"migrate"}).exit_code == 0);
  REQUIRE(conf.run({"migrate"}).exit_code == 0);
  REQUIRE(env.run({"migrate"}, vars).exit_code == 0);
  std::vector<std::string> migrate_args = cli;
  migrate_args.push_back("migrate");
  REQUIRE(args.run(migrate_args).exit_code == 0);

  const Json expected = stable_info(args, cli);
  CHECK(expected.size() == 3);
  CHECK(stable_info(toml) == expected);
  CHECK(stable_info(conf) == expected);
  CHECK(stable_info(env, {}, vars) == expected);
  // Same checksums everywhere: the repeatable's depends on the placeholder.
  for (const Workdir* w : {&toml, &conf, &env}) {
    ProcessResult r =
        w->run({"-url=jdbc:sqlite:app.db", "-locations=filesystem:sql",
                "-placeholders.region=eu", "validate"});
    CHECK(r.exit_code == 0);
  }
}

TEST_CASE("command line beats environment beats files", "[cli][config]") {
  Workdir w;
  w.write("flyway.toml",
          "[environments.default]\nurl = \"jdbc:sqlite:app.db\"\n"
          "[flyway]\nlocations = [\"filesystem:sql\"]\n"
          "[flyway.placeholders]\nregion = \"from-file\"\n");
  ProcessResult r =
      w.run({"-X", "migrate"}, {{"FLYWAY_PLACEHOLDERS_REGION", "from-env"}});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("from-env") != std::string::npos);
  // A new value on the command line: the repeatable is outdated.
  Json info = stable_info(w, {"-placeholders.region=from-cli"},
                          {{"FLYWAY_PLACEHOLDERS_REGION", "from-env"}});
  CHECK(info[2][2] == "Outdated");
  // RUNWAY_ beats FLYWAY_.
  info = stable_info(w, {},
                     {{"FLYWAY_PLACEHOLDERS_REGION", "other"},
                      {"RUNWAY_PLACEHOLDERS_REGION", "from-env"}});
  CHECK(info[2][2] == "Success");
}

TEST_CASE(
    "option -environment picks the environment; unknown ones are suggested",
    "[cli][config]") {
  Workdir w;
  w.write("flyway.toml",
          "[environments.dev]\nurl = \"jdbc:sqlite:dev.db\"\n"
          "[environments.prod]\nurl = \"jdbc:sqlite:prod.db\"\n"
          "[environments.prod.flyway.placeholders]\nregion = \"prod\"\n"
          "[flyway]\nlocations = [\"filesystem:sql\"]\n"
          "[flyway.placeholders]\nregion = \"dev\"\n");
  REQUIRE(w.run({"-environment=prod", "migrate"}).exit_code == 0);
  CHECK(fs::exists(w.dir / "prod.db"));
  CHECK_FALSE(fs::exists(w.dir / "dev.db"));
  ProcessResult r = w.run({"-environment=prd", "info"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("Environment 'prd' not found") != std::string::npos);
  CHECK(r.err.find("Did you mean 'prod'?") != std::string::npos);
}

TEST_CASE("an unknown key in flyway.toml is an error naming file and fix",
          "[cli][config]") {
  Workdir w;
  w.write("flyway.toml",
          "[environments.default]\nurl = \"jdbc:sqlite:app.db\"\n"
          "[flyway]\nlocatoins = [\"filesystem:sql\"]\n");
  ProcessResult r = w.run({"info"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("flyway.toml") != std::string::npos);
  CHECK(r.err.find("locations") != std::string::npos);
  CHECK_FALSE(fs::exists(w.dir / "app.db"));
}

TEST_CASE("a wrong password's error never shows the password",
          "[cli][config][postgres]") {
  runway::test::TempPostgresDatabase db;
  const std::string url =
      "jdbc:postgresql://127.0.0.1:" + std::to_string(db.port()) + "/" +
      db.name();
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"-url=" + url, "-user=runway", "-password=Wr0ngPassw0rd"},
           {"-url=" + url + "?user=runway&password=Wr0ngPassw0rd"},
           {"-url=postgresql://runway:Wr0ngPassw0rd@127.0.0.1:" +
            std::to_string(db.port()) + "/" + db.name()}}) {
    for (const char* mode : {"-outputType=json", "-X"}) {
      std::vector<std::string> argv{runway_binary()};
      argv.insert(argv.end(), args.begin(), args.end());
      argv.push_back(mode);
      argv.push_back("info");
      ProcessResult r = run_process(argv);
      CHECK(r.exit_code == 3);
      CHECK(r.out.find("Wr0ngPassw0rd") == std::string::npos);
      CHECK(r.err.find("Wr0ngPassw0rd") == std::string::npos);
      CHECK((r.out + r.err).find("password authentication failed") !=
            std::string::npos);
    }
  }
}

namespace {

// Listens on `port` only after `delay`, then forwards every connection to
// `target_port` on 127.0.0.1: a database server that comes up late.
class LateForwarder {
 public:
  LateForwarder(int port, int target_port, std::chrono::milliseconds delay)
      : thread_([=, this] { run(port, target_port, delay); }) {}
  ~LateForwarder() {
    stop_ = true;
    thread_.join();
  }

 private:
  static int connect_to(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  }
  void pump(int a, int b) {
    pollfd fds[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
    char buf[16384];
    while (!stop_) {
      if (::poll(fds, 2, 100) <= 0) continue;
      for (int i = 0; i < 2; ++i) {
        if (fds[i].revents == 0) continue;
        ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
        if (n <= 0) return;
        if (::write(fds[1 - i].fd, buf, static_cast<size_t>(n)) != n) return;
      }
    }
  }
  void run(int port, int target_port, std::chrono::milliseconds delay) {
    std::this_thread::sleep_for(delay);
    int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(listener, 16);
    std::vector<std::thread> pumps;
    pollfd pfd{listener, POLLIN, 0};
    while (!stop_) {
      if (::poll(&pfd, 1, 100) <= 0) continue;
      int client = ::accept(listener, nullptr, nullptr);
      int server = connect_to(target_port);
      if (client < 0 || server < 0) continue;
      pumps.emplace_back([this, client, server] {
        pump(client, server);
        ::close(client);
        ::close(server);
      });
    }
    for (auto& t : pumps) t.join();
    ::close(listener);
  }
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

}  // namespace

TEST_CASE("connectRetries waits for a server that starts late",
          "[cli][config][postgres]") {
  runway::test::TempPostgresDatabase db;
  Workdir w;
  const int port = free_port();
  LateForwarder server(port, db.port(), std::chrono::milliseconds(2500));
  const std::string url =
      "-url=jdbc:postgresql://127.0.0.1:" + std::to_string(port) + "/" +
      db.name();
  ProcessResult r = w.run({url, "-user=" + db.user(), "-connectRetries=5",
                           "-locations=filesystem:sql",
                           "-placeholders.region=eu", "migrate"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("Retrying in 1 sec") != std::string::npos);
  CHECK(r.err.find("Successfully applied 3 migrations") != std::string::npos);
}
