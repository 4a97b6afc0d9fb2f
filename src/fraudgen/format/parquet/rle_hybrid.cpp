#include "fraudgen/format/parquet/rle_hybrid.h"

#include <algorithm>
#include <cstring>

namespace fraudgen::parquet {
namespace {

void write_uleb128(uint64_t v, ByteBuffer& out) {
  char* p = out.reserve(10);
  do {
    uint8_t byte = v & 0x7F;
    v >>= 7;
    *p++ = static_cast<char>(v ? byte | 0x80 : byte);
  } while (v);
  out.commit(p);
}

uint64_t load_word(const uint8_t* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// Length of the run of values equal to v[i], counted up to `cap`. Bytes (definition levels,
// long runs of 1) are compared eight at a time.
template <typename T>
size_t equal_run(std::span<const T> v, size_t i, size_t cap) {
  const size_t stop = std::min(v.size(), i + cap);
  size_t j = i + 1;
  if constexpr (sizeof(T) == 1) {
    const uint64_t repeated = 0x0101010101010101ULL * v[i];
    while (j + 8 <= stop && load_word(v.data() + j) == repeated) j += 8;
  }
  while (j < stop && v[j] == v[i]) ++j;
  return j - i;
}

// Bit-packs v[i, i + 8 * groups), values past `end` as zeros, least significant bits first.
template <typename T>
char* bit_pack(std::span<const T> v, size_t i, size_t end, size_t groups, int bit_width, char* q) {
  const size_t last = i + groups * 8;
  const size_t width = static_cast<size_t>(bit_width);
  if constexpr (sizeof(T) == 1) {
    if (bit_width == 1) {
      // Eight 0/1 bytes to eight bits in one multiply: byte b lands on bit 56 + b.
      for (size_t k = i; k < last; k += 8) {
        uint64_t word = 0;
        if (k + 8 <= end) {
          word = load_word(v.data() + k);
        } else {
          for (size_t b = 0; k + b < end; ++b) word |= static_cast<uint64_t>(v[k + b]) << (8 * b);
        }
        *q++ = static_cast<char>((word * 0x0102040810204080ULL) >> 56);
      }
      return q;
    }
  }
  if (bit_width <= 8) {
    // Eight values of at most 8 bits fill one 64-bit word: `width` whole bytes per group.
    for (size_t k = i; k < last; k += 8) {
      uint64_t word = 0;
      const size_t n = std::min<size_t>(8, end > k ? end - k : 0);
      for (size_t b = 0; b < n; ++b) word |= static_cast<uint64_t>(v[k + b]) << (b * width);
      std::memcpy(q, &word, width);  // little-endian: the low bytes first
      q += width;
    }
    return q;
  }
  if (bit_width <= 16) {
    // Eight values of at most 16 bits fill one 128-bit word (gcc's unsigned __int128).
    for (size_t k = i; k < last; k += 8) {
      unsigned __int128 word = 0;
      const size_t n = std::min<size_t>(8, end > k ? end - k : 0);
      for (size_t b = 0; b < n; ++b) word |= static_cast<unsigned __int128>(v[k + b]) << (b * width);
      std::memcpy(q, &word, width);  // little-endian: the low bytes first
      q += width;
    }
    return q;
  }
  // Values fill an accumulator from its low bits; whole bytes leave from the bottom.
  uint64_t acc = 0;
  int bits = 0;
  for (size_t k = i; k < last; ++k) {
    acc |= static_cast<uint64_t>(k < end ? v[k] : 0) << bits;
    bits += bit_width;
    while (bits >= 8) {
      *q++ = static_cast<char>(acc & 0xFF);
      acc >>= 8;
      bits -= 8;
    }
  }
  return q;
}

template <typename T>
void encode(std::span<const T> v, int bit_width, ByteBuffer& out) {
  const int value_bytes = (bit_width + 7) / 8;
  size_t i = 0;
  while (i < v.size()) {
    size_t run = equal_run(v, i, v.size());
    if (run >= 8) {
      write_uleb128(static_cast<uint64_t>(run) << 1, out);
      char* p = out.reserve(4);
      const uint32_t value = v[i];
      for (int b = 0; b < value_bytes; ++b) p[b] = static_cast<char>((value >> (8 * b)) & 0xFF);
      out.commit(p + value_bytes);
      i += run;
      continue;
    }
    // Bit-pack groups of 8 until a run of 8 equal values starts on a group boundary.
    size_t end = i;
    do {
      end = std::min(v.size(), end + 8);
    } while (end < v.size() && equal_run(v, end, 8) < 8);
    size_t groups = (end - i + 7) / 8;
    write_uleb128((static_cast<uint64_t>(groups) << 1) | 1, out);
    char* p = out.reserve(groups * static_cast<size_t>(bit_width) + 8);
    out.commit(bit_pack(v, i, end, groups, bit_width, p));
    i = end;
  }
}

}  // namespace

int bit_width_for(uint32_t max_value) {
  int w = 0;
  while (max_value >> w) ++w;
  return w;
}

void write_rle_hybrid(std::span<const uint32_t> v, int bit_width, ByteBuffer& out) { encode(v, bit_width, out); }
void write_rle_hybrid(std::span<const uint8_t> v, int bit_width, ByteBuffer& out) { encode(v, bit_width, out); }

}  // namespace fraudgen::parquet
