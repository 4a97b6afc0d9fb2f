#include "fraudgen/format/parquet/rle_hybrid.h"

#include <algorithm>

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

size_t equal_run(std::span<const uint32_t> v, size_t i) {
  size_t j = i + 1;
  while (j < v.size() && v[j] == v[i]) ++j;
  return j - i;
}

}  // namespace

int bit_width_for(uint32_t max_value) {
  int w = 0;
  while (max_value >> w) ++w;
  return w;
}

void write_rle_hybrid(std::span<const uint32_t> v, int bit_width, ByteBuffer& out) {
  const int value_bytes = (bit_width + 7) / 8;
  size_t i = 0;
  while (i < v.size()) {
    size_t run = equal_run(v, i);
    if (run >= 8) {
      write_uleb128(static_cast<uint64_t>(run) << 1, out);
      char* p = out.reserve(4);
      for (int b = 0; b < value_bytes; ++b) p[b] = static_cast<char>((v[i] >> (8 * b)) & 0xFF);
      out.commit(p + value_bytes);
      i += run;
      continue;
    }
    // Bit-pack groups of 8 until a run of 8 equal values starts on a group boundary.
    size_t end = i;
    do {
      end = std::min(v.size(), end + 8);
    } while (end < v.size() && equal_run(v, end) < 8);
    size_t groups = (end - i + 7) / 8;
    write_uleb128((static_cast<uint64_t>(groups) << 1) | 1, out);
    const size_t bytes = groups * static_cast<size_t>(bit_width);
    char* p = out.reserve(bytes);
    char* q = p;
    // Values fill an accumulator from its low bits; whole bytes leave from the bottom.
    uint64_t acc = 0;
    int bits = 0;
    for (size_t k = i; k < i + groups * 8; ++k) {
      acc |= static_cast<uint64_t>(k < end ? v[k] : 0) << bits;
      bits += bit_width;
      while (bits >= 8) {
        *q++ = static_cast<char>(acc & 0xFF);
        acc >>= 8;
        bits -= 8;
      }
    }
    out.commit(q);
    i = end;
  }
}

}  // namespace fraudgen::parquet
