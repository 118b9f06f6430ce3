#include "typed_value.hpp"

#include <iconv.h>

#include <charconv>
#include <cstdint>

#include "resolvers.hpp"
#include "runway/core/error.hpp"
#include "text_util.hpp"

namespace runway {
namespace {

bool parse_bool(const std::string& text, bool& out) {
  const std::string word = lower_ascii(trim_blanks(text));
  if (word != "true" && word != "false") return false;
  out = word == "true";
  return true;
}

// Java's Integer.parseInt: optional sign, decimal digits, 32-bit range.
bool parse_int(const std::string& text, std::int64_t& out) {
  std::string digits = trim_blanks(text);
  if (digits.starts_with("+")) digits.erase(0, 1);
  if (digits.empty() || digits.starts_with("+")) return false;
  const char* end = digits.data() + digits.size();
  auto [ptr, ec] = std::from_chars(digits.data(), end, out);
  return ec == std::errc() && ptr == end && out >= INT32_MIN &&
         out <= INT32_MAX;
}

int typed_int(const SettingSpec& spec, const Assignment& a,
              const std::string& text, std::int64_t number, bool from_text) {
  if (from_text && !parse_int(text, number)) {
    throw ConfigError("Invalid value for " + a.name +
                      " (should be an integer): " + text + located(a.origin));
  }
  if (number < spec.min_value || number > INT32_MAX) {
    const std::string shown = from_text ? text : std::to_string(number);
    throw ConfigError(
        "Invalid value for " + a.name + " (should be an integer of at least " +
        std::to_string(spec.min_value) + "): " + shown + located(a.origin));
  }
  return static_cast<int>(number);
}

std::vector<std::string> clean_items(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const std::string& item : items) {
    std::string text = trim_blanks(item);
    if (!text.empty()) out.push_back(std::move(text));
  }
  return out;
}

// Whether a decoder exists for `name`: the rules of fs::TextDecoder::create
// (UTF-8 natively, anything else through iconv, Java's '_' spellings such as
// ISO8859_1 tried with '-'), which the config layer may not call.
bool encoding_supported(const std::string& name) {
  const std::string lower = lower_ascii(name);
  if (lower == "utf-8" || lower == "utf8") return true;
  if (name.empty()) return false;  // iconv would take "" as the locale's
  std::string dashed = name;
  for (char& c : dashed) {
    if (c == '_') c = '-';
  }
  for (const std::string& candidate : {name, dashed}) {
    iconv_t cd = iconv_open("UTF-8", candidate.c_str());
    if (cd != reinterpret_cast<iconv_t>(-1)) {
      iconv_close(cd);
      return true;
    }
  }
  return false;
}

}  // namespace

// The message suffix locating a value (files and variables; on the command
// line the user sees the argument already).
std::string located(const Origin& origin) {
  if (origin.kind == Origin::Kind::kFile ||
      origin.kind == Origin::Kind::kEnvironment) {
    return "\n\tin " + origin.position();
  }
  return "";
}

std::string resolve_text(
    const Assignment& a, const std::string& text,
    const std::map<std::string, std::string>& env,
    const std::map<std::string, std::string>* placeholders) {
  if (!a.resolvable) return text;
  try {
    return resolve_references(text, env, placeholders);
  } catch (const ConfigError& error) {
    throw ConfigError(error.what() + located(a.origin));
  }
}

SettingValue typed_value(
    const SettingSpec& spec, const Assignment& a,
    const std::map<std::string, std::string>& env,
    const std::map<std::string, std::string>* placeholders) {
  const RawValue& raw = a.value;
  const std::string text = raw.kind == RawValue::Kind::kText
                               ? resolve_text(a, raw.text, env, placeholders)
                               : raw.text;
  switch (spec.type) {
    case SettingType::kBool: {
      if (raw.kind == RawValue::Kind::kBool) return raw.flag;
      bool flag = false;
      if (!parse_bool(text, flag)) {
        throw ConfigError("Invalid value for " + a.name +
                          " (should be either true or false): " + text +
                          located(a.origin));
      }
      return flag;
    }
    case SettingType::kInt:
      return typed_int(spec, a, text, raw.number,
                       raw.kind != RawValue::Kind::kInt);
    case SettingType::kList: {
      if (raw.kind != RawValue::Kind::kList) return split_list(text);
      std::vector<std::string> items;
      for (const std::string& item : raw.items)
        items.push_back(resolve_text(a, item, env, placeholders));
      return clean_items(items);
    }
    case SettingType::kString:
    case SettingType::kMap:
      break;
  }
  if (raw.kind == RawValue::Kind::kInt) return std::to_string(raw.number);
  if (raw.kind == RawValue::Kind::kBool)
    return std::string(raw.flag ? "true" : "false");
  return text;
}

bool is_default_like(const SettingValue& value) {
  if (const auto* flag = std::get_if<bool>(&value)) return !*flag;
  if (const auto* items = std::get_if<std::vector<std::string>>(&value))
    return items->empty();
  if (const auto* text = std::get_if<std::string>(&value)) return text->empty();
  return false;
}

// Values with a fixed set of choices, and the command-line-only options'
// texts (flyway-surface.md §3).
void check_choice(const SettingSpec& spec, SettingValue& value) {
  auto* text = std::get_if<std::string>(&value);
  if (!text || spec.scope != SettingScope::kCommandLine) return;
  const std::string word = lower_ascii(*text);
  if (spec.key == "outputType") {
    if (word != "json" && !word.empty()) {  // "": text, as in Flyway
      throw ConfigError(
          "'" + *text +
          "' is an invalid value for the -outputType option. Use 'json'.");
    }
    *text = word;
  } else if (spec.key == "color") {
    if (word != "always" && word != "never" && word != "auto") {
      throw ConfigError("'" + *text +
                        "' is an invalid value for the -color option. Use "
                        "'always', 'never' or 'auto'.");
    }
    *text = word;
  } else if (spec.key == "configFileEncoding") {
    if (word != "utf-8" && word != "utf8") {
      throw ConfigError("Unsupported config file encoding '" + *text +
                        "': Runway reads configuration files as UTF-8");
    }
  }
}

void check_encoding(const SettingSpec& spec, const Assignment& a,
                    const SettingValue& value) {
  const auto* text = std::get_if<std::string>(&value);
  if (!text || spec.key != "encoding" || encoding_supported(*text)) return;
  throw ConfigError("Invalid value for " + a.name +
                    " (should be a supported encoding such as UTF-8, "
                    "ISO-8859-1 or windows-1252): " +
                    *text + located(a.origin));
}

}  // namespace runway
