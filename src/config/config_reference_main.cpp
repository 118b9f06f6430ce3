// runway_config_doc: prints docs/configuration.md.
//   cmake --build <build> --target runway_config_doc
//   <build>/runway_config_doc > docs/configuration.md
#include <iostream>

#include "runway/config/config_reference.hpp"

int main() {
  std::cout << runway::render_config_reference();
  return 0;
}
