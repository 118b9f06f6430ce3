// Ordering resolved migrations and callbacks as Flyway does, and refusing
// duplicates (private to fs/).
#pragma once

#include <vector>

#include "locations.hpp"
#include "runway/core/file_name.hpp"
#include "runway/core/migration.hpp"
#include "runway/fs/scanner.hpp"

namespace runway::fs {

/// A file whose name parsed as a migration or callback name.
struct Candidate {
  const FoundFile* file;  ///< owned by the caller's list
  ParsedFileName name;
};

/// The migrations among `candidates`, sorted: versioned-like by version (V
/// before B before U on equal versions), then repeatables by description;
/// ties by path. Throws Error DUPLICATE_VERSIONED_MIGRATION when two of the
/// same kind share a version, DUPLICATE_REPEATABLE_MIGRATION when two
/// repeatables share a description. `files`, when given, receives the file
/// of each migration, in the same order.
std::vector<ResolvedMigration> order_migrations(
    const std::vector<Candidate>& candidates,
    std::vector<const FoundFile*>* files = nullptr);

/// The callbacks among `candidates`, sorted by event (Flyway's Event order)
/// then description. Throws Error when two share a name.
std::vector<Callback> order_callbacks(const std::vector<Candidate>& candidates);

}  // namespace runway::fs
