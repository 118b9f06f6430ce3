// Flyway's ResourceNameParser. A name is: suffix stripped (first configured
// suffix that matches ignoring case), then the longest matching prefix among
// V, R, every callback event id, B and U (case-sensitive, ties kept in that
// order), then the rest split at the FIRST separator into version and
// description. V/B/U need a valid version; R and callbacks must have nothing
// before the separator. `_` in the description becomes a space, so
// V1__2__x names version 1 with description "2  x". The rejection messages
// are Flyway's, word for word, because users search for them.
#include "runway/core/file_name.hpp"

#include <algorithm>

namespace runway {
namespace {

// Flyway's clean/validate/undo/repair/baseline "OperationFinish" events all
// reuse the id afterInfoOperationFinish, so each id appears once here.
constexpr std::string_view kCallbackEvents[] = {
    "beforeClean",
    "afterClean",
    "afterCleanError",
    "beforeMigrate",
    "beforeEachMigrate",
    "beforeEachMigrateStatement",
    "afterEachMigrateStatement",
    "afterEachMigrateStatementError",
    "afterEachMigrate",
    "afterEachMigrateError",
    "beforeRepeatables",
    "afterVersioned",
    "afterMigrateApplied",
    "afterMigrate",
    "afterMigrateError",
    "beforeUndo",
    "beforeEachUndo",
    "beforeEachUndoStatement",
    "afterEachUndoStatement",
    "afterEachUndoStatementError",
    "afterEachUndo",
    "afterEachUndoError",
    "afterUndo",
    "afterUndoError",
    "beforeValidate",
    "afterValidate",
    "afterValidateError",
    "beforeBaseline",
    "afterBaseline",
    "afterBaselineError",
    "beforeRepair",
    "afterRepair",
    "afterRepairError",
    "beforeInfo",
    "afterInfo",
    "afterInfoError",
    "afterMigrateOperationFinish",
    "afterInfoOperationFinish",
    "createSchema",
    "beforeCreateSchema",
    "beforeConnect",
    "afterConnect",
};

using Prefix = FileNameParser::Prefix;

char ascii_upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

bool ends_with_ignoring_case(std::string_view text, std::string_view end) {
  if (end.size() > text.size()) return false;
  std::string_view tail = text.substr(text.size() - end.size());
  return std::equal(tail.begin(), tail.end(), end.begin(), [](char a, char b) {
    return ascii_upper(a) == ascii_upper(b);
  });
}

// The suffix as written in the file name, or "" when none matches.
std::string_view matching_suffix(std::string_view name,
                                 const NamingOptions& options) {
  for (const std::string& suffix : options.sql_migration_suffixes) {
    if (ends_with_ignoring_case(name, suffix)) {
      return name.substr(name.size() - suffix.size());
    }
  }
  return {};
}

bool is_versioned(const Prefix& prefix) {
  return !prefix.is_callback && prefix.kind != MigrationKind::kRepeatable;
}

// Checks the version part; returns the rejection message or "".
std::string check_version(std::string_view file_name, const Prefix& prefix,
                          const ParsedFileName& parsed,
                          std::string_view raw_description) {
  std::string example =
      raw_description.empty() ? "description" : std::string(raw_description);
  if (!is_versioned(prefix)) {
    if (parsed.raw_version.empty()) return {};
    return "Invalid repeatable migration / callback name format: " +
           std::string(file_name) +
           " (It cannot contain a version and should look like this: " +
           parsed.prefix + parsed.separator + example + parsed.suffix + ")";
  }
  if (parsed.raw_version.empty()) {
    return "Invalid versioned migration name format: " +
           std::string(file_name) +
           " (It must contain a version and should look like this: " +
           parsed.prefix + "1.2" + parsed.separator + example + parsed.suffix +
           ")";
  }
  if (!parsed.version) {
    return "Invalid versioned migration name format: " +
           std::string(file_name) + " (could not recognise version number " +
           parsed.raw_version + ")";
  }
  return {};
}

// Length of the UTF-8 sequence starting with `lead` (1 for stray bytes).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  return 1;
}

// Byte offset just past the longest run of whole characters that fits in
// `units` UTF-16 code units; *count receives the units consumed.
std::size_t utf16_prefix(std::string_view text, std::size_t units,
                         std::size_t* count = nullptr) {
  std::size_t pos = 0;
  std::size_t used = 0;
  while (pos < text.size()) {
    std::size_t len =
        std::min(sequence_length(static_cast<unsigned char>(text[pos])),
                 text.size() - pos);
    std::size_t width = len == 4 ? 2 : 1;
    if (used + width > units) break;
    used += width;
    pos += len;
  }
  if (count != nullptr) *count = used;
  return pos;
}

bool fits_in_utf16_units(std::string_view text, std::size_t units) {
  return utf16_prefix(text, units) == text.size();
}

}  // namespace

