#include "fraudgen/core/buffer_memory.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <new>

namespace fraudgen {

namespace {

constexpr size_t kHugePage = size_t{2} << 20;
constexpr size_t kPrefault = size_t{64} << 10;
constexpr uintptr_t kPage = 4096;

// Maps the whole pages of a block in one call instead of one fault per page as it fills.
void prefault(void* p, size_t bytes) {
  const uintptr_t first = (reinterpret_cast<uintptr_t>(p) + kPage - 1) & ~(kPage - 1);
  const uintptr_t last = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kPage - 1);
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
}

}  // namespace

void* allocate_buffer_memory(size_t bytes) {
  void* p = nullptr;
  if (bytes >= kHugePage) {
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    p = std::aligned_alloc(kHugePage, rounded);
    // Advice only: without transparent huge pages the block works with small pages.
    if (p) madvise(p, rounded, MADV_HUGEPAGE);
  } else {
    p = std::malloc(bytes == 0 ? 1 : bytes);
    if (p && bytes >= kPrefault) prefault(p, bytes);
  }
  if (!p) throw std::bad_alloc();
  return p;
}

void BufferMemoryFree::operator()(void* p) const noexcept { std::free(p); }

}  // namespace fraudgen
