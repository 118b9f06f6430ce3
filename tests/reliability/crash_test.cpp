// Short crash-consistency runs, always on (crash_long_test.cpp has the long
// ones behind the `long` label).
#include <catch2/catch.hpp>

#include "crash_trials.hpp"

TEST_CASE("SIGKILL at random moments on PostgreSQL never leaves half state",
          "[crash][postgres]") {
  runway::test::run_postgres_crash_trials(5);
}

TEST_CASE("SIGKILL at random moments on SQLite never leaves half state",
          "[crash][sqlite]") {
  runway::test::run_sqlite_crash_trials(3);
}

TEST_CASE(
    "SIGKILL during InnoDB DML migrations on MariaDB never leaves half state",
    "[crash][mysql]") {
  runway::test::run_mysql_crash_trials(3);
}
