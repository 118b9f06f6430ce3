#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <regex>
#include <thread>

#include "db_test_helpers.hpp"
#include "runway/db/schema_ops.hpp"
#include "runway/history/lock_key.hpp"
#include "runway/history/migration_lock.hpp"
#include "runway/history/schema_history.hpp"

using namespace runway;
using runway::history::SchemaHistory;
using runway::test::open;
using runway::test::scalar;
using runway::test::TempMySQLDatabase;

namespace {

std::unique_ptr<db::Connection> open_db(const TempMySQLDatabase& db) {
  return open(db.jdbc_url(), db.user(), db.password());
}

// Flyway's MariaDB DDL (MySQLDatabase.getRawCreateScript with
// MariaDBDatabase's empty constraint name), for database `db`.
std::string flyway_mariadb_ddl(const std::string& db) {
  return "CREATE TABLE `" + db +
         "`.`flyway_schema_history` (\n"
         "    `installed_rank` INT NOT NULL,\n"
         "    `version` VARCHAR(50),\n"
         "    `description` VARCHAR(200) NOT NULL,\n"
         "    `type` VARCHAR(20) NOT NULL,\n"
         "    `script` VARCHAR(1000) NOT NULL,\n"
         "    `checksum` INT,\n"
         "    `installed_by` VARCHAR(100) NOT NULL,\n"
         "    `installed_on` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
         "    `execution_time` INT NOT NULL,\n"
         "    `success` BOOL NOT NULL,\n"
         "    CONSTRAINT  PRIMARY KEY (`installed_rank`)\n"
         ") ENGINE=InnoDB;\n"
         "CREATE INDEX `flyway_schema_history_s_idx` ON `" +
         db + "`.`flyway_schema_history` (`success`);";
}

std::string show_create(db::Connection& conn) {
  const db::QueryResult r =
      conn.execute("SHOW CREATE TABLE `flyway_schema_history`");
  return r.rows.at(0).at(1).value_or("");
}

AppliedMigration row(int rank, std::optional<std::string> version,
                     std::string type, std::optional<std::int32_t> checksum,
                     bool success = true) {
  AppliedMigration r;
  r.installed_rank = rank;
  if (version) r.version = Version::parse(*version);
  r.description = "row " + std::to_string(rank) + " it's \\ \"odd\" ?";
  r.type = std::move(type);
  r.script = "V" + std::to_string(rank) + "__x.sql";
  r.checksum = checksum;
  r.installed_by = "deployer";
  r.execution_time = rank;
  r.success = success;
  return r;
}

}  // namespace

TEST_CASE("every MySQL/MariaDB URL form connects", "[integration][mysql]") {
  TempMySQLDatabase db;
  const std::string port = std::to_string(db.port());
  const std::string tcp = "127.0.0.1:" + port + "/" + db.name();
  const std::string creds = db.user() + ":" + db.password() + "@";
  for (const std::string& url :
       {"jdbc:mysql://" + creds + tcp, "jdbc:mariadb://" + creds + tcp,
        "mysql://" + creds + tcp, "mariadb://" + creds + tcp,
        "jdbc:mysql://" + tcp + "?user=" + db.user() +
            "&password=" + db.password(),
        "jdbc:mariadb://localhost/" + db.name() +
            "?localSocket=" + db.socket() + "&user=" + db.user() +
            "&password=" + db.password()}) {
    INFO(url);
    auto conn = open(url);
    CHECK(conn->database_name() == db.name());
    // jdbc:mysql: against a MariaDB server is MariaDB, as in Flyway.
    CHECK(conn->type() == db::DatabaseType::kMariaDB);
  }
}

