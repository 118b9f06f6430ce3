// The rules run in Flyway's order and the first that fails wins:
//  0. skipped: Undone, Above Target, Deleted, or matched by a pattern;
//  1. failed rows (a Failed (Future) one passes when future is ignored);
//  2. applied rows without a file (not markers, undo rows, Superseded, or
//     Missing/Future when those are ignored);
//  3. Ignored files (unless ignored is ignored; never B or U files);
//  4. Pending files, 5. Outdated repeatables (unless pending is ignored);
//  6-8. type, checksum, description of a row against its file, skipped at
//     or below the applied baseline. Versioned checksums always count;
//     repeatable ones only when pending is ignored and the row is the
//     latest run (otherwise the change simply makes it Outdated).
// One deliberate difference (SPEC.md §2): a repeatable's raw-text checksum
// (rows written before Flyway 6.3) is accepted in rule 7 as it is in
// merge; Flyway compares only the replaced checksum there, so a
// validateOnMigrate would fail on such a history.
#include "runway/core/validate.hpp"

#include <optional>

#include "merge_rules.hpp"
#include "runway/core/migration_type.hpp"

namespace runway {
namespace {

constexpr const char* kRepairHint =
    "Either revert the changes to the migration, or run repair to update the "
    "schema history.";

struct Ignored {
  bool pending, ignored, missing, future;
};

ValidationIssue issue(const MigrationInfo& info, std::string code,
                      std::string message) {
  return {std::move(code), std::move(message), info.version_text(),
          info.description(), info.physical_path()};
}

std::string checksum_text(std::optional<std::int32_t> checksum) {
  return checksum ? std::to_string(*checksum) : "null";
}

std::optional<ValidationIssue> check_failed(const MigrationInfo& info,
                                            const Ignored& ignored) {
  if (!info.is_failed() ||
      (ignored.future && info.state == MigrationState::kFutureFailed)) {
    return std::nullopt;
  }
  const char* kHint =
      ".\nPlease remove any half-completed changes then run repair to fix the "
      "schema history.";
  if (!info.is_versioned()) {
    return issue(
        info, "FAILED_REPEATABLE_MIGRATION",
        "Detected failed repeatable migration: " + info.description() + kHint);
  }
  return issue(info, "FAILED_VERSIONED_MIGRATION",
               "Detected failed migration to version " + info.version_text() +
                   " (" + info.description() + ")" + kHint);
}

std::optional<ValidationIssue> check_not_resolved(const MigrationInfo& info,
                                                  const Ignored& ignored) {
  MigrationState state = info.state;
  if (info.resolved || is_synthetic_type(info.applied->type) ||
      is_undo_type(info.applied->type) ||
      state == MigrationState::kSuperseded ||
      (ignored.missing && (state == MigrationState::kMissingSuccess ||
                           state == MigrationState::kMissingFailed)) ||
      (ignored.future && (state == MigrationState::kFutureSuccess ||
                          state == MigrationState::kFutureFailed))) {
    return std::nullopt;
  }
  const char* kHint =
      ".\nIf you removed this migration intentionally, run repair to mark the "
      "migration as deleted.";
  if (info.is_versioned()) {
    return issue(info, "APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED",
                 "Detected applied migration not resolved locally: " +
                     info.version_text() + kHint);
  }
  return issue(info, "APPLIED_REPEATABLE_MIGRATION_NOT_RESOLVED",
               "Detected applied migration not resolved locally: " +
                   info.description() + kHint);
}

std::optional<ValidationIssue> check_not_applied(const MigrationInfo& info,
                                                 const Ignored& ignored) {
  std::string hint;
  if (info.state == MigrationState::kIgnored && !ignored.ignored &&
      info.resolved->kind != MigrationKind::kBaseline &&
      info.resolved->kind != MigrationKind::kUndo) {
    hint =
        ".\nTo ignore this migration, set "
        "-ignoreMigrationPatterns='*:ignored'.";
    if (info.is_versioned()) {
      hint += " To allow executing this migration, set -outOfOrder=true.";
    }
  } else if (info.state == MigrationState::kPending && !ignored.pending) {
    hint =
        ".\nTo fix this error, either run migrate, or set "
        "-ignoreMigrationPatterns='*:pending'.";
  } else {
    return std::nullopt;
  }
  if (info.is_versioned()) {
    return issue(info, "RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED",
                 "Detected resolved migration not applied to database: " +
                     info.version_text() + hint);
  }
  return issue(info, "RESOLVED_REPEATABLE_MIGRATION_NOT_APPLIED",
               "Detected resolved repeatable migration not applied to "
               "database: " +
                   info.description() + hint);
}

std::optional<ValidationIssue> check_outdated(const MigrationInfo& info,
                                              const Ignored& ignored) {
  if (ignored.pending || info.state != MigrationState::kOutdated) {
    return std::nullopt;
  }
  return issue(info, "OUTDATED_REPEATABLE_MIGRATION",
               "Detected outdated resolved repeatable migration that should be "
               "re-applied to database: " +
                   info.description() +
                   ".\nRun migrate to execute this migration.");
}

std::string mismatch(const std::string& what, const std::string& id,
                     const std::string& applied, const std::string& resolved) {
  return "Migration " + what + " mismatch for migration " + id +
         "\n-> Applied to database : " + applied +
         "\n-> Resolved locally    : " + resolved + "\n" + kRepairHint;
}

std::optional<ValidationIssue> check_mismatch(const MigrationInfo& info,
                                              const MergeResult& merged,
                                              const Ignored& ignored) {
  if (!info.resolved || !info.applied) return std::nullopt;
  const ResolvedMigration& file = *info.resolved;
  const AppliedMigration& row = *info.applied;
  if (row.type == "DELETE" || is_undo_type(row.type)) return std::nullopt;
  if (row.version && merged.applied_baseline &&
      !(*row.version > *merged.applied_baseline)) {
    return std::nullopt;
  }
  std::string id = row.version ? "version " + row.version->text() : row.script;
  if (file.type() != row.type) {
    return issue(info, "TYPE_MISMATCH",
                 mismatch("type", id, row.type, file.type()));
  }
  bool check_checksum =
      file.version.has_value() ||
      (ignored.pending && info.state != MigrationState::kOutdated &&
       info.state != MigrationState::kSuperseded);
  if (check_checksum && row.checksum &&
      !merge_rules::checksum_matches(file, row.checksum)) {
    return issue(info, "CHECKSUM_MISMATCH",
                 mismatch("checksum", id, checksum_text(row.checksum),
                          checksum_text(file.checksum)));
  }
  if (!merge_rules::description_matches(file.description, row.description)) {
    return issue(
        info, "DESCRIPTION_MISMATCH",
        mismatch("description", id, row.description, file.description));
  }
  return std::nullopt;
}

bool skipped(const MigrationInfo& info, const IgnorePatterns& patterns) {
  return info.state == MigrationState::kUndone ||
         info.state == MigrationState::kAboveTarget ||
         info.state == MigrationState::kDeleted ||
         patterns.matches(info.is_versioned(), info.state);
}

std::optional<ValidationIssue> check(const MigrationInfo& info,
                                     const MergeResult& merged,
                                     const Ignored& ignored) {
  if (auto found = check_failed(info, ignored)) return found;
  if (auto found = check_not_resolved(info, ignored)) return found;
  if (auto found = check_not_applied(info, ignored)) return found;
  if (auto found = check_outdated(info, ignored)) return found;
  return check_mismatch(info, merged, ignored);
}

}  // namespace

std::vector<ValidationIssue> validate(const MergeResult& merged,
                                      const ValidateOptions& options) {
  IgnorePatterns patterns = options.on_migrate
                                ? options.ignore_patterns.with("*:pending")
                                : options.ignore_patterns;
  Ignored ignored{patterns.is_ignored(MigrationState::kPending),
                  patterns.is_ignored(MigrationState::kIgnored),
                  patterns.is_ignored(MigrationState::kMissingSuccess),
                  patterns.is_ignored(MigrationState::kFutureSuccess)};
  std::vector<ValidationIssue> issues;
  for (const auto* list : {&merged.infos, &merged.undo_rows}) {
    for (const MigrationInfo& info : *list) {
      if (skipped(info, patterns)) continue;
      if (auto found = check(info, merged, ignored)) {
        issues.push_back(std::move(*found));
      }
    }
  }
  return issues;
}

std::string validation_failed_message(
    const std::vector<ValidationIssue>& issues) {
  std::string text = "Validate failed: Migrations have failed validation";
  for (const ValidationIssue& found : issues) text += "\n" + found.message;
  text += "\nNeed more flexibility with validation rules? Learn more: ";
  text += kValidateRulesUrl;
  return text;
}

}  // namespace runway
