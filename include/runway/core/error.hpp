// Error kinds that callers act on. Each maps to one exit code in cli/.
#pragma once

#include <stdexcept>
#include <string>

namespace runway {

/// What went wrong, coarse enough for a caller to act on. The CLI maps each
/// kind to an exit code (see README "Exit codes").
enum class ErrorKind {
  kConfig,         ///< bad usage or configuration (exit 2)
  kMigrationFile,  ///< a migration file is malformed (exit 1)
  kConnection,     ///< cannot reach the database (exit 3)
  kSql,            ///< the database refused a statement (exit 1)
  kMigration,      ///< a command failed for a domain reason (exit 1)
  kValidation,     ///< validation found problems (exit 4)
  kLockTimeout,    ///< the migration lock was not acquired in time (exit 5)
  kCommitUnknown,  ///< connection lost during COMMIT: outcome unknown (exit 6)
  kInternal,       ///< a bug (exit 1)
};

/// Base of every error Runway throws. `code` is Flyway's errorCode string
/// (e.g. "CHECKSUM_MISMATCH", "VALIDATE_ERROR") used in JSON output.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string code, const std::string& message)
      : std::runtime_error(message), kind_(kind), code_(std::move(code)) {}
  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }

 private:
  ErrorKind kind_;
  std::string code_;
};

class ConfigError : public Error {
 public:
  explicit ConfigError(const std::string& message)
      : Error(ErrorKind::kConfig, "CONFIGURATION", message) {}
};

/// A migration or callback file that cannot be used: bad name, bad encoding,
/// unknown placeholder, unterminated quote. `file` and `line` locate it
/// (line 0 = the file as a whole).
class MigrationFileError : public Error {
 public:
  MigrationFileError(std::string file, int line, const std::string& message,
                     std::string code = "ERROR")
      : Error(ErrorKind::kMigrationFile, std::move(code), message),
        file_(std::move(file)),
        line_(line) {}
  const std::string& file() const { return file_; }
  int line() const { return line_; }

 private:
  std::string file_;
  int line_;
};

}  // namespace runway
