// -outputType=json: one document on stdout with Flyway's field names; the
// product version field is `runwayVersion` (SPEC §7).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "runway/commands/results.hpp"

namespace runway::report {

struct JsonContext {
  std::string runway_version;
  std::string timestamp;  ///< ISO local date-time of the run
};

/// One command's result, pretty-printed.
std::string to_json(const commands::CommandResult& result,
                    const JsonContext& context);
/// Several commands: {"individualResults": [...]}; one command: to_json.
std::string to_json(const std::vector<commands::CommandResult>& results,
                    const JsonContext& context);
/// `version` in JSON mode, Flyway's VersionResult: {"version": ...,
/// "command": "version", "edition": "Runway"}.
std::string version_to_json(const std::string& version);

/// A failure that is not a migrate-script failure: {"error": {...}}.
std::string error_to_json(const commands::ErrorDetails& error);

/// `json`, one of the documents above, with `redact` applied to each string
/// value in it: a secret is masked inside values (before they are escaped),
/// never in a key, a number or `true`, so the document stays valid JSON
/// whatever the secret is.
std::string redact_json(
    const std::string& json,
    const std::function<std::string(const std::string&)>& redact);

}  // namespace runway::report
