// Small value types shared by every configuration source.
#include <string>

#include "runway/config/sources.hpp"
#include "text_util.hpp"

namespace runway {
std::string Origin::describe() const {
  switch (kind) {
    case Kind::kDefault:
      return "default";
    case Kind::kFile:
      return "file " + name;
    case Kind::kEnvironment:
      return "env " + name;
    case Kind::kCommandLine:
      return "command line";
  }
  return "default";
}

std::string Origin::where() const {
  switch (kind) {
    case Kind::kDefault:
      return "the defaults";
    case Kind::kFile:
      return name;
    case Kind::kEnvironment:
      return "environment variable " + name;
    case Kind::kCommandLine:
      return "the command line";
  }
  return name;
}

std::string Origin::position() const {
  std::string text = where();
  if (line > 0) text += " at line " + std::to_string(line);
  if (line > 0 && column > 0) text += ", column " + std::to_string(column);
  return text;
}

RawValue RawValue::of_text(std::string text) {
  RawValue value;
  value.kind = Kind::kText;
  value.text = std::move(text);
  return value;
}

RawValue RawValue::of_bool(bool flag) {
  RawValue value;
  value.kind = Kind::kBool;
  value.flag = flag;
  return value;
}

RawValue RawValue::of_int(std::int64_t number) {
  RawValue value;
  value.kind = Kind::kInt;
  value.number = number;
  return value;
}

RawValue RawValue::of_list(std::vector<std::string> items) {
  RawValue value;
  value.kind = Kind::kList;
  value.items = std::move(items);
  return value;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = trim_blanks(text.substr(start, comma - start));
    if (!item.empty()) items.push_back(std::move(item));
    start = comma + 1;
  }
  return items;
}

}  // namespace runway
