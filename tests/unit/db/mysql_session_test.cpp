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
Statements creation_for(const std::string& url) {
  return mysql_session_setup(parse_url(url)).create_statements;
}
}  // namespace

TEST_CASE("a plain MySQL URL needs nothing on connect", "[url][mysql]") {
  const auto setup = mysql_session_setup(parse_url("jdbc:mysql://h/app"));
  CHECK(setup.create_statements.empty());
  CHECK(setup.statements.empty());
}

TEST_CASE("createDatabaseIfNotExist knows how to create the database",
          "[url][mysql]") {
  CHECK(creation_for("jdbc:mysql://h/my`app?createDatabaseIfNotExist=true") ==
        Statements{"CREATE DATABASE IF NOT EXISTS `my``app`", "USE `my``app`"});
  // Without a database in the URL there is nothing to create.
  CHECK(
      creation_for("jdbc:mariadb://h/?createDatabaseIfNotExist=true").empty());
  CHECK(creation_for("jdbc:mysql://h/app?createDatabaseIfNotExist=no").empty());
  // Nothing else runs for it once connected.
  CHECK(statements_for("jdbc:mysql://h/app?createDatabaseIfNotExist=true")
            .empty());
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
  const std::string force = "&forceConnectionTimeZoneToSession=true";
  CHECK(statements_for("jdbc:mysql://h/app?connectionTimeZone=UTC").empty());
  // Zones with fixed rules go as offsets, as Connector/J sends them: a
  // server without time zone tables knows no 'UTC'.
  for (const char* utc : {"UTC", "GMT", "Z", "Etc/UTC", "UTC%2B00:00"}) {
    INFO(utc);
    CHECK(statements_for(std::string("jdbc:mysql://h/app?connectionTimeZone=") +
                         utc + force) ==
          Statements{"SET SESSION time_zone = '+00:00'"});
  }
  CHECK(statements_for("jdbc:mysql://h/app?connectionTimeZone=%2B2" + force) ==
        Statements{"SET SESSION time_zone = '+02:00'"});
  CHECK(statements_for("jdbc:mysql://h/app?serverTimezone=GMT-0530" + force) ==
        Statements{"SET SESSION time_zone = '-05:30'"});
  CHECK(statements_for("jdbc:mysql://h/app?serverTimezone=Europe/Berlin" +
                       force) ==
        Statements{"SET SESSION time_zone = 'Europe/Berlin'"});
  CHECK(statements_for("jdbc:mysql://h/app?connectionTimeZone=SERVER" + force)
            .empty());
  // LOCAL, or no zone at all, is this machine's offset from UTC.
  for (const std::string& local :
       {std::string("jdbc:mysql://h/app?connectionTimeZone=LOCAL") + force,
        "jdbc:mysql://h/app?" + force.substr(1)}) {
    INFO(local);
    const Statements s = statements_for(local);
    REQUIRE(s.size() == 1);
    CHECK(s[0].rfind("SET SESSION time_zone = '", 0) == 0);
    CHECK(s[0].size() ==
          std::string("SET SESSION time_zone = '+00:00'").size());
  }
  // The session variables come last, so that they win.
  CHECK(statements_for("jdbc:mysql://h/app?serverTimezone=UTC" + force +
                       "&sessionVariables=time_zone='%2B01:00'") ==
        Statements{"SET SESSION time_zone = '+00:00'",
                   "SET SESSION time_zone='+01:00'"});
}
