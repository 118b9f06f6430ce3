#include "runway/db/url.hpp"

#include <catch2/catch.hpp>

using runway::ConfigError;
using runway::db::DatabaseType;
using runway::db::detect_database_type;
using runway::db::mask_url;
using runway::db::parse_url;

TEST_CASE("jdbc postgresql url with host, port, database and parameters",
          "[url][postgres]") {
  const auto spec = parse_url(
      "jdbc:postgresql://db.example.com:6543/app?sslmode=require&"
      "ApplicationName=deploy&currentSchema=app,public&connectTimeout=7");
  CHECK(spec.type == DatabaseType::kPostgreSQL);
  REQUIRE(spec.hosts.size() == 1);
  CHECK(spec.hosts[0].host == "db.example.com");
  CHECK(spec.hosts[0].port == 6543);
  CHECK(spec.database == "app");
  CHECK(spec.ssl_mode == "require");
  CHECK(spec.application_name == "deploy");
  CHECK(spec.current_schema == "app,public");
  CHECK(spec.connect_timeout == 7);
  CHECK_FALSE(spec.user.has_value());
}

TEST_CASE("jdbc postgresql defaults to localhost and application runway",
          "[url][postgres]") {
  const auto short_form = parse_url("jdbc:postgresql:app");
  REQUIRE(short_form.hosts.size() == 1);
  CHECK(short_form.hosts[0].host == "localhost");
  CHECK(short_form.hosts[0].port == 0);
  CHECK(short_form.database == "app");
  CHECK(short_form.application_name == "runway");

  const auto empty = parse_url("jdbc:postgresql://");
  REQUIRE(empty.hosts.size() == 1);
  CHECK(empty.hosts[0].host == "localhost");
  CHECK(empty.database.empty());

  const auto no_db = parse_url("jdbc:postgresql://h/");
  CHECK(no_db.hosts[0].host == "h");
  CHECK(no_db.database.empty());
}

TEST_CASE("jdbc postgresql multi-host and IPv6 hosts", "[url][postgres]") {
  const auto spec =
      parse_url("jdbc:postgresql://h1:5433,[::1]:5434,h3/db?user=u");
  REQUIRE(spec.hosts.size() == 3);
  CHECK(spec.hosts[0].host == "h1");
  CHECK(spec.hosts[0].port == 5433);
  CHECK(spec.hosts[1].host == "::1");
  CHECK(spec.hosts[1].port == 5434);
  CHECK(spec.hosts[2].host == "h3");
  CHECK(spec.hosts[2].port == 0);
  CHECK(spec.user == "u");
}

TEST_CASE("percent-encoded parts are decoded, plus signs are kept",
          "[url][postgres]") {
  const auto spec =
      parse_url("jdbc:postgresql://h/my%20db?password=p%26ss+word&user=a%40b");
  CHECK(spec.database == "my db");
  CHECK(spec.password == "p&ss+word");
  CHECK(spec.user == "a@b");
}

TEST_CASE("postgres URIs take user and password from the userinfo",
          "[url][postgres]") {
  const auto spec =
      parse_url("postgres://alice:s%3Acret@db:5432/app?sslmode=verify-full");
  CHECK(spec.user == "alice");
  CHECK(spec.password == "s:cret");
  REQUIRE(spec.hosts.size() == 1);
  CHECK(spec.hosts[0].host == "db");
  CHECK(spec.hosts[0].port == 5432);
  CHECK(spec.database == "app");
  CHECK(spec.ssl_mode == "verify-full");

  const auto socket = parse_url("postgresql:///app?host=/var/run/pg&port=5433");
  REQUIRE(socket.hosts.size() == 1);
  CHECK(socket.hosts[0].host == "/var/run/pg");
  CHECK(socket.hosts[0].port == 5433);
  CHECK(socket.database == "app");
}