TEST_CASE("MariaDB session facts", "[integration][mysql]") {
  TempMySQLDatabase db;
  auto conn = open_db(db);
  CHECK(std::regex_match(conn->product(), std::regex(R"(MariaDB 1\d\.\d+)")));
  CHECK(conn->current_user() == db.user());
  CHECK(conn->current_schema() == db.name());
  const db::Connection::SessionFacts facts = conn->session_facts();
  CHECK(facts.schema == db.name());
  CHECK(facts.user == db.user());
  CHECK(facts.database == db.name());
  CHECK(conn->placeholder(1) == "?");
  CHECK(scalar(*conn, "SELECT @@character_set_client") == "utf8mb4");
}

TEST_CASE("MySQL parameters are bound client-side and safely",
          "[integration][mysql]") {
  TempMySQLDatabase db;
  auto conn = open_db(db);
  conn->execute("CREATE TABLE t (id BIGINT, flag BOOL, note TEXT)");
  const std::string nasty = "it's \\' ?; DROP TABLE t; -- \"x\"";
  conn->execute("INSERT INTO t VALUES (?, ?, ?)",
                {std::int64_t{-5000000000}, true, nasty});
  conn->execute("INSERT INTO t /* ? */ VALUES (?, ?, ?) -- ?",
                {std::int64_t{2}, false, db::Param{}});
  const db::QueryResult r = conn->execute(
      "SELECT id, flag, note, '?' FROM t WHERE id < ? ORDER BY id",
      {std::int64_t{10}});
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0][0] == "-5000000000");
  CHECK(r.rows[0][1] == "1");
  CHECK(r.rows[0][2] == nasty);
  CHECK(r.rows[0][3] == "?");
  CHECK(r.rows[1][1] == "0");
  CHECK_FALSE(r.rows[1][2].has_value());
  CHECK_THROWS_AS(conn->execute("SELECT ?, ?", {std::int64_t{1}}), Error);
}

TEST_CASE("MySQL errors, warnings and multi-statement strings",
          "[integration][mysql]") {
  TempMySQLDatabase db;
  auto conn = open_db(db);
  try {
    conn->execute("SELECT * FROM missing");
    FAIL("expected SqlError");
  } catch (const db::SqlError& e) {
    CHECK(e.details().sqlstate == "42S02");
    CHECK(e.details().error_code == 1146);
    CHECK(e.details().message ==
          "Table '" + db.name() + ".missing' doesn't exist");
  }
  conn->execute("CREATE TABLE t (id INT); INSERT INTO t VALUES (1), (2)");
  CHECK(scalar(*conn, "SELECT count(*) FROM t") == "2");
  CHECK_THROWS_AS(conn->execute("INSERT INTO t VALUES (3); SELECT * FROM nope"),
                  db::SqlError);
  CHECK(scalar(*conn, "SELECT count(*) FROM t") == "3");

  std::vector<db::Notice> notices;
  conn->set_notice_handler([&](const db::Notice& n) { notices.push_back(n); });
  conn->execute("DROP TABLE IF EXISTS not_there");
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].severity == "Note");
  CHECK(notices[0].message == "Unknown table '" + db.name() + ".not_there'");
}

TEST_CASE("MySQL transactions and lost connections", "[integration][mysql]") {
  TempMySQLDatabase db;
  auto conn = open_db(db);
  auto admin = open_db(db);
  conn->execute("CREATE TABLE t (id INT) ENGINE=InnoDB");
  conn->begin();
  CHECK(conn->in_transaction());
  conn->execute("INSERT INTO t VALUES (1)");
  conn->rollback();
  CHECK_FALSE(conn->in_transaction());
  CHECK(scalar(*conn, "SELECT count(*) FROM t") == "0");

  conn->begin();
  conn->execute("INSERT INTO t VALUES (1)");
  admin->execute("KILL " + scalar(*conn, "SELECT CONNECTION_ID()"));
  CHECK_THROWS_AS(conn->commit(), db::CommitOutcomeUnknown);

  auto other = open_db(db);
  admin->execute("KILL " + scalar(*other, "SELECT CONNECTION_ID()"));
  CHECK_THROWS_AS(other->execute("SELECT 1"), db::ConnectionError);
}

