// Parquet's RLE / bit-packed hybrid: the writer's word-at-a-time packing against a reference
// that packs bit by bit, and a round trip through an independent decoder, for every width the
// writer uses and for both input types (byte levels, 32-bit dictionary ids).
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "fraudgen/core/byte_buffer.h"
#include "fraudgen/format/parquet/rle_hybrid.h"

using namespace fraudgen;
using namespace fraudgen::parquet;

namespace {

uint64_t read_uleb128(const std::string& s, size_t& at) {
  uint64_t v = 0;
  for (int shift = 0;; shift += 7) {
    const uint8_t b = static_cast<uint8_t>(s.at(at++));
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
}

// Decodes `count` values; bit-packed runs are read one bit at a time.
std::vector<uint32_t> decode(const std::string& s, int width, size_t count) {
  std::vector<uint32_t> out;
  size_t at = 0;
  while (out.size() < count) {
    const uint64_t header = read_uleb128(s, at);
    if (header & 1) {
      const size_t values = static_cast<size_t>(header >> 1) * 8;
      const size_t first_bit = at * 8;
      for (size_t k = 0; k < values; ++k) {
        uint32_t v = 0;
        for (int b = 0; b < width; ++b) {
          const size_t bit = first_bit + k * static_cast<size_t>(width) + static_cast<size_t>(b);
          v |= static_cast<uint32_t>((static_cast<uint8_t>(s.at(bit / 8)) >> (bit % 8)) & 1) << b;
        }
        if (out.size() < count) out.push_back(v);
      }
      at += values * static_cast<size_t>(width) / 8;
    } else {
      uint32_t v = 0;
      for (int b = 0; b < (width + 7) / 8; ++b) v |= static_cast<uint32_t>(static_cast<uint8_t>(s.at(at++))) << (8 * b);
      out.insert(out.end(), static_cast<size_t>(header >> 1), v);
    }
  }
  EXPECT_EQ(at, s.size());
  return out;
}

// Values with runs of every length, so both RLE runs and bit-packed groups (and the switches
// between them at and off group boundaries) occur.
std::vector<uint32_t> sample(int width, uint32_t seed) {
  std::mt19937 rng(seed);
  const uint32_t limit = width >= 32 ? ~0u : (1u << width) - 1;
  std::vector<uint32_t> v;
  while (v.size() < 5000) {
    const uint32_t x = std::uniform_int_distribution<uint32_t>(0, limit)(rng);
    const size_t run = rng() % 4 == 0 ? 1 + rng() % 20 : 1;
    v.insert(v.end(), run, x);
  }
  v.resize(4093);  // not a multiple of 8
  return v;
}

}  // namespace

TEST(RleHybrid, RoundTripsEveryWidthFromWordsAndBytes) {
  for (int width = 1; width <= 20; ++width) {
    for (uint32_t seed = 1; seed <= 3; ++seed) {
      const std::vector<uint32_t> v = sample(width, seed);
      ByteBuffer out;
      write_rle_hybrid(std::span<const uint32_t>(v), width, out);
      EXPECT_EQ(decode(std::string(out.view()), width, v.size()), v) << "width " << width;
      if (width <= 8) {
        const std::vector<uint8_t> bytes(v.begin(), v.end());
        ByteBuffer from_bytes;
        write_rle_hybrid(std::span<const uint8_t>(bytes), width, from_bytes);
        EXPECT_EQ(from_bytes.view(), out.view()) << "width " << width;
      }
    }
  }
}

// Definition levels: long runs of 1 broken by nulls, alone or in clusters, as bytes (compared
// and packed eight at a time) and as 32-bit values (one at a time).
TEST(RleHybrid, LevelsFromBytesEncodeLikeWords) {
  std::mt19937 rng(7);
  for (int density : {2, 9, 50, 400}) {
    std::vector<uint8_t> levels;
    while (levels.size() < 20000) {
      levels.push_back(rng() % density == 0 ? 0 : 1);
      if (rng() % 997 == 0) levels.insert(levels.end(), rng() % 40, static_cast<uint8_t>(rng() % 2));
    }
    levels.resize(20000 - static_cast<size_t>(density % 7));
    const std::vector<uint32_t> words(levels.begin(), levels.end());
    ByteBuffer from_bytes, from_words;
    write_rle_hybrid(std::span<const uint8_t>(levels), 1, from_bytes);
    write_rle_hybrid(std::span<const uint32_t>(words), 1, from_words);
    EXPECT_EQ(from_bytes.view(), from_words.view()) << density;
    EXPECT_EQ(decode(std::string(from_bytes.view()), 1, words.size()), words) << density;
  }
}

TEST(RleHybrid, KnownBytes) {
  // Eight equal values: one RLE run (header 8 << 1, value in one byte).
  ByteBuffer run;
  const std::vector<uint32_t> eights(8, 5);
  write_rle_hybrid(std::span<const uint32_t>(eights), 3, run);
  EXPECT_EQ(run.view(), std::string_view("\x10\x05", 2));
  // 0..7 at width 3, bit-packed: the example in the Parquet encoding specification.
  ByteBuffer packed;
  const std::vector<uint32_t> counting = {0, 1, 2, 3, 4, 5, 6, 7};
  write_rle_hybrid(std::span<const uint32_t>(counting), 3, packed);
  EXPECT_EQ(packed.view(), std::string_view("\x03\x88\xC6\xFA", 4));
}
