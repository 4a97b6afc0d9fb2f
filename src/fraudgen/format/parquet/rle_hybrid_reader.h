// Decodes Parquet's RLE / bit-packed hybrid encoding (definition levels, dictionary indices).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace fraudgen::parquet {

// Appends exactly `count` values of `bit_width` bits decoded from `in` (no length prefix) to
// `out`. Throws std::runtime_error when `in` holds fewer values.
void read_rle_hybrid(std::string_view in, int bit_width, size_t count, std::vector<uint32_t>& out);

}  // namespace fraudgen::parquet
