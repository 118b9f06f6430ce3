#pragma once

namespace runway {

/// Runway's version, e.g. "0.1.0" (from the CMake project version).
const char* runway_version();

}  // namespace runway