TEST_CASE("libpq key=value strings", "[url][postgres]") {
  const auto spec = parse_url(
      "host=/tmp port=5432 dbname=x user=bob password='it\\'s ok' "
      "sslrootcert=/ca.pem application_name=tool options='-c x=1'");
  CHECK(spec.type == DatabaseType::kPostgreSQL);
  REQUIRE(spec.hosts.size() == 1);
  CHECK(spec.hosts[0].host == "/tmp");
  CHECK(spec.hosts[0].port == 5432);
  CHECK(spec.database == "x");
  CHECK(spec.user == "bob");
  CHECK(spec.password == "it's ok");
  CHECK(spec.ssl_root_cert == "/ca.pem");
  CHECK(spec.application_name == "tool");
  CHECK(spec.options.at("options") == "-c x=1");
}

TEST_CASE("libpq host and port lists must match", "[url][postgres]") {
  const auto spec = parse_url("host=a,b port=1,2 dbname=d");
  REQUIRE(spec.hosts.size() == 2);
  CHECK(spec.hosts[1].host == "b");
  CHECK(spec.hosts[1].port == 2);
  CHECK_THROWS_WITH(parse_url("host=a,b,c port=1,2"),
                    "Invalid database URL host=a,b,c port=1,2: could not "
                    "match 2 port numbers to 3 hosts");
}

TEST_CASE("the URL value wins over jdbcProperties", "[url]") {
  const auto spec = parse_url("jdbc:postgresql://h/d?user=url_user",
                              {{"user", "prop_user"},
                               {"sslmode", "disable"},
                               {"applicationName", "from_props"}});
  CHECK(spec.user == "url_user");
  CHECK(spec.ssl_mode == "disable");
  CHECK(spec.application_name == "from_props");
  const auto over = parse_url("jdbc:postgresql://h/d?ApplicationName=url",
                              {{"ApplicationName", "props"}});
  CHECK(over.application_name == "url");
}

TEST_CASE("ssl=true means verify-full unless sslmode says otherwise",
          "[url][postgres]") {
  CHECK(parse_url("jdbc:postgresql://h/d?ssl=true").ssl_mode == "verify-full");
  CHECK(parse_url("jdbc:postgresql://h/d?ssl=true&sslmode=require").ssl_mode ==
        "require");
  CHECK(parse_url("jdbc:postgresql://h/d?ssl=false").ssl_mode == "disable");
}

TEST_CASE("sqlite URL forms", "[url][sqlite]") {
  CHECK(parse_url("jdbc:sqlite:/tmp/app.db").database == "/tmp/app.db");
  CHECK(parse_url("jdbc:sqlite:rel/app.db").database == "rel/app.db");
  CHECK(parse_url("sqlite:/tmp/app.db").database == "/tmp/app.db");
  CHECK(parse_url("sqlite:///tmp/app.db").database == "/tmp/app.db");
  CHECK(parse_url("jdbc:sqlite::memory:").database == ":memory:");
  const auto spec = parse_url("jdbc:sqlite:a.db?journal_mode=WAL");
  CHECK(spec.type == DatabaseType::kSQLite);
  CHECK(spec.database == "a.db");
  CHECK(spec.options.at("journal_mode") == "WAL");
  CHECK_THROWS_AS(parse_url("jdbc:sqlite:"), ConfigError);
  // SQLite's URI filenames name a plain path (the lock file is next to it).
  CHECK(parse_url("jdbc:sqlite:file:./data/todo.db").database ==
        "./data/todo.db");
  CHECK(parse_url("jdbc:sqlite:file:plain.db").database == "plain.db");
  CHECK(parse_url("jdbc:sqlite:file:///tmp/my%20app.db").database ==
        "/tmp/my app.db");
  CHECK(parse_url("jdbc:sqlite:file://localhost/tmp/a.db").database ==
        "/tmp/a.db");
  CHECK_THROWS_AS(parse_url("jdbc:sqlite:file://server/a.db"), ConfigError);
}