std::string ParsedFileName::name_without_suffix() const {
  if (description.empty()) return prefix + raw_version;
  return prefix + raw_version + separator + description;
}

std::span<const std::string_view> callback_events() { return kCallbackEvents; }

bool is_callback_event(std::string_view id) {
  auto events = callback_events();
  return std::find(events.begin(), events.end(), id) != events.end();
}

bool has_migration_suffix(std::string_view file_name,
                          const NamingOptions& options) {
  return std::any_of(options.sql_migration_suffixes.begin(),
                     options.sql_migration_suffixes.end(),
                     [&](const std::string& s) {
                       return ends_with_ignoring_case(file_name, s);
                     });
}

std::optional<ParsedFileName> parse_file_name(std::string_view file_name,
                                              const NamingOptions& options,
                                              std::string* error) {
  return FileNameParser(options).parse(file_name, error);
}

// Longest prefix first; std::stable_sort keeps Flyway's order for ties.
FileNameParser::FileNameParser(const NamingOptions& options)
    : options_(options) {
  prefixes_.push_back(
      {options.sql_migration_prefix, false, MigrationKind::kVersioned});
  prefixes_.push_back({options.repeatable_sql_migration_prefix, false,
                       MigrationKind::kRepeatable});
  for (std::string_view event : callback_events()) {
    prefixes_.push_back({event, true, MigrationKind::kRepeatable});
  }
  prefixes_.push_back(
      {options.baseline_migration_prefix, false, MigrationKind::kBaseline});
  prefixes_.push_back(
      {options.undo_sql_migration_prefix, false, MigrationKind::kUndo});
  std::stable_sort(prefixes_.begin(), prefixes_.end(),
                   [](const Prefix& a, const Prefix& b) {
                     return a.text.size() > b.text.size();
                   });
}

std::optional<ParsedFileName> FileNameParser::parse(std::string_view file_name,
                                                    std::string* error) const {
  const NamingOptions& options = options_;
  std::string_view suffix = matching_suffix(file_name, options);
  std::string_view stem = file_name.substr(0, file_name.size() - suffix.size());
  for (const Prefix& prefix : prefixes_) {
    // Most of the ~50 prefixes are callback events: their first letter
    // turns them away before a full comparison.
    if (!prefix.text.empty() &&
        (stem.empty() || stem.front() != prefix.text.front()))
      continue;
    if (!stem.starts_with(prefix.text)) continue;
    ParsedFileName parsed;
    parsed.is_callback = prefix.is_callback;
    parsed.kind = prefix.kind;
    parsed.prefix = std::string(prefix.text);
    parsed.separator = options.sql_migration_separator;
    parsed.suffix = std::string(suffix);
    if (prefix.is_callback) parsed.event = parsed.prefix;
    std::string_view rest = stem.substr(prefix.text.size());
    std::size_t split = rest.find(options.sql_migration_separator);
    std::string_view raw_description;
    if (split != std::string_view::npos) {
      raw_description = rest.substr(split + parsed.separator.size());
      rest = rest.substr(0, split);
    }
    parsed.raw_version = std::string(rest);
    if (is_versioned(prefix) && !rest.empty()) {
      parsed.version = Version::parse(rest);
    }
    std::string message =
        check_version(file_name, prefix, parsed, raw_description);
    if (!message.empty()) {
      if (error != nullptr) *error = std::move(message);
      return std::nullopt;
    }
    parsed.description = std::string(raw_description);
    std::replace(parsed.description.begin(), parsed.description.end(), '_',
                 ' ');
    return parsed;
  }
  if (error != nullptr) {
    *error = "Unrecognised migration name format: " + std::string(file_name);
  }
  return std::nullopt;
}

std::string abbreviate_description(std::string_view description) {
  if (fits_in_utf16_units(description, 200)) return std::string(description);
  return std::string(description.substr(0, utf16_prefix(description, 197))) +
         "...";
}

std::string abbreviate_script(std::string_view script) {
  if (fits_in_utf16_units(script, 1000)) return std::string(script);
  std::size_t skipped = 0;
  std::size_t start = utf16_prefix(script, 3, &skipped);
  std::string_view rest = script.substr(start);
  return "..." +
         std::string(rest.substr(0, utf16_prefix(rest, 1000 - skipped)));
}

}  // namespace runway
