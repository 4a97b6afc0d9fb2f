// Memory for the growable buffers (ByteBuffer, AppendVector). Each first touch of a 4 KiB page
// costs a page fault, and on the virtual machines this tool runs on a fault costs 10-20 µs: a
// 12 MiB row group took 3,000 of them. Blocks from 2 MiB up are therefore mapped on their own,
// 2 MiB-aligned and advised as transparent huge pages (one fault per 2 MiB where the kernel
// allows it), and unmapped when freed. From malloc they landed in glibc's arenas once its mmap
// threshold had risen past them, and buffers recycled between threads fragmented those arenas:
// a 5 GB JSONL run's RSS crept from 130 MB to 195 MB.
#pragma once
#include <cstddef>
#include <memory>

namespace fraudgen {

// At least `bytes` uninitialised bytes; throws std::bad_alloc when there are none.
void* allocate_buffer_memory(size_t bytes);
// Releases a block from allocate_buffer_memory(bytes), given the same `bytes`.
void free_buffer_memory(void* p, size_t bytes) noexcept;

struct BufferMemoryFree {
  size_t bytes = 0;
  void operator()(void* p) const noexcept { free_buffer_memory(p, bytes); }
};

// From now on, malloc maps every block from 256 KiB up on its own and unmaps it when freed. By
// default glibc raises that threshold each time such a block is freed (up to 32 MiB), after
// which a ride run's per-day vectors (256 KiB to tens of MiB, made and freed again by every
// worker) settled in its per-thread arenas and fragmented them: the arenas kept their highest
// use, about twice what a worker held at once. For the rest of the process: called once, before
// the workers start, by `generate` with rides (and `plan`, which measures what it will do).
void map_large_allocations_apart();

template <typename T>
using BufferMemory = std::unique_ptr<T[], BufferMemoryFree>;

// Room for `count` uninitialised values of T.
template <typename T>
BufferMemory<T> make_buffer_memory(size_t count) {
  return BufferMemory<T>(static_cast<T*>(allocate_buffer_memory(count * sizeof(T))), BufferMemoryFree{count * sizeof(T)});
}

}  // namespace fraudgen
