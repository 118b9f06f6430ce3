#include "command_harness.hpp"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "runway/commands/context.hpp"
#include "runway/db/connect.hpp"
#include "runway/history/schema_history.hpp"
#include "runway/report/log.hpp"

namespace runway::test {
namespace {

std::string make_temp_dir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "runway-commands-XXXXXX")
          .string();
  if (mkdtemp(pattern.data()) == nullptr) FAIL("cannot create a temp dir");
  return pattern;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

CommandHarness::CommandHarness(Engine engine) : engine_(engine) {
  const std::string dir = make_temp_dir();
  scripts_dir_ = dir + "/sql";
  log_file_ = dir + "/runway.log";
  std::filesystem::create_directory(scripts_dir_);
  if (engine == Engine::kPostgreSQL) {
    postgres_ = std::make_unique<TempPostgresDatabase>();
    settings.url = postgres_->jdbc_url();
    settings.user = postgres_->user();
  } else {
    sqlite_ = std::make_unique<TempSqliteFile>();
    settings.url = sqlite_->jdbc_url();
  }
  settings.locations = {"filesystem:" + scripts_dir_};
}

CommandHarness::~CommandHarness() {
  std::error_code ignored;
  std::filesystem::remove_all(std::filesystem::path(scripts_dir_).parent_path(),
                              ignored);
}

void CommandHarness::write(const std::string& name,
                           const std::string& content) {
  std::ofstream out(path_of(name), std::ios::binary | std::ios::trunc);
  out << content;
}

void CommandHarness::remove(const std::string& name) {
  std::filesystem::remove(path_of(name));
}

std::string CommandHarness::path_of(const std::string& name) const {
  return scripts_dir_ + "/" + name;
}

std::vector<commands::CommandResult> CommandHarness::run_in_one_context(
    const std::vector<std::string>& commands) {
  report::LogOptions options;
  options.color = "never";
  options.output_file = log_file_;
  struct ReadLogAtExit {
    CommandHarness& self;
    ~ReadLogAtExit() { self.log_ = read_file(self.log_file_); }
  } read_log{*this};
  report::Log log(options);
  commands::CommandContext ctx(settings, log);
  std::vector<commands::CommandResult> results;
  for (const std::string& command : commands)
    results.push_back(commands::run_command(ctx, command));
  return results;
}

commands::CommandResult CommandHarness::run(const std::string& command) {
  return run_in_one_context({command}).front();
}

commands::MigrateResult CommandHarness::migrate() {
  return std::get<commands::MigrateResult>(run("migrate"));
}
commands::InfoResult CommandHarness::info() {
  return std::get<commands::InfoResult>(run("info"));
}
commands::ValidateResult CommandHarness::validate() {
  return std::get<commands::ValidateResult>(run("validate"));
}
commands::BaselineResult CommandHarness::baseline() {
  return std::get<commands::BaselineResult>(run("baseline"));
}
commands::RepairResult CommandHarness::repair() {
  return std::get<commands::RepairResult>(run("repair"));
}
commands::UndoResult CommandHarness::undo() {
  return std::get<commands::UndoResult>(run("undo"));
}
commands::CleanResult CommandHarness::clean() {
  return std::get<commands::CleanResult>(run("clean"));
}

std::string CommandHarness::failure_of(const std::string& command,
                                       ErrorKind* kind, std::string* code) {
  try {
    run(command);
  } catch (const Error& e) {
    if (kind) *kind = e.kind();
    if (code) *code = e.code();
    return e.what();
  }
  FAIL(command + " was expected to fail but succeeded");
  return "";
}

bool CommandHarness::logged(const std::string& line) const {
  std::istringstream in(log_);
  std::string each;
  while (std::getline(in, each))
    if (each == line) return true;
  return false;
}

bool CommandHarness::logged_starting(const std::string& prefix) const {
  std::istringstream in(log_);
  std::string each;
  while (std::getline(in, each))
    if (each.rfind(prefix, 0) == 0) return true;
  return false;
}

std::unique_ptr<db::Connection> CommandHarness::connect() const {
  db::ConnectOptions options;
  options.url = postgres_ ? postgres_->conninfo() : sqlite_->jdbc_url();
  return db::connect(options);
}

std::string CommandHarness::scalar(const std::string& sql) const {
  const db::QueryResult r = connect()->execute(sql);
  if (r.rows.empty() || r.rows[0].empty() || !r.rows[0][0]) return "";
  return *r.rows[0][0];
}

std::vector<AppliedMigration> CommandHarness::history(
    const std::string& schema) const {
  auto conn = connect();
  const std::string name =
      !schema.empty() ? schema : (postgres_ ? "public" : "main");
  return history::SchemaHistory(*conn, name, "flyway_schema_history")
      .read_all();
}

std::vector<std::string> CommandHarness::states() {
  std::vector<std::string> out;
  for (const commands::InfoEntry& e : info().migrations)
    out.push_back((e.category == "Undo" ? "U" : "") +
                  (e.version.empty() ? e.description : e.version) + ": " +
                  e.state);
  return out;
}

}  // namespace runway::test
