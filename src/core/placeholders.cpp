// Flyway's PlaceholderReplacingReader, as a chunked filter. After a prefix,
// everything up to the first suffix is the name (newlines included, no
// nesting, no escapes); the value replaces prefix, name and suffix and is
// not scanned again. Replacement happens everywhere: in comments, strings,
// dollar quotes and COPY data alike, because Flyway does it on the raw text
// before parsing.
//
// One deliberate difference: after a partial prefix match Flyway emits the
// buffered characters without scanning them again, so with the default
// prefix "$${x}" passes through untouched (an accidental escape). We scan
// every character, so "$${x}" becomes "$" + value. Nobody should rely on the
// quirk, and a filter that matches the prefix wherever it occurs is simpler
// to reason about.
//
// Memory stays bounded: a name longer than every known name cannot match,
// so once the text after a prefix exceeds that (or 4 KiB) without a suffix
// the placeholder is reported as unknown without reading further.
#include "runway/core/placeholders.hpp"

#include <algorithm>

#include "runway/core/checksum.hpp"
#include "runway/core/error.hpp"

namespace runway {
namespace {

constexpr std::size_t kMinPendingLimit = 4096;
constexpr std::size_t kMaxShownName = 100;

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// Length of the longest proper prefix of `prefix` that ends `text` at or
// after `from`: those bytes may be the start of a prefix split over chunks.
std::size_t partial_prefix_length(std::string_view text, std::size_t from,
                                  std::string_view prefix) {
  std::size_t available = text.size() - from;
  for (std::size_t k = std::min(prefix.size() - 1, available); k > 0; --k) {
    if (text.ends_with(prefix.substr(0, k))) return k;
  }
  return 0;
}

// `name` cut to a readable length without splitting a UTF-8 character.
std::string shown_name(std::string_view name) {
  if (name.size() <= kMaxShownName) return std::string(name);
  std::size_t cut = kMaxShownName;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return std::string(name.substr(0, cut)) + "...";
}

}  // namespace

PlaceholderFilter::PlaceholderFilter(TextSource& source,
                                     PlaceholderOptions options,
                                     std::string file)
    : source_(source), options_(std::move(options)), file_(std::move(file)) {
  check_options();
}

PlaceholderFilter::PlaceholderFilter(std::unique_ptr<TextSource> source,
                                     PlaceholderOptions options,
                                     std::string file)
    : owned_(std::move(source)),
      source_(*owned_),
      options_(std::move(options)),
      file_(std::move(file)) {
  check_options();
}

void PlaceholderFilter::check_options() {
  if (options_.prefix.empty() || options_.suffix.empty()) {
    throw ConfigError(
        "placeholderPrefix and placeholderSuffix must not be empty");
  }
  for (const auto& entry : options_.values) {
    longest_name_ = std::max(longest_name_, entry.first.size());
  }
}

void PlaceholderFilter::set_value(const std::string& name, std::string value) {
  longest_name_ = std::max(longest_name_, name.size());
  options_.values[ascii_lower(name)] = std::move(value);
}

bool PlaceholderFilter::read(std::string& chunk) {
  chunk.clear();
  while (chunk.empty()) {
    if (!fill()) return false;
    scan(chunk);
  }
  return true;
}

// Appends the next chunk of input; false when nothing is left to scan.
bool PlaceholderFilter::fill() {
  if (eof_) return !buffer_.empty();
  std::string next;
  if (source_.read(next)) {
    buffer_ += next;
  } else {
    eof_ = true;
  }
  return true;
}

// Moves everything that can be decided from buffer_ into `out`; keeps a
// possible partial prefix, or an unfinished placeholder, for the next round.
void PlaceholderFilter::scan(std::string& out) {
  const std::string& prefix = options_.prefix;
  const std::string& suffix = options_.suffix;
  const std::size_t pending_limit =
      std::max(kMinPendingLimit, longest_name_ + suffix.size());
  std::size_t i = 0;
  while (true) {
    std::size_t start = buffer_.find(prefix, i);
    if (start == std::string::npos) {
      std::size_t keep = eof_ ? 0 : partial_prefix_length(buffer_, i, prefix);
      out.append(buffer_, i, buffer_.size() - keep - i);
      i = buffer_.size() - keep;
      break;
    }
    out.append(buffer_, i, start - i);
    std::size_t name_start = start + prefix.size();
    std::size_t end = buffer_.find(suffix, name_start);
    if (end == std::string::npos) {
      std::string_view pending(buffer_.data() + name_start,
                               buffer_.size() - name_start);
      if (eof_ || pending.size() > pending_limit) fail(pending, start);
      i = start;
      break;
    }
    append_value(
        std::string_view(buffer_.data() + name_start, end - name_start), start,
        out);
    i = end + suffix.size();
  }
  line_ += static_cast<int>(std::count(
      buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(i), '\n'));
  buffer_.erase(0, i);
}

void PlaceholderFilter::append_value(std::string_view name, std::size_t at,
                                     std::string& out) {
  auto found = options_.values.find(ascii_lower(name));
  if (found == options_.values.end()) fail(name, at);
  out += found->second;
}

void PlaceholderFilter::fail(std::string_view name, std::size_t at) const {
  std::string placeholder =
      options_.prefix + shown_name(name) + options_.suffix;
  if (name.starts_with("flyway" + options_.separator)) {
    throw MigrationFileError(
        file_, line_at(at),
        "Failed to populate value for default placeholder: " + placeholder);
  }
  throw MigrationFileError(file_, line_at(at),
                           "No value provided for placeholder: " + placeholder +
                               ".  Check your configuration!");
}

int PlaceholderFilter::line_at(std::size_t pos) const {
  return line_ + static_cast<int>(std::count(
                     buffer_.begin(),
                     buffer_.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

std::int32_t checksum_with_placeholders(TextSource& source,
                                        const PlaceholderOptions& options,
                                        const std::string& file,
                                        bool strip_leading_bom) {
  PlaceholderFilter filter(source, options, file);
  return checksum_of(filter, strip_leading_bom);
}

}  // namespace runway
