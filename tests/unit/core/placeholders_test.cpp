#include "runway/core/placeholders.hpp"

#include <catch2/catch.hpp>

#include "runway/core/error.hpp"

namespace runway {
namespace {

PlaceholderOptions options_with(std::map<std::string, std::string> values) {
  PlaceholderOptions options;
  options.values = std::move(values);
  return options;
}

std::string replace(const std::string& text, const PlaceholderOptions& options,
                    std::size_t chunk_size = 1 << 16) {
  PlaceholderFilter filter(std::make_unique<StringSource>(text, chunk_size),
                           options, "V1__x.sql");
  std::string out;
  std::string chunk;
  while (filter.read(chunk)) {
    REQUIRE_FALSE(chunk.empty());
    out += chunk;
  }
  return out;
}

// The replaced text, checked to be the same for every chunk size 1..8.
std::string replace_any_chunking(const std::string& text,
                                 const PlaceholderOptions& options) {
  std::string whole = replace(text, options);
  for (std::size_t size = 1; size <= 8; ++size) {
    INFO("chunk size " << size);
    CHECK(replace(text, options, size) == whole);
  }
  return whole;
}

struct Failure {
  std::string message;
  std::string file;
  int line = 0;
};

Failure failure_of(const std::string& text, const PlaceholderOptions& options,
                   std::size_t chunk_size = 1 << 16) {
  try {
    replace(text, options, chunk_size);
  } catch (const MigrationFileError& e) {
    return {e.what(), e.file(), e.line()};
  }
  FAIL("no error for: " << text);
  return {};
}

// Yields "${" and then 'a' for ever.
class EndlessName : public TextSource {
 public:
  bool read(std::string& chunk) override {
    chunk = first_ ? "${" : std::string(1024, 'a');
    first_ = false;
    ++reads;
    return true;
  }
  int reads = 0;

