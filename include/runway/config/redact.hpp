#pragma once

#include <string>
#include <vector>

namespace runway {

/// Replaces every occurrence of each non-empty secret in `text` with
/// "********". The last line of defence: every message that leaves the
/// process passes through it.
std::string redact(std::string text, const std::vector<std::string>& secrets);

}  // namespace runway
