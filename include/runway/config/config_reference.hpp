// docs/configuration.md as generated text.
#pragma once

#include <string>

namespace runway {

/// The configuration reference (Markdown) rendered from the settings
/// table. docs/configuration.md must equal it; regenerate with the
/// runway_config_doc tool.
std::string render_config_reference();

}  // namespace runway
