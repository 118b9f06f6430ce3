#include "runway/core/migration.hpp"

namespace runway {

std::string_view ResolvedMigration::type_name() const {
  switch (kind) {
    case MigrationKind::kBaseline:
      return "SQL_BASELINE";
    case MigrationKind::kUndo:
      return "UNDO_SQL";
    case MigrationKind::kVersioned:
    case MigrationKind::kRepeatable:
      break;
  }
  return "SQL";
}

}  // namespace runway
