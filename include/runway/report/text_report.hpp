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

/// Flyway's MigrationConfigPrinter table: `| Setting | Value |` rows padded
/// two beyond the widest cell (the second header's width counted as
/// "Current value", as Flyway counts it), a `|---|---|` rule under the
/// header, a newline after each row.
std::string render_settings_table(
    const std::vector<std::pair<std::string, std::string>>& rows);

}  // namespace runway::report
