// Private to src/history: one acquire function per lock kind.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "lock_wait.hpp"
#include "runway/history/migration_lock.hpp"

namespace runway::history::detail {

using InfoSink = std::function<void(const std::string&)>;
/// See acquire_migration_lock's `cancel_target`.
using CancelTarget = std::function<void(db::Connection*)>;

/// The lock on `dedicated`, which goes with it. `in_transaction`
/// (postgresql.transactional.lock): pg_advisory_xact_lock inside a
/// transaction left open until the lock is released (COMMIT).
std::unique_ptr<MigrationLock> acquire_postgres_lock(
    std::unique_ptr<db::Connection> dedicated, const std::string& quoted_table,
    int retry_count, const InfoSink& info, const InterruptCheck& interrupted,
    LockMode mode, const CancelTarget& cancel_target,
    bool in_transaction = false);

/// acquire_postgres_lock on `conn` itself, which the caller keeps using
/// (its lock_timeout is put back after the wait). The lock does not own
/// `conn`.
std::unique_ptr<MigrationLock> acquire_postgres_lock_on(
    db::Connection& conn, const std::string& quoted_table, int retry_count,
    const InfoSink& info, const InterruptCheck& interrupted, LockMode mode,
    const CancelTarget& cancel_target);

/// The exclusive lock on `conn` itself without waiting, or nullptr when it
/// is held. The lock does not own `conn`.
std::unique_ptr<MigrationLock> try_postgres_lock_on(
    db::Connection& conn, const std::string& quoted_table);

/// The exclusive lock without waiting, or nullptr when it is held (then
/// `dedicated` is left to the caller). `in_transaction`: as
/// acquire_postgres_xact_lock holds it.
std::unique_ptr<MigrationLock> try_postgres_lock(
    std::unique_ptr<db::Connection>& dedicated, const std::string& quoted_table,
    bool in_transaction);

std::unique_ptr<MigrationLock> acquire_sqlite_lock(
    db::Connection& main, const std::string& quoted_table, int retry_count,
    const InfoSink& info, const InterruptCheck& interrupted);

std::unique_ptr<MigrationLock> acquire_mysql_lock(
    db::Connection& main, const std::string& quoted_table, int retry_count,
    const InfoSink& info, const InterruptCheck& interrupted);

}  // namespace runway::history::detail
