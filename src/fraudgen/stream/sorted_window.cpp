#include "fraudgen/stream/sorted_window.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "fraudgen/stream/event_spill.h"

namespace fraudgen {

SortedWindow sort_window(std::string bytes) {
  SortedWindow w;
  w.bytes = std::move(bytes);
  const char* p = w.bytes.data();
  const size_t size = w.bytes.size();
  if (size > UINT32_MAX) throw std::runtime_error("a stream window is over 4 GiB");
  for (size_t at = 0; at < size;) {
    if (size - at < kSpillHeaderBytes) throw std::runtime_error("a stream spill file is cut short");
    SortedWindow::Entry e{};
    std::memcpy(&e.key.time_ms, p + at, 8);
    std::memcpy(&e.key.table, p + at + 8, 1);
    std::memcpy(&e.key.customer, p + at + 9, 8);
    std::memcpy(&e.key.sub, p + at + 17, 8);
    std::memcpy(&e.length, p + at + 25, 4);
    e.offset = static_cast<uint32_t>(at + kSpillHeaderBytes);
    if (e.length > size - e.offset) throw std::runtime_error("a stream spill file is cut short");
    at = e.offset + e.length;
    w.entries.push_back(e);
  }
  std::sort(w.entries.begin(), w.entries.end(), [](const SortedWindow::Entry& a, const SortedWindow::Entry& b) { return a.key < b.key; });
  return w;
}

}  // namespace fraudgen