TEST_CASE("MySQL cancel() interrupts a running statement",
          "[integration][mysql]") {
  TempMySQLDatabase db;
  auto conn = open_db(db);
  std::atomic<bool> done{false};
  const auto started = std::chrono::steady_clock::now();
  std::thread worker([&] {
    try {
      conn->execute("SELECT SLEEP(30)");
    } catch (const db::SqlError&) {
    }
    done = true;
  });
  while (!done) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    conn->cancel();
  }
  worker.join();
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
  CHECK(scalar(*conn, "SELECT 1") == "1");
}

TEST_CASE("a wrong MySQL password fails without showing it",
          "[integration][mysql]") {
  TempMySQLDatabase db;
  try {
    open(db.jdbc_url(), db.user(), "wrong-pw-Q7");
    FAIL("expected ConnectionError");
  } catch (const db::ConnectionError& e) {
    const std::string message = e.what();
    CHECK_THAT(message,
               Catch::StartsWith("Unable to obtain connection from database (" +
                                 db.jdbc_url() + ") for user '" + db.user() +
                                 "': Access denied for user"));
    CHECK(message.find("wrong-pw-Q7") == std::string::npos);
  }
}

TEST_CASE("a URL that requires TLS is refused by a server without it",
          "[integration][mysql]") {
  // The test server has no certificates (have_ssl = DISABLED). The client
  // library would connect in the clear when only encryption, not
  // verification, is asked for; JDBC drivers refuse, and so does Runway.
  TempMySQLDatabase db;
  const std::string base =
      "jdbc:mysql://127.0.0.1:" + std::to_string(db.port()) + "/" + db.name() +
      "?";
  for (const char* option :
       {"sslMode=REQUIRED", "useSSL=true&requireSSL=true", "requireSSL=true",
        "sslMode=trust", "sslMode=VERIFY_CA"}) {
    INFO(option);
    try {
      open(base + option, db.user(), db.password());
      FAIL("expected ConnectionError");
    } catch (const db::ConnectionError& e) {
      CHECK_THAT(std::string(e.what()),
                 Catch::Contains("TLS") || Catch::Contains("SSL"));
    }
  }
  // Asking for TLS only if offered still connects; Connector/J reads
  // useSSL=true alone as PREFERRED.
  for (const char* option :
       {"sslMode=PREFERRED", "useSSL=false", "useSSL=true"}) {
    INFO(option);
    CHECK(open(base + option, db.user(), db.password())->database_name() ==
          db.name());
  }
}

TEST_CASE("MariaDB history table DDL equals Flyway's",
          "[integration][mysql][history]") {
  TempMySQLDatabase flyway_db;
  TempMySQLDatabase runway_db;
  auto flyway = open_db(flyway_db);
  flyway->execute(flyway_mariadb_ddl(flyway_db.name()));
  auto conn = open_db(runway_db);
  SchemaHistory history(*conn, runway_db.name(), "flyway_schema_history");
  CHECK(history.quoted_table() ==
        "`" + runway_db.name() + "`.`flyway_schema_history`");
  CHECK_FALSE(history.exists());
  history.create(row(1, "1", "BASELINE", std::nullopt));
  CHECK(history.exists());
  CHECK(show_create(*conn) == show_create(*flyway));
  CHECK_THAT(show_create(*conn),
             Catch::Contains("PRIMARY KEY (`installed_rank`)"));
  REQUIRE(history.read_all().size() == 1);
}

