// Client libraries opened when a database of their kind is first used, not
// at start-up (private to src/db).
//
// libpq and the MariaDB client pull in OpenSSL, GnuTLS, Kerberos and LDAP;
// Debian builds them with immediate binding, so merely linking them cost
// about 10 ms of symbol resolution on every start, `runway --version`
// included. Each driver therefore resolves the functions it calls from the
// library's soname (found by CMake at build time) on first use. The
// declarations still come from the library's own headers, so every pointer
// has exactly the declared type.
#pragma once

#include <string>

namespace runway::db::detail {

/// A shared library opened with dlopen and never closed (its functions are
/// kept in process-wide tables).
class DynamicLibrary {
 public:
  /// Opens `soname`; throws ConnectionError naming `what` (for example
  /// "PostgreSQL") and the Debian package to install when it is missing.
  DynamicLibrary(const char* soname, const char* what, const char* package);

  /// The address of `name`; throws ConnectionError when it is missing.
  template <class Function>
  Function function(const char* name) const {
    return reinterpret_cast<Function>(address(name));
  }

 private:
  void* address(const char* name) const;

  std::string soname_;
  void* handle_ = nullptr;
};

}  // namespace runway::db::detail
