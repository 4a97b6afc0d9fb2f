// Parquet's RLE / bit-packed hybrid encoding (definition levels, dictionary indices):
// runs of 8 or more equal values become RLE runs, everything else bit-packed groups of 8.
#pragma once
#include <cstdint>
#include <span>

#include "fraudgen/core/byte_buffer.h"

namespace fraudgen::parquet {

// Appends the encoding of `values` (each < 2^bit_width) to `out`, without a length prefix.
// Definition levels come as bytes, dictionary ids as 32-bit integers; the encoding is the same.
void write_rle_hybrid(std::span<const uint32_t> values, int bit_width, ByteBuffer& out);
void write_rle_hybrid(std::span<const uint8_t> values, int bit_width, ByteBuffer& out);
int bit_width_for(uint32_t max_value);

}  // namespace fraudgen::parquet
