// Placeholder replacement (`${name}`) as a streaming filter between a script
// file and the SQL splitter or the checksum.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "runway/core/text_source.hpp"

namespace runway {

/// What to replace and with what. The caller resolves everything, including
/// Flyway's built-ins (`flyway:defaultSchema`, `flyway:user`, ...).
struct PlaceholderOptions {
  /// Values by lower-cased name, e.g. {"env", "prod"}, {"flyway:user", "x"}.
  std::map<std::string, std::string> values;
  std::string prefix = "${";
  std::string suffix = "}";
  /// Separator in built-in names: a name starting with "flyway" + separator
  /// that has no value gets Flyway's "default placeholder" message.
  std::string separator = ":";
};

/// A TextSource that replaces placeholders in the text of another one.
///
/// Names are everything between prefix and suffix and are looked up without
/// regard to (ASCII) case. Replacements are not scanned again. An unknown
/// name throws MigrationFileError(file, line, message) where line is the
/// 1-based line of the input on which the placeholder starts and message is
/// Flyway's: "No value provided for placeholder: ${name}.  Check your
/// configuration!" or, for built-ins, "Failed to populate value for default
/// placeholder: ${flyway:name}". A prefix with no suffix before the end of
/// the text is an unknown placeholder too. Prefix and suffix may be split
/// across the chunks of the wrapped source.
class PlaceholderFilter : public TextSource {
 public:
  /// Filters `source`, which must outlive this filter. `file` names the
  /// script in error messages. Throws ConfigError when prefix or suffix is
  /// empty.
  PlaceholderFilter(TextSource& source, PlaceholderOptions options,
                    std::string file);
  /// Same, owning `source`.
  PlaceholderFilter(std::unique_ptr<TextSource> source,
                    PlaceholderOptions options, std::string file);

  /// Sets one value for this script only, e.g. "flyway:filename". `name` is
  /// matched without regard to case.
  void set_value(const std::string& name, std::string value);

  bool read(std::string& chunk) override;

 private:
  void check_options();
  bool fill();
  void scan(std::string& out);
  void append_value(std::string_view name, std::size_t at, std::string& out);
  [[noreturn]] void fail(std::string_view name, std::size_t at) const;
  int line_at(std::size_t pos) const;

  std::unique_ptr<TextSource> owned_;
  TextSource& source_;
  PlaceholderOptions options_;
  std::string file_;
  std::size_t longest_name_ = 0;
  std::string buffer_;  // input not yet scanned
  bool eof_ = false;
  int line_ = 1;  // line of the input at buffer_[0]
};

/// The checksum Flyway stores for a repeatable migration: that of the text
/// after placeholder replacement. Drains `source`; `strip_leading_bom` as
/// for ChecksumBuilder.
std::int32_t checksum_with_placeholders(TextSource& source,
                                        const PlaceholderOptions& options,
                                        const std::string& file,
                                        bool strip_leading_bom = true);

}  // namespace runway
