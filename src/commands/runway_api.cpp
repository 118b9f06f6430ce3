#include "runway/commands/commands.hpp"
#include "runway/config/describe.hpp"
#include "runway/report/log.hpp"
#include "runway/runway.hpp"

namespace runway {
namespace {

report::LogOptions log_options(const Settings& settings,
                               const LogSettings& log) {
  report::LogOptions o;
  o.level = log.debug  ? report::LogLevel::kDebug
            : log.info ? report::LogLevel::kInfo
                       : report::LogLevel::kWarn;
  o.color = "never";
  o.output_file = log.file;
  o.secrets = secrets_of(settings);
  return o;
}

}  // namespace

struct Runway::Impl {
  Settings settings;
  report::Log log;
  commands::CommandContext context;
  Impl(Settings s, const LogSettings& l)
      : settings(std::move(s)),
        log(log_options(settings, l)),
        context(settings, log) {}
};

Runway::Runway(Settings settings, LogSettings log)
    : impl_(std::make_unique<Impl>(std::move(settings), log)) {}

Runway::~Runway() = default;

MigrateResult Runway::migrate() {
  return commands::run_migrate(impl_->context);
}
InfoResult Runway::info() { return commands::run_info(impl_->context); }
ValidateResult Runway::validate() {
  return commands::run_validate(impl_->context);
}
BaselineResult Runway::baseline() {
  return commands::run_baseline(impl_->context);
}
RepairResult Runway::repair() { return commands::run_repair(impl_->context); }
UndoResult Runway::undo() { return commands::run_undo(impl_->context); }
CleanResult Runway::clean() { return commands::run_clean(impl_->context); }

}  // namespace runway
