// A growable byte buffer that never zero-fills: writers reserve room, write through a raw
// pointer, then commit what they used. Buffers are recycled between blocks, so steady-state
// generation allocates (and page-faults) nothing.
#pragma once
#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>

#include "fraudgen/core/buffer_memory.h"

namespace fraudgen {

class ByteBuffer {
 public:
  // Pointer to at least `extra` writable bytes at the end of the data.
  char* reserve(size_t extra) {
    if (size_ + extra > capacity_) grow(size_ + extra);
    return data_.get() + size_;
  }
  void commit(const char* end) { size_ = static_cast<size_t>(end - data_.get()); }
  void append(std::string_view s) {
    if (s.empty()) return;  // an empty view may have a null data(), which memcpy must not see
    commit(static_cast<char*>(std::memcpy(reserve(s.size()), s.data(), s.size())) + s.size());
  }
  void clear() { size_ = 0; }
  void swap(ByteBuffer& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
  }
  const char* data() const { return data_.get(); }
  char* data() { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  std::string_view view() const { return {data_.get(), size_}; }

 private:
  [[gnu::noinline]] void grow(size_t need) {  // out of line, so reserve() inlines
    size_t cap = std::max(need, capacity_ * 3 / 2 + 4096);
    BufferMemory<char> bigger = make_buffer_memory<char>(cap);
    if (size_) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = cap;
  }
  BufferMemory<char> data_;
  size_t size_ = 0, capacity_ = 0;
};

}  // namespace fraudgen
