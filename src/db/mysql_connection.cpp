// MySQL/MariaDB: not built yet.
#include "drivers.hpp"

namespace runway::db::detail {

std::unique_ptr<Connection> open_mysql(const ConnectionSpec&) {
  throw ConfigError("MySQL/MariaDB support is not available yet");
}

}  // namespace runway::db::detail
