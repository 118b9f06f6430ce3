// validate: Flyway's eight per-migration rules (MigrationInfoImpl.validate),
// every migration checked, every problem reported (reference §6).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runway/core/ignore_patterns.hpp"
#include "runway/core/merge.hpp"

namespace runway {

/// Where Runway points from "Need more flexibility with validation rules?".
/// Flyway links (through a versioned redirect) to this article.
inline constexpr std::string_view kValidateRulesUrl =
    "https://documentation.red-gate.com/flyway/flyway-blog/older-posts/"
    "customize-validation-rules-with-ignoremigrationpatterns";

struct ValidateOptions {
  /// The configured ignoreMigrationPatterns (Flyway's default `*:future`).
  IgnorePatterns ignore_patterns = IgnorePatterns::defaults();
  /// Validation run by migrate (validateOnMigrate): `*:pending` is added, so
  /// Pending and Outdated migrations and repeatable checksum changes pass.
  bool on_migrate = false;
};

/// One failed rule for one migration (JSON `invalidMigrations[]`).
struct ValidationIssue {
  std::string error_code;  ///< e.g. "CHECKSUM_MISMATCH"
  std::string message;     ///< Flyway's exact text, may span lines
  std::string version;     ///< "" for repeatables
  std::string description;
  std::string filepath;  ///< the file's absolute path, or ""
};

/// Checks every migration in `merged` (and every undo row for failure);
/// the first failing rule per migration is reported. Empty = valid.
std::vector<ValidationIssue> validate(const MergeResult& merged,
                                      const ValidateOptions& options = {});

/// The error text of a failed validate: "Validate failed: Migrations have
/// failed validation\n<message>\n<message>...\nNeed more flexibility with
/// validation rules? Learn more: <kValidateRulesUrl>".
std::string validation_failed_message(
    const std::vector<ValidationIssue>& issues);

}  // namespace runway
