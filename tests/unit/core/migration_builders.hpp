// Literal inputs for merge/validate/plan tests: migration files and history
// rows built in one line each, and a compact rendering of merge results.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runway/core/merge.hpp"
#include "runway/core/migration.hpp"

namespace runway::test {

inline Version ver(std::string_view text) { return *Version::parse(text); }

inline std::string underscored(std::string text) {
  for (char& c : text) {
    if (c == ' ') c = '_';
  }
  return text;
}

inline ResolvedMigration file(MigrationKind kind, std::string_view prefix,
                              std::string_view version, std::string description,
                              std::int32_t checksum) {
  ResolvedMigration m;
  m.kind = kind;
  if (!version.empty()) m.version = ver(version);
  m.raw_version = std::string(version);
  m.script = std::string(prefix) + std::string(version) + "__" +
             underscored(description) + ".sql";
  m.physical_path = "/proj/sql/" + m.script;
  m.description = std::move(description);
  m.checksum = checksum;
  return m;
}

/// V<version>__<description>.sql
inline ResolvedMigration v_file(std::string_view version,
                                std::string description = "step",
                                std::int32_t checksum = 1) {
  return file(MigrationKind::kVersioned, "V", version, std::move(description),
              checksum);
}

/// B<version>__<description>.sql
inline ResolvedMigration b_file(std::string_view version,
                                std::string description = "base",
                                std::int32_t checksum = 1) {
  return file(MigrationKind::kBaseline, "B", version, std::move(description),
              checksum);
}

/// U<version>__<description>.sql
inline ResolvedMigration u_file(std::string_view version,
                                std::string description = "step",
                                std::int32_t checksum = 1) {
  return file(MigrationKind::kUndo, "U", version, std::move(description),
              checksum);
}

/// R__<description>.sql; `raw` is the checksum before placeholders.
inline ResolvedMigration r_file(std::string description,
                                std::int32_t checksum = 1,
                                std::optional<std::int32_t> raw = {}) {
  ResolvedMigration m = file(MigrationKind::kRepeatable, "R", "",
                             std::move(description), checksum);
  m.equivalent_checksum = raw;
  return m;
}

/// A successful SQL row; `version` "" = a repeatable.
inline AppliedMigration row(int rank, std::string_view version,
                            std::string description = "step",
                            std::optional<std::int32_t> checksum = 1) {
  AppliedMigration r;
  r.installed_rank = rank;
  if (!version.empty()) r.version = ver(version);
  r.script = (version.empty() ? "R" : "V") + std::string(version) + "__" +
             underscored(description) + ".sql";
  r.description = std::move(description);
  r.type = "SQL";
  r.checksum = checksum;
  r.installed_by = "app";
  r.installed_on = "2026-07-20 10:06:47";
  r.execution_time = 7;
  return r;
}

inline AppliedMigration failed(AppliedMigration r) {
  r.success = false;
  return r;
}

inline AppliedMigration typed(AppliedMigration r, std::string type) {
  r.type = std::move(type);
  return r;
}

/// The marker `baseline` writes.
inline AppliedMigration baseline_row(int rank, std::string_view version) {
  AppliedMigration r = row(rank, version, "<< Flyway Baseline >>", {});
  r.type = "BASELINE";
  r.script = "<< Flyway Baseline >>";
  return r;
}

/// The marker Flyway writes after creating schemas.
inline AppliedMigration schema_row(int rank) {
  AppliedMigration r = row(rank, "", "<< Flyway Schema Creation >>", {});
  r.type = "SCHEMA";
  r.script = "\"public\"";
  return r;
}

/// What repair inserts to mark `original` deleted.
inline AppliedMigration delete_row(int rank, AppliedMigration original) {
  original.installed_rank = rank;
  original.type = "DELETE";
  original.execution_time = 0;
  return original;
}

/// An UNDO_SQL row for `version`.
inline AppliedMigration undo_row(int rank, std::string_view version,
                                 std::string description = "step") {
  AppliedMigration r = row(rank, version, std::move(description));
  r.type = "UNDO_SQL";
  r.script =
      "U" + std::string(version) + "__" + underscored(r.description) + ".sql";
  return r;
}

/// "<version or description>=<state>" for every listed migration.
inline std::vector<std::string> listing(const MergeResult& merged) {
  std::vector<std::string> lines;
  for (const MigrationInfo& info : merged.infos) {
    std::string id =
        info.is_versioned() ? info.version_text() : info.description();
    if (info.type() != "SQL") id += "(" + info.type() + ")";
    lines.push_back(id + "=" + std::string(state_display_name(info.state)));
  }
  return lines;
}

using Files = std::vector<ResolvedMigration>;
using Rows = std::vector<AppliedMigration>;

}  // namespace runway::test
