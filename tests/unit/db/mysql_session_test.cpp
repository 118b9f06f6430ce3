#include <catch2/catch.hpp>

#include "db/drivers.hpp"
#include "runway/db/url.hpp"

using runway::db::parse_url;
using runway::db::detail::mysql_session_setup;
using Statements = std::vector<std::string>;

namespace {
Statements statements_for(const std::string& url) {
  return mysql_session_setup(parse_url(url)).statements;
}
}  // namespace

TEST_CASE("a plain MySQL URL needs nothing on connect", "[url][mysql]") {
  const auto setup = mysql_session_setup(parse_url("jdbc:mysql://h/app"));
  CHECK_FALSE(setup.create_database);
  CHECK(setup.statements.empty());
}

TEST_CASE("createDatabaseIfNotExist creates the database before using it",
          "[url][mysql]") {
  const auto setup = mysql_session_setup(
      parse_url("jdbc:mysql://h/my`app?createDatabaseIfNotExist=true"));
  CHECK(setup.create_database);
  CHECK(setup.statements ==
        Statements{"CREATE DATABASE IF NOT EXISTS `my``app`", "USE `my``app`"});
  // Without a database in the URL there is nothing to create.
  CHECK_FALSE(mysql_session_setup(
                  parse_url("jdbc:mariadb://h/?createDatabaseIfNotExist=true"))
                  .create_database);
  CHECK_FALSE(mysql_session_setup(
                  parse_url("jdbc:mysql://h/app?createDatabaseIfNotExist=no"))
                  .create_database);
}

TEST_CASE("sessionVariables become one SET, split as Connector/J splits",
          "[url][mysql]") {
  // On ',' and ';' outside quotes; user variables without SESSION.
  CHECK(statements_for("jdbc:mysql://h/app?sessionVariables=sql_mode='"
                       "STRICT_TRANS_TABLES,NO_ZERO_DATE';@x=1,"
                       "foreign_key_checks=0") ==
        Statements{"SET SESSION sql_mode='STRICT_TRANS_TABLES,NO_ZERO_DATE', "
                   "@x=1, SESSION foreign_key_checks=0"});
  // Percent-encoded as Spring Boot users often write it.
  CHECK(statements_for(
            "jdbc:mariadb://h/app?sessionVariables=sql_mode%3D%27%27") ==
        Statements{"SET SESSION sql_mode=''"});
  CHECK(statements_for("jdbc:mysql://h/app?sessionVariables=") == Statements{});
}

TEST_CASE("the connection time zone is forced on the session only when asked",
          "[url][mysql]") {
  CHECK(statements_for("jdbc:mysql://h/app?connectionTimeZone=UTC").empty());
  CHECK(statements_for("jdbc:mysql://h/app?connectionTimeZone=%2B02:00&"
                       "forceConnectionTimeZoneToSession=true") ==
        Statements{"SET SESSION time_zone = '+02:00'"});
  CHECK(statements_for("jdbc:mysql://h/app?serverTimezone=UTC&"
                       "forceConnectionTimeZoneToSession=true") ==
        Statements{"SET SESSION time_zone = 'UTC'"});
  CHECK(statements_for("jdbc:mysql://h/app?connectionTimeZone=SERVER&"
                       "forceConnectionTimeZoneToSession=true")
            .empty());
  // LOCAL is this machine's offset from UTC.
  const Statements local = statements_for(
      "jdbc:mysql://h/app?connectionTimeZone=LOCAL&"
      "forceConnectionTimeZoneToSession=true");
  REQUIRE(local.size() == 1);
  CHECK(local[0].rfind("SET SESSION time_zone = '", 0) == 0);
  CHECK(local[0].size() ==
        std::string("SET SESSION time_zone = '+00:00'").size());
  // The session variables come last, so that they win.
  CHECK(statements_for("jdbc:mysql://h/app?serverTimezone=UTC&"
                       "forceConnectionTimeZoneToSession=true&"
                       "sessionVariables=time_zone='%2B01:00'") ==
        Statements{"SET SESSION time_zone = 'UTC'",
                   "SET SESSION time_zone='+01:00'"});
}
