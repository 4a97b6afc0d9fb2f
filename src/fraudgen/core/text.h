// Small text helpers for building fields in place.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace fraudgen {

namespace text_detail {

// Two characters per byte or per pair of decimal digits: half the steps of one digit at a time.
struct DigitPairs {
  char hex_lower[512], hex_upper[512], decimal[200];
  constexpr DigitPairs() : hex_lower(), hex_upper(), decimal() {
    constexpr char lower[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";
    for (int b = 0; b < 256; ++b) {
      hex_lower[2 * b] = lower[b >> 4], hex_lower[2 * b + 1] = lower[b & 15];
      hex_upper[2 * b] = upper[b >> 4], hex_upper[2 * b + 1] = upper[b & 15];
    }
    for (int d = 0; d < 100; ++d) decimal[2 * d] = static_cast<char>('0' + d / 10), decimal[2 * d + 1] = static_cast<char>('0' + d % 10);
  }
};
inline constexpr DigitPairs kDigitPairs;

}  // namespace text_detail

// Appends `n` upper- or lower-case hex digits of `v` (most significant first). Inline: callers
// pass constant widths, which unroll.
inline char* write_hex(char* out, uint64_t v, int n, bool upper = false) {
  const char* pairs = upper ? text_detail::kDigitPairs.hex_upper : text_detail::kDigitPairs.hex_lower;
  int i = n;
  for (; i >= 2; i -= 2, v >>= 8) std::memcpy(out + i - 2, pairs + 2 * (v & 0xFF), 2);
  if (i) out[0] = pairs[2 * (v & 15) + 1];
  return out + n;
}

// Appends `v` zero-padded to `width` digits.
inline char* write_padded(char* out, uint64_t v, int width) {
  int i = width;
  for (; i >= 2; i -= 2, v /= 100) std::memcpy(out + i - 2, text_detail::kDigitPairs.decimal + 2 * (v % 100), 2);
  if (i) out[0] = static_cast<char>('0' + v % 10);
  return out + width;
}
inline char* write_text(char* out, std::string_view s) {
  std::memcpy(out, s.data(), s.size());
  return out + s.size();
}
// Lower-case ASCII for e-mail local parts: folds Portuguese accents (ã -> a, ç -> c), drops the rest.
void append_ascii_folded(std::string& out, std::string_view utf8);

}  // namespace fraudgen
