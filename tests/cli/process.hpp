// Runs a program as a child process and captures what it prints.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace runway::test {

struct ProcessResult {
  int exit_code = -1;  ///< -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::string working_directory;  ///< empty = inherit
  /// Variables set (or, with an empty value and unset=true, removed) on top
  /// of the current environment.
  std::map<std::string, std::string> env;
  std::vector<std::string> unset_env;
  bool clean_flyway_env = true;  ///< drop inherited FLYWAY_* / RUNWAY_*
};

/// Starts `argv[0]` with `argv`, waits for it, returns its output.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const ProcessOptions& options = {});

/// Starts the process without waiting; returns its pid. Output goes to the
/// given files (created/truncated).
int spawn_process(const std::vector<std::string>& argv,
                  const ProcessOptions& options, const std::string& out_file,
                  const std::string& err_file);

/// Waits for a spawned process; returns its exit code (-1 if signalled).
int wait_process(int pid);

/// Starts `count` copies of `argv` at once (the race of N runners, as
/// Kubernetes init containers start them), waits for all of them and returns
/// each one's exit code and output, in start order.
std::vector<ProcessResult> run_concurrently(
    const std::vector<std::string>& argv, int count,
    const ProcessOptions& options = {});

/// A fresh temporary directory, removed with everything in it.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  /// Writes `text` byte for byte to `relative` (parent folders created).
  void write(const std::string& relative, const std::string& text) const;
  /// The path of `relative` inside the directory.
  std::string file(const std::string& relative) const {
    return (dir / relative).string();
  }
  /// The directory itself, or `name` inside it.
  std::string path(const std::string& name = "") const {
    return name.empty() ? dir.string() : file(name);
  }
  /// "filesystem:<dir>", for -locations.
  std::string location() const { return "filesystem:" + dir.string(); }
  std::filesystem::path dir;
};

/// The runway binary under test.
std::string runway_binary();

/// Reads a whole file (empty if missing).
std::string read_text_file(const std::string& path);

}  // namespace runway::test
