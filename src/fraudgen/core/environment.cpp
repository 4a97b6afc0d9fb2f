#include "fraudgen/core/environment.h"

#include <cstdlib>

namespace fraudgen {

EnvLookup process_environment() {
  return [](const char* name) {
    const char* v = std::getenv(name);
    return std::string(v ? v : "");
  };
}

}  // namespace fraudgen
