#include <catch2/catch.hpp>

#include "split_helpers.hpp"

using runway::sql::Dialect;
using runway::sql::make_splitter;
using runway::sql::Statement;
using runway::sql::StatementKind;
using runway::sql::test::copy;
using runway::sql::test::split_pg;
using Splits = std::vector<runway::sql::test::Split>;

TEST_CASE("COPY FROM STDIN blocks yield their data lines",
          "[splitter][postgres][copy]") {
  std::string script =
      "SET client_encoding = 'UTF8';\n"
      "COPY public.people (id, name, city) FROM stdin;\n"
      "1\tJürgen\tKöln\n"
      "2\t\\N\tMünchen\n"
      "\\.\n"
      "COPY public.tags (id, label)\n"
      "FROM STDIN;  -- the rest of this line is ignored\n"
      "10\tä;ö;ü 'x\n"
      "\\.\n"
      "SELECT setval('people_id_seq', 2);\n";
  CHECK(split_pg(script) ==
        Splits{{"SET client_encoding = 'UTF8'", 1},
               copy("COPY public.people (id, name, city) FROM stdin", 2,
                    "1\tJürgen\tKöln\n2\t\\N\tMünchen\n"),
               copy("COPY public.tags (id, label)\nFROM STDIN", 6,
                    "10\tä;ö;ü 'x\n"),
               {"SELECT setval('people_id_seq', 2)", 10}});
}

TEST_CASE("SQL after the COPY semicolon on the same line is skipped",
          "[splitter][postgres][copy]") {
  CHECK(split_pg("copy t from stdin; SELECT 'ignored';\nx\n\\.\nSELECT 1;") ==
        Splits{copy("copy t from stdin", 1, "x\n"), {"SELECT 1", 4}});
}

TEST_CASE("only a line that is exactly \\. ends the data",
          "[splitter][postgres][copy]") {
  CHECK(split_pg(
            "COPY t FROM STDIN;\n\\.x\n \\.\n\\\\.\na\r\n\\.\r\nSELECT 1;") ==
        Splits{copy("COPY t FROM STDIN", 1, "\\.x\n \\.\n\\\\.\na\r\n"),
               {"SELECT 1", 7}});
}

TEST_CASE("COPY data runs to the end of the script without an end marker",
          "[splitter][postgres][copy]") {
  CHECK(split_pg("COPY t FROM STDIN;\n1\n2") ==
        Splits{copy("COPY t FROM STDIN", 1, "1\n2\n")});
  CHECK(split_pg("COPY t FROM STDIN;\n\\.") ==
        Splits{copy("COPY t FROM STDIN", 1, "")});
  CHECK(split_pg("COPY t FROM STDIN") ==
        Splits{copy("COPY t FROM STDIN", 1, "")});
}

TEST_CASE("COPY with options and CSV data", "[splitter][postgres][copy]") {
  CHECK(split_pg("COPY t (a, b) FROM STDIN WITH (FORMAT csv, DELIMITER ';');\n"
                 "1;\"x;y\"\n\\.\n") ==
        Splits{copy("COPY t (a, b) FROM STDIN WITH (FORMAT csv, DELIMITER ';')",
                    1, "1;\"x;y\"\n")});
}

TEST_CASE("COPY from a file or to stdout is an ordinary statement",
          "[splitter][postgres][copy]") {
  CHECK(split_pg("COPY t FROM '/tmp/stdin';\nCOPY t TO STDOUT;\n"
                 "COPY (SELECT 1) TO STDOUT;\nCOPY t (from_col) FROM "
                 "PROGRAM 'cat';") ==
        Splits{{"COPY t FROM '/tmp/stdin'", 1},
               {"COPY t TO STDOUT", 2},
               {"COPY (SELECT 1) TO STDOUT", 3},
               {"COPY t (from_col) FROM PROGRAM 'cat'", 4}});
}

TEST_CASE("unread COPY data is skipped by the next statement",
          "[splitter][postgres][copy]") {
  runway::StringSource source("COPY t FROM stdin;\na;b\n\\.\nSELECT 1;\n", 3);
  auto splitter = make_splitter(Dialect::kPostgreSQL, source);
  Statement statement;
  REQUIRE(splitter->next(statement));
  CHECK(statement.kind == StatementKind::kCopyFromStdin);
  REQUIRE(splitter->next(statement));
  CHECK(statement.sql == "SELECT 1");
  CHECK(statement.line == 4);
  CHECK_FALSE(splitter->next(statement));
}

namespace {

// Produces "COPY ...;" then `lines` data lines, "\.", a last statement, a
// few KB at a time, and counts what was read: the script is never in memory.
class GeneratedCopyScript : public runway::TextSource {
 public:
  explicit GeneratedCopyScript(std::size_t lines) : lines_(lines) {}
  bool read(std::string& chunk) override {
    chunk.clear();
    switch (stage_) {
      case Stage::kHeader:
        chunk = "COPY big (id, payload) FROM stdin;\n";
        stage_ = Stage::kData;
        break;
      case Stage::kData:
        while (chunk.size() < 4096 && emitted_ < lines_)
          chunk += line(emitted_++);
        if (emitted_ == lines_) {
          chunk += "\\.\nSELECT 'done';\n";
          stage_ = Stage::kDone;
        }
        break;
      case Stage::kDone:
        return false;
    }
    bytes_read_ += chunk.size();
    return true;
  }
  static std::string line(std::size_t n) {
    std::string text = std::to_string(n);
    text.resize(99, 'x');  // every line is 100 bytes
    return text + "\n";
  }
  std::size_t bytes_read() const { return bytes_read_; }

 private:
  enum class Stage { kHeader, kData, kDone };
  std::size_t lines_;
  std::size_t emitted_ = 0;
  Stage stage_ = Stage::kHeader;
  std::size_t bytes_read_ = 0;
};

}  // namespace

TEST_CASE("a 20 MB COPY block is streamed in bounded chunks of whole lines",
          "[splitter][postgres][copy]") {
  constexpr std::size_t kLines = 200'000;  // 100 bytes each
  GeneratedCopyScript source(kLines);
  auto splitter = make_splitter(Dialect::kPostgreSQL, source);
  Statement statement;
  REQUIRE(splitter->next(statement));
  REQUIRE(statement.kind == StatementKind::kCopyFromStdin);

  std::string chunk;
  REQUIRE(splitter->read_copy_data(chunk));
  // Streaming: the first chunk arrives long before the script is read.
  CHECK(source.bytes_read() < 256 * 1024);
  std::size_t total = 0, lines = 0, largest = 0;
  bool whole_lines = true, content_ok = true;
  do {
    largest = std::max(largest, chunk.size());
    whole_lines = whole_lines && !chunk.empty() && chunk.back() == '\n';
    for (std::size_t at = 0; at < chunk.size(); at += 100, ++lines)
      content_ok =
          content_ok &&
          chunk.compare(at, 100, GeneratedCopyScript::line(lines)) == 0;
    total += chunk.size();
  } while (splitter->read_copy_data(chunk));
  CHECK(total == kLines * 100);
  CHECK(lines == kLines);
  CHECK(whole_lines);
  CHECK(content_ok);
  CHECK(largest <= 64 * 1024 + 100);

  REQUIRE(splitter->next(statement));
  CHECK(statement.sql == "SELECT 'done'");
  CHECK(statement.line == static_cast<int>(kLines) + 3);
  CHECK_FALSE(splitter->next(statement));
}
