// This process's resident memory now, from /proc/self/statm (0 when it cannot be read).
#pragma once
#include <cstdint>

namespace fraudgen {

uint64_t resident_bytes();

}  // namespace fraudgen
