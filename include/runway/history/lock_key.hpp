// The names under which Flyway runners lock a schema history table, so that
// Runway and Flyway runners exclude each other.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace runway::history {

/// Java's String.hashCode() of UTF-8 text (computed over UTF-16 code units,
/// h = 31*h + c with 32-bit overflow).
std::int32_t java_string_hash(std::string_view utf8);

/// PostgreSQL advisory lock key: 0x466C79776179 ("Flyway") + hashCode of the
/// quoted table, e.g. `"public"."flyway_schema_history"` -> 77433833903597.
std::int64_t postgres_advisory_lock_key(std::string_view quoted_table);

/// MySQL/MariaDB named lock: "Flyway-" + hashCode of the backtick-quoted
/// table, e.g. `` `mydb`.`flyway_schema_history` `` -> "Flyway-278632207".
std::string mysql_lock_name(std::string_view quoted_table);

}  // namespace runway::history
