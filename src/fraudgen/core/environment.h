// Reading environment variables through a function, so code that depends on them (credentials,
// launcher-provided shard numbers) is tested with a fabricated environment.
#pragma once
#include <functional>
#include <string>

namespace fraudgen {

// Reads an environment variable; empty or unset gives "".
using EnvLookup = std::function<std::string(const char*)>;
EnvLookup process_environment();

}  // namespace fraudgen