TEST_CASE("every row type round-trips on MariaDB",
          "[integration][mysql][history]") {
  TempMySQLDatabase db;
  auto conn = open_db(db);
  SchemaHistory history(*conn, db.name(), "flyway_schema_history");
  history.create();
  const std::vector<AppliedMigration> rows = {
      row(0, std::nullopt, "SCHEMA", std::nullopt),
      row(1, "1", "BASELINE", std::nullopt),
      row(2, "1.1", "SQL", 78787420),
      row(3, std::nullopt, "SQL", -713821291),
      row(4, "1.1", "DELETE", 78787420),
      row(5, "2", "SQL_BASELINE", 1),
      row(6, "2", "UNDO_SQL", -2147483647 - 1),
      row(7, "003", "SQL", 2147483647, false),
  };
  for (const AppliedMigration& r : rows) history.insert(r);
  const auto actual = history.read_all();
  REQUIRE(actual.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO("row " << i);
    CHECK(actual[i].installed_rank == rows[i].installed_rank);
    CHECK(actual[i].version.has_value() == rows[i].version.has_value());
    CHECK(actual[i].description == rows[i].description);
    CHECK(actual[i].type == rows[i].type);
    CHECK(actual[i].checksum == rows[i].checksum);
    CHECK(actual[i].success == rows[i].success);
    CHECK(std::regex_match(
        actual[i].installed_on,
        std::regex(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})")));
  }
  history.delete_failed(actual[7]);
  CHECK(history.read_all().size() == 7);
  history.update_row(2, "new", "SQL", 5);
  CHECK(history.read_all()[2].checksum == 5);
}

TEST_CASE("MySQL schema helpers", "[integration][mysql][schema]") {
  TempMySQLDatabase db;
  auto conn = open_db(db);
  CHECK(db::schema_exists(*conn, db.name()));
  CHECK(db::schema_is_empty(*conn, db.name()));
  const std::string other = db.name() + "_b";
  CHECK_FALSE(db::schema_exists(*conn, other));
  db::create_schema(*conn, other);
  CHECK(db::schema_exists(*conn, other));
  conn->execute("DROP SCHEMA `" + other + "`");
  conn->execute("CREATE VIEW v AS SELECT 1 AS x");
  CHECK_FALSE(db::schema_is_empty(*conn, db.name()));
}

TEST_CASE("the MySQL named lock excludes other runners until released",
          "[integration][mysql][lock]") {
  TempMySQLDatabase db;
  auto first = open_db(db);
  auto second = open_db(db);
  const std::string table = "`" + db.name() + "`.`flyway_schema_history`";
  const auto none = std::function<std::unique_ptr<db::Connection>()>();
  auto lock = history::acquire_migration_lock(*first, none, table, 0, nullptr);
  CHECK(lock->description() ==
        "MySQL named lock " + history::mysql_lock_name(table));
  CHECK(scalar(*second, "SELECT IS_FREE_LOCK('" +
                            history::mysql_lock_name(table) + "')") == "0");

  std::vector<std::string> infos;
  std::atomic<bool> acquired{false};
  std::thread waiter([&] {
    auto mine = history::acquire_migration_lock(
        *second, none, table, -1,
        [&](const std::string& m) { infos.push_back(m); });
    acquired = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CHECK_FALSE(acquired);  // -1: waits as long as it takes
  lock.reset();
  waiter.join();
  CHECK(acquired);
  REQUIRE_FALSE(infos.empty());
  CHECK_THAT(infos[0], Catch::StartsWith("Waiting for the migration lock on " +
                                         table + " (MySQL named lock Flyway-"));
  CHECK_THAT(infos[0], Catch::Contains("held by connection"));
}

TEST_CASE("the MySQL named lock dies with its holder's session",
          "[integration][mysql][lock]") {
  TempMySQLDatabase db;
  auto holder = open_db(db);
  auto admin = open_db(db);
  auto runner = open_db(db);
  const std::string table = "`" + db.name() + "`.`flyway_schema_history`";
  const auto none = std::function<std::unique_ptr<db::Connection>()>();
  auto held = history::acquire_migration_lock(*holder, none, table, 0, nullptr);
  admin->execute("KILL " + scalar(*holder, "SELECT CONNECTION_ID()"));
  const auto started = std::chrono::steady_clock::now();
  auto mine = history::acquire_migration_lock(*runner, none, table, 0, nullptr);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  held.reset();  // releasing on a dead session must not throw
}
