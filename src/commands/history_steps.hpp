// Steps several commands take on the schema history: the lock, the marker
// rows Flyway writes, createSchemas, the next installed_rank. Internal to
// commands/.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runway/commands/context.hpp"
#include "runway/history/migration_lock.hpp"

namespace runway::commands {

/// The migration lock on this context's history table, logging who holds
/// it while waiting. Released when the returned object is destroyed.
std::unique_ptr<history::MigrationLock> lock_history(
    CommandContext& ctx,
    history::LockMode mode = history::LockMode::kExclusive);

/// The exclusive lock if it is free now (PostgreSQL), else nullptr.
std::unique_ptr<history::MigrationLock> try_lock_history(CommandContext& ctx);
/// history::try_migration_lock_on_main for the context's main connection.
std::unique_ptr<history::MigrationLock> try_lock_history_on_main(
    CommandContext& ctx);

/// Releases `lock`, keeping its dedicated connection for the next one.
void unlock_history(CommandContext& ctx,
                    std::unique_ptr<history::MigrationLock> lock);

/// The BASELINE marker: rank 1, baselineVersion, baselineDescription.
AppliedMigration baseline_marker_row(CommandContext& ctx,
                                     const Version& version);

/// The SCHEMA marker listing the schemas Runway created, quoted and
/// comma-separated, as Flyway writes it.
AppliedMigration schema_marker_row(CommandContext& ctx,
                                   const std::vector<std::string>& created,
                                   int rank);

/// createSchemas: creates the managed schemas that do not exist (never on
/// SQLite) and returns their names. Joins the caller's transaction if open.
std::vector<std::string> create_missing_schemas(CommandContext& ctx);

/// One more than the highest installed_rank (1 for an empty history).
int next_installed_rank(const std::vector<AppliedMigration>& rows);

}  // namespace runway::commands