TEST_CASE("mysql and mariadb URL forms", "[url][mysql]") {
  const auto spec = parse_url(
      "jdbc:mysql://root:pw@127.0.0.1:3307/shop?sslMode=VERIFY_IDENTITY&"
      "connectTimeout=2500&localSocket=/run/mysqld.sock");
  CHECK(spec.type == DatabaseType::kMySQL);
  CHECK(spec.user == "root");
  CHECK(spec.password == "pw");
  CHECK(spec.hosts[0].host == "127.0.0.1");
  CHECK(spec.hosts[0].port == 3307);
  CHECK(spec.database == "shop");
  CHECK(spec.ssl_mode == "verify-full");
  CHECK(spec.connect_timeout == 3);  // milliseconds, rounded up
  CHECK(spec.unix_socket == "/run/mysqld.sock");
  CHECK(parse_url("jdbc:mariadb://h/db?useSsl=true").ssl_mode == "require");
  // Connector/J: useSSL=true alone prefers TLS; requireSSL=true requires it.
  CHECK(parse_url("jdbc:mysql://h/db?useSSL=true").ssl_mode == "prefer");
  CHECK(parse_url("jdbc:mysql://h/db?useSSL=true&requireSSL=true").ssl_mode ==
        "require");
  CHECK(parse_url("jdbc:mysql://h/db?requireSSL=true&useSSL=true").ssl_mode ==
        "require");
  CHECK(parse_url("jdbc:mysql://h/db?useSSL=false").ssl_mode == "disable");
  CHECK(parse_url("mariadb://h/db").type == DatabaseType::kMariaDB);
  CHECK(parse_url("mysql://u@h/db").user == "u");
}

TEST_CASE("Connector/J host forms: address=(...), (key=value) and [lists]",
          "[url][mysql]") {
  // Connector/J's "Connection URL Syntax"; a host read as a name here
  // once connected to localhost:3306 instead.
  auto spec = parse_url("jdbc:mysql://address=(host=db1)(port=3310)/app");
  REQUIRE(spec.hosts.size() == 1);
  CHECK(spec.hosts[0].host == "db1");
  CHECK(spec.hosts[0].port == 3310);
  CHECK(spec.database == "app");
  spec = parse_url("jdbc:mysql://(host=db2,port=3311,user=u,password=p@w)/a");
  REQUIRE(spec.hosts.size() == 1);
  CHECK(spec.hosts[0].host == "db2");
  CHECK(spec.hosts[0].port == 3311);
  CHECK(spec.user == "u");
  CHECK(spec.password == "p@w");
  CHECK(spec.database == "a");
  spec = parse_url(
      "jdbc:mysql://me:pw@[h1:3301,address=(host=h2)(port=3302),"
      "(port=3303)]/shop?connectTimeout=1000");
  REQUIRE(spec.hosts.size() == 3);
  CHECK(spec.user == "me");
  CHECK(spec.password == "pw");
  CHECK(spec.hosts[0].host == "h1");
  CHECK(spec.hosts[0].port == 3301);
  CHECK(spec.hosts[1].host == "h2");
  CHECK(spec.hosts[1].port == 3302);
  CHECK(spec.hosts[2].host == "localhost");  // no host named
  CHECK(spec.hosts[2].port == 3303);
  CHECK(spec.database == "shop");
  // Credentials before the hosts win over a host's own.
  CHECK(parse_url("jdbc:mysql://a:b@(host=h,user=c,password=d)/x").user == "a");
  // An IPv6 literal stays one host.
  spec = parse_url("jdbc:mariadb://[::1]/x");
  REQUIRE(spec.hosts.size() == 1);
  CHECK(spec.hosts[0].host == "::1");
  CHECK_THROWS_WITH(parse_url("jdbc:mysql://address=(host=h)(protocol=pipe)/x"),
                    Catch::Contains("only protocol=tcp"));
  CHECK_THROWS_WITH(parse_url("jdbc:mysql://(host=h,port=x)/d"),
                    Catch::Contains("invalid port number 'x'"));
  CHECK(mask_url("jdbc:mysql://address=(host=h)(password=s3cr@t)/d?a=1") ==
        "jdbc:mysql://address=(host=h)(password=********)/d?a=1");
  CHECK(mask_url("jdbc:mysql://(host=h,password=s3cr@t,port=1)/d") ==
        "jdbc:mysql://(host=h,password=********,port=1)/d");
  CHECK(mask_url("jdbc:mysql://u:pw@[h1:1,h2:2]/d") ==
        "jdbc:mysql://u:********@[h1:1,h2:2]/d");
  // A ',' in an address=(...) password is the password's.
  CHECK(mask_url("jdbc:mysql://address=(host=h)(password=se,cret)/d") ==
        "jdbc:mysql://address=(host=h)(password=********)/d");
  // A '(' or '[' that never closes is a password's: the plain URL form.
  spec = parse_url("jdbc:mysql://app:Pa(ss@127.0.0.1:3301/app");
  CHECK(spec.password == "Pa(ss");
  CHECK(spec.hosts.at(0).port == 3301);
  CHECK(mask_url("jdbc:mysql://app:Pa(ss@127.0.0.1:3301/app") ==
        "jdbc:mysql://app:********@127.0.0.1:3301/app");
  CHECK(mask_url("jdbc:postgresql://app:pa[ss@h/db?x=1") ==
        "jdbc:postgresql://app:********@h/db?x=1");
}

