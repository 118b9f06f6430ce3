// Human output as Flyway prints it.
#pragma once

#include <string>
#include <vector>

#include "runway/commands/results.hpp"

namespace runway::report {

/// Flyway's AsciiTable: `+---+` rulers, `| value |` cells left-aligned to the
/// widest value, header between rulers. With no rows, one row reading
/// `empty_text` spans the whole inner width.
std::string render_ascii_table(
    const std::vector<std::string>& headers,
    const std::vector<std::vector<std::string>>& rows,
    const std::string& empty_text = "No migrations found");

/// `Schema version: <v>`, a blank line and the migration table.
std::string render_info(const commands::InfoResult& result);

}  // namespace runway::report
