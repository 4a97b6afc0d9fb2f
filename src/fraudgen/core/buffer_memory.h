// Memory for the growable buffers (ByteBuffer, AppendVector). Each first touch of a 4 KiB page
// costs a page fault, and on the virtual machines this tool runs on a fault costs 10-20 µs: a
// 12 MiB row group took 3,000 of them. Blocks from 2 MiB up are therefore 2 MiB-aligned and
// advised as transparent huge pages, one fault per 2 MiB where the kernel allows it.
#pragma once
#include <cstddef>
#include <memory>

namespace fraudgen {

// At least `bytes` uninitialised bytes; throws std::bad_alloc when there are none.
void* allocate_buffer_memory(size_t bytes);

struct BufferMemoryFree {
  void operator()(void* p) const noexcept;
};

template <typename T>
using BufferMemory = std::unique_ptr<T[], BufferMemoryFree>;

}  // namespace fraudgen
