#include "runway/core/migration_info.hpp"

#include "runway/core/migration_type.hpp"

namespace runway {

const std::optional<Version>& MigrationInfo::version() const {
  return applied ? applied->version : resolved->version;
}

std::string MigrationInfo::version_text() const {
  return version() ? version()->text() : std::string();
}

std::string MigrationInfo::raw_version() const {
  if (resolved && resolved->version) return resolved->raw_version;
  return version_text();
}

const std::string& MigrationInfo::description() const {
  return applied ? applied->description : resolved->description;
}

std::string MigrationInfo::type() const {
  return applied ? applied->type : resolved->type();
}

const std::string& MigrationInfo::script() const {
  return applied ? applied->script : resolved->script;
}

std::optional<std::int32_t> MigrationInfo::checksum() const {
  if (applied) return applied->checksum;
  return resolved->checksum;
}

std::optional<int> MigrationInfo::installed_rank() const {
  if (applied) return applied->installed_rank;
  return std::nullopt;
}

std::string MigrationInfo::installed_on() const {
  return applied ? applied->installed_on : std::string();
}

std::string MigrationInfo::installed_by() const {
  return applied ? applied->installed_by : std::string();
}

int MigrationInfo::execution_time() const {
  return applied ? applied->execution_time : 0;
}

std::string MigrationInfo::physical_path() const {
  return resolved ? resolved->physical_path : std::string();
}

std::string MigrationInfo::category() const {
  const std::string kind = type();
  if (is_synthetic_type(kind)) return "";
  if (!is_versioned()) return "Repeatable";
  if (is_undo_type(kind)) return "Undo";
  if (is_baseline_type(kind)) return "Baseline";
  return "Versioned";
}

}  // namespace runway
