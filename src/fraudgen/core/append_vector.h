// A growable array of trivially copyable values for loops that append one value at a time
// (a column per row, an index per value): push_back is a compare, a store and an increment,
// small enough to inline everywhere, with growth out of line. std::vector's push_back carries
// its reallocation inline, so in long functions with dozens of appends the compiler calls it
// instead. Buffers keep their capacity across clear(), so warm batches allocate nothing.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <type_traits>

#include "fraudgen/core/buffer_memory.h"

namespace fraudgen {

template <typename T>
class AppendVector {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  [[gnu::always_inline]] void push_back(T v) {
    if (size_ == capacity_) [[unlikely]] grow(size_ + 1);
    data_[size_++] = v;
  }
  void append(const T* first, size_t n) {
    if (size_ + n > capacity_) grow(size_ + n);
    if (n) std::memcpy(data_.get() + size_, first, n * sizeof(T));
    size_ += n;
  }
  void reserve(size_t n) {
    if (n > capacity_) grow(n);
  }
  // Makes the size n; values from the old size up are left as they were (uninitialised memory).
  void resize_for_overwrite(size_t n) {
    reserve(n);
    size_ = n;
  }
  void clear() { size_ = 0; }
  // Removes the first n values, keeping the rest in order.
  void drop_front(size_t n) {
    if (n < size_) std::memmove(data_.get(), data_.get() + n, (size_ - n) * sizeof(T));
    size_ = n < size_ ? size_ - n : 0;
  }

  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T& back() { return data_[size_ - 1]; }
  const T* begin() const { return data_.get(); }
  const T* end() const { return data_.get() + size_; }
  operator std::span<const T>() const { return {data_.get(), size_}; }

 private:
  [[gnu::noinline]] void grow(size_t need) {
    const size_t cap = std::max({need, capacity_ * 2, size_t{16}});
    BufferMemory<T> bigger = make_buffer_memory<T>(cap);
    if (size_) std::memcpy(bigger.get(), data_.get(), size_ * sizeof(T));
    data_ = std::move(bigger);
    capacity_ = cap;
  }
  BufferMemory<T> data_;
  size_t size_ = 0, capacity_ = 0;
};

}  // namespace fraudgen
