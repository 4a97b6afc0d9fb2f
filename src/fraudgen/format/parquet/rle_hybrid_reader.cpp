#include "fraudgen/format/parquet/rle_hybrid_reader.h"

#include <stdexcept>

namespace fraudgen::parquet {

void read_rle_hybrid(std::string_view in, int bit_width, size_t count, std::vector<uint32_t>& out) {
  if (bit_width < 0 || bit_width > 32) throw std::runtime_error("RLE bit width out of range");
  size_t pos = 0;
  auto byte = [&]() -> uint8_t {
    if (pos >= in.size()) throw std::runtime_error("RLE/bit-packed data ends early");
    return static_cast<uint8_t>(in[pos++]);
  };
  const size_t target = out.size() + count;
  const int value_bytes = (bit_width + 7) / 8;
  const uint64_t mask = bit_width == 32 ? 0xFFFFFFFFull : (uint64_t{1} << bit_width) - 1;
  while (out.size() < target) {
    uint64_t header = 0;
    for (int shift = 0;; shift += 7) {
      uint8_t b = byte();
      header |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) break;
      if (shift > 56) throw std::runtime_error("RLE run header too long");
    }
    if ((header & 1) == 0) {  // RLE run: a count, then one value in whole bytes
      uint64_t run = header >> 1;
      uint32_t v = 0;
      for (int i = 0; i < value_bytes; ++i) v |= static_cast<uint32_t>(byte()) << (8 * i);
      for (uint64_t i = 0; i < run && out.size() < target; ++i) out.push_back(v);
    } else {  // bit-packed: groups of 8 values, least significant bit first
      uint64_t values = (header >> 1) * 8;
      uint64_t acc = 0;
      int bits = 0;
      for (uint64_t i = 0; i < values; ++i) {
        while (bits < bit_width) {
          acc |= static_cast<uint64_t>(byte()) << bits;
          bits += 8;
        }
        if (out.size() < target) out.push_back(static_cast<uint32_t>(acc & mask));
        acc = bit_width == 0 ? acc : acc >> bit_width;
        bits -= bit_width;
      }
    }
  }
}

}  // namespace fraudgen::parquet
