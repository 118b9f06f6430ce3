#include "runway/commands/product_version.hpp"

namespace runway {

const char* runway_version() { return RUNWAY_VERSION; }

}  // namespace runway
