// One window of the spill in stream order: its records parsed and sorted by EventKey.
#pragma once
#include <string>
#include <vector>

#include "fraudgen/stream/stream_event.h"

namespace fraudgen {

struct SortedWindow {
  struct Entry {
    EventKey key;
    uint32_t offset, length;  // of the payload in `bytes`
  };
  std::string bytes;
  std::vector<Entry> entries;  // in stream order
  std::string_view payload(const Entry& e) const { return std::string_view(bytes).substr(e.offset, e.length); }
};

// Throws std::runtime_error when the records are cut short (a spill file damaged on disk).
SortedWindow sort_window(std::string bytes);

}  // namespace fraudgen