 private:
  bool first_ = true;
};

}  // namespace

TEST_CASE("placeholders are replaced by their values", "[placeholders]") {
  auto options = options_with({{"x", "1"}, {"table", "users"}});
  CHECK(replace_any_chunking("SELECT ${x} FROM ${table};", options) ==
        "SELECT 1 FROM users;");
}

TEST_CASE("placeholder names match without regard to case", "[placeholders]") {
  auto options = options_with({{"env", "prod"}});
  CHECK(replace_any_chunking("${ENV} ${Env} ${env}", options) ==
        "prod prod prod");
}

TEST_CASE("placeholders are replaced inside comments and strings",
          "[placeholders]") {
  auto options = options_with({{"a", "A"}});
  CHECK(replace_any_chunking("-- ${a}\n/* ${a} */ '${a}' $$${a}$$", options) ==
        "-- A\n/* A */ 'A' $$A$$");
}

TEST_CASE("an empty value removes the placeholder", "[placeholders]") {
  auto options = options_with({{"gone", ""}});
  CHECK(replace_any_chunking("a${gone}b", options) == "ab");
  CHECK(replace_any_chunking("${gone}", options).empty());
}

TEST_CASE("values are not scanned again", "[placeholders]") {
  auto options = options_with({{"a", "${b}"}, {"b", "no"}});
  CHECK(replace_any_chunking("${a}", options) == "${b}");
}

TEST_CASE("a dollar before the prefix is kept and the placeholder replaced",
          "[placeholders]") {
  // Flyway's reader passes "$${x}" through untouched by accident; we do not.
  auto options = options_with({{"x", "1"}});
  CHECK(replace_any_chunking("$${x}", options) == "$1");
}

TEST_CASE("text without placeholders passes through unchanged",
          "[placeholders]") {
  auto options = options_with({});
  CHECK(replace_any_chunking("SELECT '$' || '{' || $1 || '}';$", options) ==
        "SELECT '$' || '{' || $1 || '}';$");
  CHECK(replace_any_chunking("ends with $", options) == "ends with $");
  CHECK(replace_any_chunking("", options).empty());
}

TEST_CASE("custom prefix and suffix are honoured", "[placeholders]") {
  PlaceholderOptions options = options_with({{"name", "v"}});
  options.prefix = "#[[";
  options.suffix = "]]";
  CHECK(replace_any_chunking("a #[[name]] b ${name} #[ #[[NAME]]]", options) ==
        "a v b ${name} #[ v]");
}

TEST_CASE("an unknown placeholder names file and line", "[placeholders]") {
  auto options = options_with({{"x", "1"}});
  for (std::size_t chunk = 1; chunk <= 4; ++chunk) {
    Failure f = failure_of("SELECT ${x};\n\nSELECT ${nope};\n", options, chunk);
    CHECK(f.message ==
          "No value provided for placeholder: ${nope}.  Check your "
          "configuration!");
    CHECK(f.file == "V1__x.sql");
    CHECK(f.line == 3);
  }
}

TEST_CASE("line numbers count input lines, not replaced ones",
          "[placeholders]") {
  auto options = options_with({{"multi", "a\nb\nc\nd"}});
  Failure f = failure_of("${multi}\n${multi} ${unknown}", options, 3);
  CHECK(f.line == 2);
}

TEST_CASE("a name may span lines; the line is where it starts",
          "[placeholders]") {
  Failure f = failure_of("one\ntwo ${a\nb} three", options_with({}));
  CHECK(f.message ==
        "No value provided for placeholder: ${a\nb}.  Check your "
        "configuration!");
  CHECK(f.line == 2);
}

TEST_CASE("an unknown built-in gets Flyway's default placeholder message",
          "[placeholders]") {
  auto options = options_with({{"flyway:user", "bob"}});
  CHECK(replace_any_chunking("${flyway:user} ${FLYWAY:USER}", options) ==
        "bob bob");
  CHECK(failure_of("${flyway:nope}", options).message ==
        "Failed to populate value for default placeholder: ${flyway:nope}");
  // The built-in test is case-sensitive, as Flyway's.
  CHECK(failure_of("${FLYWAY:nope}", options).message ==
        "No value provided for placeholder: ${FLYWAY:nope}.  Check your "
        "configuration!");
}

TEST_CASE("the built-in separator is configurable", "[placeholders]") {
  PlaceholderOptions options;
  options.separator = "#";
  CHECK(failure_of("${flyway#x}", options).message ==
        "Failed to populate value for default placeholder: ${flyway#x}");
  CHECK(failure_of("${flyway:x}", options).message ==
        "No value provided for placeholder: ${flyway:x}.  Check your "
        "configuration!");
}

TEST_CASE("a placeholder left open at the end is unknown", "[placeholders]") {
  Failure f = failure_of("SELECT 1;\nSELECT '${x", options_with({{"y", "1"}}));
  CHECK(f.message ==
        "No value provided for placeholder: ${x}.  Check your configuration!");
  CHECK(f.line == 2);
}

TEST_CASE("a runaway name fails without reading the whole input",
          "[placeholders]") {
  EndlessName source;
  PlaceholderFilter filter(source, options_with({{"x", "1"}}), "R__big.sql");
  std::string chunk;
  try {
    while (filter.read(chunk)) {
    }
    FAIL("endless input ended");
  } catch (const MigrationFileError& e) {
    std::string message = e.what();
    CHECK(message == "No value provided for placeholder: ${" +
                         std::string(100, 'a') +
                         "...}.  Check your configuration!");
    CHECK(e.line() == 1);
  }
  CHECK(source.reads < 10);
}

TEST_CASE("per-script values can be set on the filter", "[placeholders]") {
  StringSource source("-- ${flyway:filename}\n");
  PlaceholderFilter filter(source, options_with({}), "V1__x.sql");
  filter.set_value("Flyway:Filename", "V1__x.sql");
  std::string chunk;
  std::string out;
  while (filter.read(chunk)) out += chunk;
  CHECK(out == "-- V1__x.sql\n");
}

TEST_CASE("empty prefix or suffix is a configuration error", "[placeholders]") {
  StringSource source("x");
  PlaceholderOptions options;
  options.prefix = "";
  CHECK_THROWS_AS(PlaceholderFilter(source, options, "f"), ConfigError);
  options.prefix = "${";
  options.suffix = "";
  CHECK_THROWS_AS(PlaceholderFilter(source, options, "f"), ConfigError);
}

TEST_CASE("checksum over replaced text", "[placeholders][checksum]") {
  StringSource source("SELECT ${x};\n", 2);
  CHECK(checksum_with_placeholders(source, options_with({{"x", "1"}}),
                                   "R__x.sql") == 78787420);
}

}  // namespace runway
