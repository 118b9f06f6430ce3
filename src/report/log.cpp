#include "runway/report/log.hpp"

#include <spdlog/sinks/ansicolor_sink.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>

#include "runway/config/redact.hpp"
#include "runway/core/error.hpp"

namespace runway::report {
namespace {

spdlog::color_mode color_mode_for(const std::string& color) {
  if (color == "always") return spdlog::color_mode::always;
  if (color == "never") return spdlog::color_mode::never;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0')
    return spdlog::color_mode::never;
  return isatty(STDERR_FILENO) ? spdlog::color_mode::automatic
                               : spdlog::color_mode::never;
}

spdlog::level::level_enum to_spdlog(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return spdlog::level::debug;
    case LogLevel::kInfo:
      return spdlog::level::info;
    case LogLevel::kWarn:
      return spdlog::level::warn;
    case LogLevel::kError:
      return spdlog::level::err;
    case LogLevel::kOff:
      break;
  }
  return spdlog::level::off;
}

}  // namespace

struct Log::Impl {
  std::shared_ptr<spdlog::logger> logger;
  std::shared_ptr<spdlog::logger> file_only;  ///< the output file, if any
  std::vector<std::string> secrets;

  void write(spdlog::level::level_enum level, const char* prefix,
             const std::string& message) {
    if (!logger->should_log(level)) return;
    logger->log(level, "{}{}", prefix, runway::redact(message, secrets));
  }
};

Log::Log() : Log(LogOptions{}) {}

Log::Log(const LogOptions& options) : impl_(std::make_unique<Impl>()) {
  auto console = std::make_shared<spdlog::sinks::ansicolor_stderr_sink_mt>(
      color_mode_for(options.color));
  // Flyway colours: "Successfully ..." lines are green, warnings yellow,
  // errors red. The level colour spans the whole line (%^...%$).
  console->set_color(spdlog::level::info, console->reset);
  console->set_pattern("%^%v%$");
  std::vector<spdlog::sink_ptr> sinks{console};
  if (!options.output_file.empty()) {
    std::shared_ptr<spdlog::sinks::basic_file_sink_mt> file;
    try {
      file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(
          options.output_file, /*truncate=*/true);
    } catch (const spdlog::spdlog_ex& e) {
      throw ConfigError("Could not initialize log file at " +
                        options.output_file + ": " + e.what());
    }
    file->set_pattern("%v");
    sinks.push_back(file);
    impl_->file_only = std::make_shared<spdlog::logger>("runway-file", file);
    impl_->file_only->flush_on(spdlog::level::trace);
  }
  impl_->logger =
      std::make_shared<spdlog::logger>("runway", sinks.begin(), sinks.end());
  impl_->logger->set_level(to_spdlog(options.level));
  impl_->logger->flush_on(spdlog::level::trace);
  impl_->secrets = options.secrets;
}

Log::~Log() = default;

void Log::debug(const std::string& message) {
  impl_->write(spdlog::level::debug, "DEBUG: ", message);
}
void Log::info(const std::string& message) {
  impl_->write(spdlog::level::info, "", message);
}
void Log::warn(const std::string& message) {
  impl_->write(spdlog::level::warn, "WARNING: ", message);
}
void Log::error(const std::string& message) {
  impl_->write(spdlog::level::err, "ERROR: ", message);
}

void Log::add_secret(const std::string& secret) {
  if (!secret.empty()) impl_->secrets.push_back(secret);
}

bool Log::debug_enabled() const {
  return impl_->logger->should_log(spdlog::level::debug);
}

std::string Log::redact(const std::string& text) const {
  return runway::redact(text, impl_->secrets);
}

void Log::result_to_file(const std::string& text) {
  if (!impl_->file_only) return;
  std::string line = runway::redact(text, impl_->secrets);
  if (!line.empty() && line.back() == '\n') line.pop_back();
  impl_->file_only->log(spdlog::level::info, "{}", line);
}

}  // namespace runway::report
