// Statement classification from Flyway's keyword summary (scanner.hpp):
// which statements PostgreSQL or SQLite refuse inside a transaction, and
// which PostgreSQL statements are COPY ... FROM STDIN.
#pragma once

#include <optional>
#include <string_view>

#include "scanner.hpp"

namespace runway::sql {

/// Flyway's PostgreSQL list (flyway-core.md §7.3, minus ALTER TYPE ... ADD
/// VALUE, fine inside a transaction since PostgreSQL 12) plus statements
/// Flyway misses that PostgreSQL refuses in a transaction block.
/// `concurrently_anywhere` tells whether the word CONCURRENTLY appears at
/// any parenthesis depth (REINDEX (CONCURRENTLY) TABLE t).
bool postgres_non_transactional(const Keywords& keywords,
                                bool concurrently_anywhere);

/// SQLite: PRAGMA foreign_keys (Flyway) and VACUUM.
bool sqlite_non_transactional(const Keywords& keywords);

/// SET [SESSION | LOCAL] ROLE ..., SET [SESSION | LOCAL] SESSION
/// AUTHORIZATION ...
bool postgres_changes_role(const Keywords& keywords);

/// COPY ... FROM STDIN, Flyway's `^COPY( .*)? FROM STDIN`.
bool is_copy_from_stdin(const Keywords& keywords);

/// The value of standard_conforming_strings after `sql` ran, when `sql` is
/// a SET or RESET of it (or RESET ALL); nullopt when it leaves it alone.
std::optional<bool> standard_strings_after(std::string_view sql);

}  // namespace runway::sql
