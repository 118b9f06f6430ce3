#pragma once

#include <string>
#include <vector>

namespace runway {

/// Replaces each occurrence of each non-empty secret in `text` with
/// "********" where it stands alone: not where the text goes on with a
/// letter, digit or `_` right before or after it (when the secret itself
/// begins or ends with one). A password "postgres" is masked in
/// "user:postgres@db" and "password=postgres", not in "postgresql". The
/// last line of defence: every message that leaves the process passes
/// through it.
std::string redact(std::string text, const std::vector<std::string>& secrets);

}  // namespace runway