TEST_CASE("detect_database_type reads the prefix", "[url]") {
  CHECK(detect_database_type("jdbc:postgresql://h/d") ==
        DatabaseType::kPostgreSQL);
  CHECK(detect_database_type("jdbc:p6spy:postgresql://h/d") ==
        DatabaseType::kPostgreSQL);
  CHECK(detect_database_type("postgresql://h/d") == DatabaseType::kPostgreSQL);
  CHECK(detect_database_type("dbname=x") == DatabaseType::kPostgreSQL);
  CHECK(detect_database_type("JDBC:SQLITE:x.db") == DatabaseType::kSQLite);
  CHECK(detect_database_type("jdbc:mysql://h/d") == DatabaseType::kMySQL);
  CHECK(detect_database_type("jdbc:mariadb://h/d") == DatabaseType::kMariaDB);
}

TEST_CASE("bad URLs are configuration errors without the password", "[url]") {
  CHECK_THROWS_WITH(parse_url("jdbc:oracle:thin:@h:1521:x"),
                    "No database found to handle jdbc:oracle:thin:@h:1521:x");
  CHECK_THROWS_WITH(parse_url("jdbc:postgresql://h:99999/d?password=hunter2"),
                    "Invalid database URL "
                    "jdbc:postgresql://h:99999/d?password=********: invalid "
                    "port number '99999'");
  CHECK_THROWS_WITH(parse_url("postgres://u:hunter2@h/d%zz"),
                    "Invalid database URL postgres://u:********@h/d%zz: bad "
                    "percent-encoding");
  CHECK_THROWS_WITH(parse_url("jdbc:postgresql://h/d?sslmode=sometimes"),
                    "Invalid database URL "
                    "jdbc:postgresql://h/d?sslmode=sometimes: invalid sslmode "
                    "value 'sometimes'");
  CHECK_THROWS_WITH(parse_url("host=h password='hunter2"),
                    "Invalid connection string ********: unterminated quoted "
                    "string");
  CHECK_THROWS_WITH(parse_url(""),
                    "Unable to connect to the database. Configure the url, "
                    "user and password!");
  try {
    parse_url("jdbc:postgresql://[::1/d?password=hunter2");
    FAIL("expected ConfigError");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
  }
}

TEST_CASE("mask_url hides every password form", "[url][mask]") {
  CHECK(mask_url("jdbc:postgresql://h/d?user=u&password=hunter2&ssl=true") ==
        "jdbc:postgresql://h/d?user=u&password=********&ssl=true");
  CHECK(mask_url("postgres://alice:hunter2@db/app") ==
        "postgres://alice:********@db/app");
  CHECK(mask_url("postgres://alice:hu@nter2@db/app?x=1") ==
        "postgres://alice:********@db/app?x=1");
  CHECK(mask_url("postgres://alice@db/app") == "postgres://alice@db/app");
  CHECK(mask_url("host=/tmp password=hunter2 dbname=x") ==
        "host=/tmp password=******** dbname=x");
  CHECK(mask_url("host=/tmp password = 'hunter 2' dbname=x") ==
        "host=/tmp password = ******** dbname=x");
  CHECK(mask_url("jdbc:mysql://h/d?PASSWORD=x&sslPassword=y") ==
        "jdbc:mysql://h/d?PASSWORD=********&sslPassword=********");
  CHECK(mask_url("jdbc:sqlite:/tmp/a.db") == "jdbc:sqlite:/tmp/a.db");
}
