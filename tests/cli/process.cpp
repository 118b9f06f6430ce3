#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace runway::test {
namespace {

std::vector<std::string> child_environment(const ProcessOptions& options) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq == std::string::npos) continue;
    std::string name = entry.substr(0, eq);
    if (options.clean_flyway_env &&
        (name.rfind("FLYWAY_", 0) == 0 || name.rfind("RUNWAY_", 0) == 0 ||
         name.rfind("flyway_", 0) == 0 || name.rfind("environments_", 0) == 0))
      continue;
    vars[name] = entry.substr(eq + 1);
  }
  for (const auto& name : options.unset_env) vars.erase(name);
  for (const auto& [name, value] : options.env) vars[name] = value;
  std::vector<std::string> out;
  for (const auto& [name, value] : vars) out.push_back(name + "=" + value);
  return out;
}

[[noreturn]] void exec_child(const std::vector<std::string>& argv,
                             const ProcessOptions& options) {
  if (!options.working_directory.empty() &&
      chdir(options.working_directory.c_str()) != 0)
    _exit(127);
  std::vector<std::string> env = child_environment(options);
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execve(args[0], args.data(), envp.data());
  _exit(127);
}

int exit_code_of(int status, int* signal_out) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status) && signal_out != nullptr)
    *signal_out = WTERMSIG(status);
  return -1;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv,
                          const ProcessOptions& options) {
  // Close-on-exec, so that only the dup2'ed ends reach the program: a
  // daemon it starts (pg_ctl start) must not keep the pipes open.
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, STDIN_FILENO);
    close(out_pipe[0]);
    close(err_pipe[0]);
    exec_child(argv, options);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  ProcessResult result;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<std::size_t>(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = exit_code_of(status, &result.signal);
  return result;
}

int spawn_process(const std::vector<std::string>& argv,
                  const ProcessOptions& options, const std::string& out_file,
                  const std::string& err_file) {
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    dup2(devnull, STDIN_FILENO);
    exec_child(argv, options);
  }
  return pid;
}

int wait_process(int pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return exit_code_of(status, nullptr);
}

std::vector<ProcessResult> run_concurrently(
    const std::vector<std::string>& argv, int count,
    const ProcessOptions& options) {
  const ScratchDir logs;
  const auto log = [&logs](const char* stream, int i) {
    return logs.path(stream + std::to_string(i));
  };
  std::vector<int> pids;
  for (int i = 0; i < count; ++i)
    pids.push_back(spawn_process(argv, options, log("out", i), log("err", i)));
  std::vector<ProcessResult> results;
  for (int i = 0; i < count; ++i) {
    ProcessResult r;
    int status = 0;
    waitpid(pids[static_cast<std::size_t>(i)], &status, 0);
    r.exit_code = exit_code_of(status, &r.signal);
    r.out = read_text_file(log("out", i));
    r.err = read_text_file(log("err", i));
    results.push_back(std::move(r));
  }
  return results;
}

ScratchDir::ScratchDir() {
  static int counter = 0;
  dir = std::filesystem::temp_directory_path() /
        ("runway-test-" + std::to_string(::getpid()) + "-" +
         std::to_string(++counter));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

void ScratchDir::write(const std::string& relative,
                       const std::string& text) const {
  const std::filesystem::path path = dir / relative;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string runway_binary() { return RUNWAY_BINARY; }

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace runway::test
