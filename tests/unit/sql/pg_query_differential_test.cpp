// Differential test: PostgreSQL's own parser (libpg_query) must find the
// same statements as our splitter in every fixture under
// tests/data/sql/postgres. libpg_query reports where each statement starts
// (just after the previous semicolon, comments included) and how long it
// is (up to its semicolon), so its trimmed text must equal ours exactly.
#include <pg_query.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>

#include "split_helpers.hpp"

using runway::sql::StatementKind;
using runway::sql::test::copy;
using runway::sql::test::non_tx;
using runway::sql::test::read_fixture;
using runway::sql::test::split_pg;
using Splits = std::vector<runway::sql::test::Split>;

namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(RUNWAY_SOURCE_DIR) / "tests/data/sql/postgres";

// Fixtures libpg_query cannot judge, and why. They are checked against
// literal expectations below instead.
const std::map<std::string, std::string> kExcluded = {
    {"V19__pg_dump_with_copy.sql",
     "COPY ... FROM stdin is followed by data lines, which are not SQL"},
    {"V20__nonstandard_strings.sql",
     "libpg_query always assumes standard_conforming_strings = on"},
};

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> parser_statements(const std::string& script) {
  PgQuerySplitResult result = pg_query_split_with_parser(script.c_str());
  std::string error = result.error ? result.error->message : "";
  std::vector<std::string> statements;
  for (int i = 0; i < result.n_stmts && error.empty(); ++i) {
    auto location = static_cast<std::size_t>(result.stmts[i]->stmt_location);
    auto length = static_cast<std::size_t>(result.stmts[i]->stmt_len);
    if (length == 0) length = script.size() - location;  // the last one
    statements.push_back(
        trim(std::string_view(script).substr(location, length)));
  }
  pg_query_free_split_result(result);
  INFO("libpg_query: " << error);
  REQUIRE(error.empty());
  return statements;
}

std::vector<std::string> our_statements(const std::string& script) {
  std::vector<std::string> texts;
  for (const auto& statement : split_pg(script)) texts.push_back(statement.sql);
  return texts;
}

std::vector<std::filesystem::path> fixtures() {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(kFixtures))
    paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

TEST_CASE("our PostgreSQL statements match libpg_query's on every fixture",
          "[splitter][postgres][differential]") {
  std::size_t compared = 0;
  for (const auto& path : fixtures()) {
    if (kExcluded.count(path.filename().string())) continue;
    INFO(path.filename().string());
    std::string script = read_fixture("postgres/" + path.filename().string());
    CHECK(our_statements(script) == parser_statements(script));
    ++compared;
  }
  CHECK(compared >= 18);
}

TEST_CASE("the fixture excluded for COPY data splits as psql does",
          "[splitter][postgres][differential]") {
  std::string script = read_fixture("postgres/V19__pg_dump_with_copy.sql");
  CHECK(split_pg(script) ==
        Splits{{"--\n-- PostgreSQL database dump (data only)\n--\n\n"
                "SET client_encoding = 'UTF8'",
                5},
               {"SET standard_conforming_strings = on", 6},
               copy("COPY public.copy_test (id, name, city) FROM stdin", 8,
                    "1\tJürgen\tKöln\n2\t\\N\tMünchen\n3\tSøren; Ærø\t\\N\n"),
               copy("COPY public.copy_test_two (id, note)\nFROM stdin", 14,
                    "1\tit's; a \\\"note\\\"\n2\t\\\\.\n"),
               {"SELECT pg_catalog.setval('public.copy_test_id_seq', 3, true)",
                20}});
}

TEST_CASE("the fixture excluded for backslash strings splits as psql does",
          "[splitter][postgres][differential]") {
  std::string script = read_fixture("postgres/V20__nonstandard_strings.sql");
  CHECK(split_pg(script) ==
        Splits{{"-- Written for an old server where backslash escapes were the "
                "default.\nSET standard_conforming_strings = off",
                2},
               {"INSERT INTO legacy VALUES ('it\\'s; old style', "
                "'C:\\\\temp\\\\')",
                3},
               {"INSERT INTO legacy VALUES ('second\\'; row', '')", 4},
               {"RESET standard_conforming_strings", 5},
               {"INSERT INTO legacy VALUES ('C:\\', 'standard again')", 6}});
}

TEST_CASE("fixture statements get the non-transactional flag",
          "[splitter][postgres][differential]") {
  auto statements =
      split_pg(read_fixture("postgres/V15__concurrent_indexes.sql"));
  REQUIRE(statements.size() == 5);
  for (const auto& statement : statements) {
    INFO(statement.sql);
    CHECK(statement.non_transactional);
    CHECK(statement.kind == StatementKind::kSql);
  }
  auto partitions = split_pg(read_fixture("postgres/V18__partitions.sql"));
  REQUIRE(partitions.size() == 6);
  CHECK(partitions[3] ==
        non_tx("ALTER TABLE measurement DETACH PARTITION measurement_y2024 "
               "CONCURRENTLY",
               13));
  CHECK_FALSE(partitions[4].non_transactional);
}
