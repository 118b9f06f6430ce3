#include "dynamic_library.hpp"

#include <dlfcn.h>

#include "runway/db/connection.hpp"

namespace runway::db::detail {

DynamicLibrary::DynamicLibrary(const char* soname, const char* what,
                               const char* package)
    : soname_(soname) {
  // Lazy: the library's own calls are bound as they are first made, which
  // saves binding all of libpq's TLS, Kerberos and LDAP dependencies on
  // every start (about 1.5 ms). The functions Runway calls are looked up
  // with dlsym, which reports a missing one.
  handle_ = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char* reason = dlerror();
    throw ConnectionError(std::string(what) + " support needs the client " +
                          "library " + soname + ", which could not be " +
                          "loaded (" + (reason ? reason : "unknown error") +
                          "). Install the " + package + " package.");
  }
}

void* DynamicLibrary::address(const char* name) const {
  dlerror();
  void* symbol = dlsym(handle_, name);
  if (symbol == nullptr) {
    throw ConnectionError("The client library " + soname_ + " has no " + name +
                          "; install a newer version of it.");
  }
  return symbol;
}

}  // namespace runway::db::detail
