#include "runway/fs/script_reader.hpp"

#include <catch2/catch.hpp>

#include "runway/core/checksum.hpp"
#include "runway/core/error.hpp"
#include "unit/fs/temp_dir.hpp"

namespace runway::fs {
namespace {

using runway::testing::data_path;
using runway::testing::TempDir;

std::string read_all(TextSource& source, std::size_t* largest = nullptr) {
  std::string text;
  std::string chunk;
  while (source.read(chunk)) {
    REQUIRE_FALSE(chunk.empty());
    if (largest != nullptr) *largest = std::max(*largest, chunk.size());
    text += chunk;
  }
  return text;
}

std::string read_file(const std::string& path,
                      const std::string& encoding = "UTF-8") {
  FileSource source(path, encoding);
  return read_all(source);
}

MigrationFileError error_reading(const std::string& path,
                                 const std::string& encoding = "UTF-8") {
  try {
    read_file(path, encoding);
  } catch (const MigrationFileError& e) {
    return e;
  }
  FAIL("no error reading " << path);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a leading BOM is dropped and line ends are kept", "[fs][reader]") {
  CHECK(read_file(data_path("encoding/bom_crlf.sql")) == "SELECT 1;\r\n");
  FileSource source(data_path("encoding/bom_crlf.sql"));
  CHECK(checksum_of(source, false) == 78787420);
}

TEST_CASE("only one BOM is dropped", "[fs][reader]") {
  TempDir dir;
  std::string path =
      dir.write("two.sql", "\xEF\xBB\xBF\xEF\xBB\xBFSELECT 1;\n");
  CHECK(read_file(path) == "\xEF\xBB\xBFSELECT 1;\n");
  FileSource source(path);
  CHECK(checksum_of(source, false) == -1606921097);
}

TEST_CASE("a Latin-1 file read as ISO-8859-1 becomes UTF-8", "[fs][reader]") {
  std::string path = data_path("encoding/latin1.sql");
  CHECK(read_file(path, "ISO-8859-1") == "-- caf\xC3\xA9\nSELECT 1;\n");
  FileSource source(path, "iso-8859-1");
  CHECK(checksum_of(source, false) == 139021238);
}

TEST_CASE("windows-1252 is decoded, also under Java's alias", "[fs][reader]") {
  std::string path = data_path("encoding/cp1252.sql");
  CHECK(read_file(path, "windows-1252") ==
        "-- \xE2\x82\xAC price\r\nSELECT 1;\r\n");
  CHECK(read_file(path, "Cp1252") == read_file(path, "windows-1252"));
}

TEST_CASE("UTF-16 files are decoded", "[fs][reader]") {
  TempDir dir;
  std::string path = dir.write("u16.sql", std::string("S\0E\0L\0;\0\n\0", 10));
  CHECK(read_file(path, "UTF-16LE") == "SEL;\n");
}

TEST_CASE("a Latin-1 file read as UTF-8 fails at the bad line",
          "[fs][reader]") {
  std::string path = data_path("encoding/latin1.sql");
  MigrationFileError e = error_reading(path);
  CHECK(std::string(e.what()) ==
        "Unable to calculate checksum of latin1.sql\nPlease ensure you have "
        "configured the correct file encoding with 'flyway.encoding' "
        "(invalid UTF-8 at line 1)");
  CHECK(e.file() == path);
  CHECK(e.line() == 1);
}

TEST_CASE("malformed UTF-8 is rejected however it is malformed",
          "[fs][reader]") {
  TempDir dir;
  const std::string_view cases[] = {
      "\xC0\xAF",          // overlong '/'
      "\xE0\x80\xAF",      // overlong
      "\xED\xA0\x80",      // surrogate half
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xFF",              // never valid
      "\x80",              // stray continuation byte
      "\xC3",              // cut off by the newline
  };
  for (std::string_view bad : cases) {
    std::string path =
        dir.write("bad.sql", "SELECT 1;\n-- " + std::string(bad) + "\n");
    INFO("bytes: " << bad);
    CHECK(error_reading(path).line() == 2);
  }
  for (std::string_view cut : {"\xC3", "\xE2\x82", "\xF0\x9F\x98"}) {
    std::string path =
        dir.write("cut.sql", "SELECT 1;\n-- " + std::string(cut));
    INFO("cut off at the end: " << cut);
    CHECK(error_reading(path).line() == 2);
  }
  std::string good = dir.write("good.sql", "\xF0\x9F\x98\x80 \xE2\x82\xAC");
  CHECK(read_file(good) == "\xF0\x9F\x98\x80 \xE2\x82\xAC");
}

TEST_CASE("line of a decoding error counts lines of earlier chunks",
          "[fs][reader]") {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "SELECT 1;\n";  // 100 KB
  std::string path = dir.write("big.sql", text + "-- \xFF\n");
  CHECK(error_reading(path).line() == 10001);
}

TEST_CASE("characters split across read chunks decode", "[fs][reader]") {
  TempDir dir;
  std::string text(65535, 'a');
  text += "\xC3\xA9\xE2\x82\xAC";  // é straddles the 64 KiB boundary
  std::string path = dir.write("split.sql", text);
  CHECK(read_file(path) == text);
}

TEST_CASE("large files arrive in bounded chunks", "[fs][reader]") {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "INSERT INTO t VALUES (1);\n";
  std::string path = dir.write("large.sql", text);
  FileSource source(path);
  std::size_t largest = 0;
  CHECK(read_all(source, &largest) == text);
  CHECK(largest <= 64 * 1024);
}

TEST_CASE("an empty file and a BOM-only file are empty", "[fs][reader]") {
  TempDir dir;
  CHECK(read_file(dir.write("empty.sql", "")).empty());
  CHECK(read_file(dir.write("bom.sql", "\xEF\xBB\xBF")).empty());
}

TEST_CASE("unknown encodings and missing files are reported", "[fs][reader]") {
  std::string path = data_path("encoding/latin1.sql");
  MigrationFileError unknown = error_reading(path, "NOPE-42");
  CHECK(std::string(unknown.what()) == "Unsupported encoding: NOPE-42");
  CHECK(unknown.code() == "CONFIGURATION");
  CHECK(std::string(error_reading(path, "").what()) ==
        "Unsupported encoding: ");

  MigrationFileError missing = error_reading("/nonexistent/V1__x.sql");
  CHECK(std::string(missing.what()) ==
        "Unable to load filesystem resource: /nonexistent/V1__x.sql "
        "(encoding: UTF-8)");
}

TEST_CASE("open_script replaces placeholders and knows the file name",
          "[fs][reader]") {
  TempDir dir;
  std::string path = dir.write(
      "R__x.sql", "\xEF\xBB\xBF-- ${flyway:filename}\nSELECT ${v};\n");
  PlaceholderOptions options;
  options.values = {{"v", "42"}};
  auto replaced = open_script(path, "UTF-8", &options);
  CHECK(read_all(*replaced) == "-- R__x.sql\nSELECT 42;\n");
  auto raw = open_script(path, "UTF-8", nullptr);
  CHECK(read_all(*raw) == "-- ${flyway:filename}\nSELECT ${v};\n");
}

TEST_CASE(
    "the raw head is the undecoded start, and read() still starts at "
    "the beginning",
    "[fs][reader]") {
  std::string path = data_path("encoding/latin1.sql");
  FileSource source(path);  // UTF-8 would reject the Latin-1 byte
  CHECK(source.raw_head() == "-- caf\xE9\nSELECT 1;\n");
  source.set_encoding("ISO-8859-1");
  CHECK(read_all(source) == "-- caf\xC3\xA9\nSELECT 1;\n");
  CHECK_THROWS_WITH(FileSource(path).set_encoding("NOPE-42"),
                    "Unsupported encoding: NOPE-42");
}

TEST_CASE("a file larger than the head is read whole after raw_head()",
          "[fs][reader]") {
  TempDir dir;
  std::string text;
  for (int i = 0; text.size() < 200 * 1024; ++i)
    text += "INSERT INTO t VALUES (" + std::to_string(i) + ");\n";
  std::string path = dir.write("big.sql", "\xEF\xBB\xBF" + text);
  FileSource source(path);
  CHECK(source.raw_head().size() == 64 * 1024);
  CHECK(source.raw_head().starts_with("\xEF\xBB\xBFINSERT"));
  CHECK(read_all(source) == text);
}

TEST_CASE("the bad line is counted across the chunks of a large file",
          "[fs][reader]") {
  // 70,000 lines (more than one 64 KiB chunk), the bad byte on the last.
  TempDir dir;
  std::string text;
  for (int i = 1; i < 70000; ++i) text += "-- line " + std::to_string(i) + "\n";
  text += "SELECT '\xFF';\n";
  const std::string path = dir.write("big.sql", text);
  MigrationFileError e = error_reading(path);
  CHECK(e.line() == 70000);
  CHECK(std::string(e.what()).ends_with("(invalid UTF-8 at line 70000)"));
}

}  // namespace runway::fs
