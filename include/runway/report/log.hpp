// The one place log lines leave the process. Flyway's shapes: INFO plain,
// "WARNING: ", "ERROR: ", "DEBUG: " prefixes. Everything goes to stderr (the
// results go to stdout), through redact(), so no secret is ever printed.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace runway::report {

enum class LogLevel { kDebug, kInfo, kWarn, kError, kOff };

struct LogOptions {
  LogLevel level = LogLevel::kInfo;
  std::string color =
      "auto";               ///< always | never | auto (a terminal, no NO_COLOR)
  std::string output_file;  ///< also write lines here (truncated first)
  std::vector<std::string> secrets;  ///< masked as ******** in every line
};

class Log {
 public:
  Log();  ///< info level, stderr, auto colour, no secrets
  /// Throws ConfigError when `output_file` cannot be opened for writing.
  explicit Log(const LogOptions& options);
  ~Log();
  Log(const Log&) = delete;
  Log& operator=(const Log&) = delete;

  void debug(const std::string& message);
  void info(const std::string& message);
  void warn(const std::string& message);
  void error(const std::string& message);

  /// Adds a secret to mask from now on (e.g. a password read late).
  void add_secret(const std::string& secret);
  bool debug_enabled() const;
  /// Applies the secrets to any text (for stdout output too).
  std::string redact(const std::string& text) const;
  /// A result printed on stdout (the info table) goes to the output file
  /// too, as Flyway logs it there; nothing without an output file.
  void result_to_file(const std::string& text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace runway::report
