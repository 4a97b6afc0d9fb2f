#include "fraudgen/core/buffer_memory.h"

#include <malloc.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <new>

namespace fraudgen {

namespace {

constexpr size_t kHugePage = size_t{2} << 20;
constexpr size_t kPrefault = size_t{64} << 10;
constexpr uintptr_t kPage = 4096;

size_t huge_rounded(size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }

// Maps the whole pages of a block in one call instead of one fault per page as it fills.
void prefault(void* p, size_t bytes) {
  const uintptr_t first = (reinterpret_cast<uintptr_t>(p) + kPage - 1) & ~(kPage - 1);
  const uintptr_t last = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kPage - 1);
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
}

// A mapping of its own, 2 MiB-aligned: map one huge page more than needed, unmap the ends.
void* map_huge_aligned(size_t rounded) {
  void* m = mmap(nullptr, rounded + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return nullptr;
  const uintptr_t base = reinterpret_cast<uintptr_t>(m);
  const uintptr_t aligned = (base + kHugePage - 1) & ~(uintptr_t{kHugePage} - 1);
  if (aligned > base) munmap(m, aligned - base);
  const uintptr_t tail = aligned + rounded, end = base + rounded + kHugePage;
  if (end > tail) munmap(reinterpret_cast<void*>(tail), end - tail);
  // Advice only: without transparent huge pages the block works with small pages.
  madvise(reinterpret_cast<void*>(aligned), rounded, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(aligned);
}

}  // namespace

void* allocate_buffer_memory(size_t bytes) {
  void* p = nullptr;
  if (bytes >= kHugePage) {
    p = map_huge_aligned(huge_rounded(bytes));
  } else {
    p = std::malloc(bytes == 0 ? 1 : bytes);
    if (p && bytes >= kPrefault) prefault(p, bytes);
  }
  if (!p) throw std::bad_alloc();
  return p;
}

void free_buffer_memory(void* p, size_t bytes) noexcept {
  if (!p) return;
  if (bytes >= kHugePage)
    munmap(p, huge_rounded(bytes));
  else
    std::free(p);
}

void map_large_allocations_apart() { mallopt(M_MMAP_THRESHOLD, 256 << 10); }

}  // namespace fraudgen
