// validate: every applied migration against its file; every problem at once.
#include "runway/core/validate.hpp"

#include <chrono>

#include "runway/commands/callbacks.hpp"
#include "runway/commands/commands.hpp"
#include "runway/db/schema_ops.hpp"
#include "runway/report/time_format.hpp"

namespace runway::commands {

ValidateResult run_validate(CommandContext& ctx) {
  const auto start = std::chrono::steady_clock::now();
  fs::ScanResult scan = ctx.scan();
  CallbackRunner callbacks(ctx, scan.callbacks);
  ValidateResult result;
  result.database = ctx.database_name();
  callbacks.fire("afterConnect");

  // As Flyway's DbValidate: a default schema that does not exist yet is
  // decided before any validation callback runs.
  const IgnorePatterns patterns = ctx.ignore_patterns();
  if (!db::schema_exists(ctx.connection(), ctx.default_schema())) {
    if (!scan.migrations.empty() &&
        !patterns.is_ignored(MigrationState::kPending)) {
      ErrorDetails details;
      details.error_code = "SCHEMA_DOES_NOT_EXIST";
      details.message =
          "Schema " + ctx.quote(ctx.default_schema()) + " doesn't exist yet";
      result.validation_successful = false;
      result.error_details = details;
      throw CommandFailed(ErrorKind::kValidation, details, result);
    }
    return result;
  }
  callbacks.fire("beforeValidate");

  MergeResult merged = ctx.merge_with_history(scan.migrations);
  ValidateOptions options;
  options.ignore_patterns = patterns;
  std::vector<ValidationIssue> issues = validate(merged, options);
  if (!issues.empty()) {
    for (const ValidationIssue& issue : issues)
      result.invalid_migrations.push_back({issue.version, issue.description,
                                           issue.filepath, issue.error_code,
                                           issue.message});
    ErrorDetails details;
    details.error_code = "VALIDATE_ERROR";
    details.message = validation_failed_message(issues);
    result.validation_successful = false;
    // The JSON result's errorDetails carries Flyway's short message; each
    // problem is in invalidMigrations, the whole text in the log.
    ErrorDetails summary;
    summary.error_code = details.error_code;
    summary.message = "Migrations have failed validation";
    result.error_details = summary;
    callbacks.fire_quietly("afterValidateError");
    throw CommandFailed(ErrorKind::kValidation, details, result);
  }
  result.validate_count = static_cast<int>(merged.infos.size());
  if (merged.infos.empty())
    ctx.log().warn("No migrations found. Are your locations set up correctly?");
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  ctx.log().info("Successfully validated " +
                 std::to_string(result.validate_count) +
                 (result.validate_count == 1 ? " migration" : " migrations") +
                 " (execution time " + report::format_duration(ms) + ")");
  callbacks.fire("afterValidate");
  return result;
}

}  // namespace runway::commands
