// The long crash-consistency runs (label `long`; scripts/test.sh --long).
#include <catch2/catch.hpp>

#include "crash_trials.hpp"

TEST_CASE("50 SIGKILL trials on PostgreSQL converge to a clean run",
          "[crash][postgres][long]") {
  runway::test::run_postgres_crash_trials(50);
}

TEST_CASE("20 SIGKILL trials on SQLite converge to a clean run",
          "[crash][sqlite][long]") {
  runway::test::run_sqlite_crash_trials(20);
}

TEST_CASE("20 SIGKILL trials on MariaDB DML migrations converge to a clean run",
          "[crash][mysql][long]") {
  runway::test::run_mysql_crash_trials(20);
}
