#include "runway/report/text_report.hpp"

#include <algorithm>

namespace runway::report {
namespace {

// Display width in characters: counts UTF-8 lead bytes only, so accented
// descriptions do not skew the columns.
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++width;
  return width;
}

std::string pad(const std::string& text, std::size_t width) {
  std::string out = text;
  out.append(width - std::min(width, display_width(text)), ' ');
  return out;
}

std::string ruler(const std::vector<std::size_t>& widths) {
  std::string line = "+";
  for (std::size_t w : widths) line += std::string(w + 2, '-') + "+";
  return line + "\n";
}

std::string row_line(const std::vector<std::string>& cells,
                     const std::vector<std::size_t>& widths) {
  std::string line = "|";
  for (std::size_t i = 0; i < widths.size(); ++i)
    line += " " + pad(i < cells.size() ? cells[i] : "", widths[i]) + " |";
  return line + "\n";
}

}  // namespace

std::string render_ascii_table(
    const std::vector<std::string>& headers,
    const std::vector<std::vector<std::string>>& rows,
    const std::string& empty_text) {
  std::vector<std::size_t> widths;
  for (const std::string& h : headers) widths.push_back(display_width(h));
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));

  std::string out = ruler(widths) + row_line(headers, widths) + ruler(widths);
  if (rows.empty()) {
    std::size_t inner = 0;
    for (std::size_t w : widths) inner += w + 3;
    inner -= 3;  // the outer "| " and " |" are not part of the text width
    out += "| " + pad(empty_text, inner) + " |\n";
  }
  for (const auto& row : rows) out += row_line(row, widths);
  return out + ruler(widths);
}

std::string render_info(const commands::InfoResult& result) {
  std::string out = "Schema version: " +
                    result.schema_version.value_or("<< Empty Schema >>") +
                    "\n\n";
  std::vector<std::vector<std::string>> rows;
  rows.reserve(result.migrations.size());
  for (const commands::InfoEntry& m : result.migrations)
    rows.push_back({m.category, m.version, m.description, m.type,
                    m.installed_on, m.state, m.undoable});
  out += render_ascii_table({"Category", "Version", "Description", "Type",
                             "Installed On", "State", "Undoable"},
                            rows);
  return out;
}

std::string render_settings_table(
    const std::vector<std::pair<std::string, std::string>>& rows) {
  // Widths in characters, as Flyway's String.format pads them.
  const auto width = [](const std::string& s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(),
        [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  std::size_t setting = width("Setting");
  std::size_t value = width("Current value");
  for (const auto& [name, text] : rows) {
    setting = std::max(setting, width(name));
    value = std::max(value, width(text));
  }
  setting += 2;
  value += 2;
  const auto pad = [&width](const std::string& s, std::size_t to) {
    const std::size_t w = width(s);
    return w >= to ? s : s + std::string(to - w, ' ');
  };
  std::string table =
      "| " + pad("Setting", setting) + " | " + pad("Value", value) + " |\n";
  table += "|" + std::string(setting + 2, '-') + "|" +
           std::string(value + 2, '-') + "|\n";
  for (const auto& [name, text] : rows)
    table += "| " + pad(name, setting) + " | " + pad(text, value) + " |\n";
  return table;
}

}  // namespace runway::report
