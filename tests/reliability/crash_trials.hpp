// Crash consistency: the runner is SIGKILLed at a random moment of a
// migration set whose scripts hold long statements (pg_sleep, or a heavy
// recursive query on SQLite) in the middle and at the end, so kills land
// inside statements, between statements, and between the last statement and
// COMMIT. Right after each kill every recorded version must have its objects
// and every object its recorded version (history rows are written in the
// migration's own transaction); then a fresh migrate must succeed and leave
// the database equal to a clean run's (catalog, row counts, history rows with
// checksums). On MySQL/MariaDB, where DDL commits implicitly, only
// migrations of transactional DML (InnoDB) are killed.
#pragma once

namespace runway::test {

/// Runs `trials` kill-and-rerun trials on fresh PostgreSQL databases.
void run_postgres_crash_trials(int trials);
/// Runs `trials` kill-and-rerun trials on fresh SQLite files.
void run_sqlite_crash_trials(int trials);
/// Runs `trials` kill-and-rerun trials on fresh MySQL/MariaDB databases,
/// killing only migrations of InnoDB DML (V1's DDL is applied first).
void run_mysql_crash_trials(int trials);

}  // namespace runway::test
