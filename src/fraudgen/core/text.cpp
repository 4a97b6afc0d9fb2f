#include "fraudgen/core/text.h"

#include <cstring>

namespace fraudgen {

namespace {

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
constexpr DigitPairs kDigitPairs;

}  // namespace

char* write_hex(char* out, uint64_t v, int n, bool upper) {
  const char* pairs = upper ? kDigitPairs.hex_upper : kDigitPairs.hex_lower;
  int i = n;
  for (; i >= 2; i -= 2, v >>= 8) std::memcpy(out + i - 2, pairs + 2 * (v & 0xFF), 2);
  if (i) out[0] = pairs[2 * (v & 15) + 1];
  return out + n;
}

char* write_padded(char* out, uint64_t v, int width) {
  int i = width;
  for (; i >= 2; i -= 2, v /= 100) std::memcpy(out + i - 2, kDigitPairs.decimal + 2 * (v % 100), 2);
  if (i) out[0] = static_cast<char>('0' + v % 10);
  return out + width;
}

char* write_text(char* out, std::string_view s) {
  std::memcpy(out, s.data(), s.size());
  return out + s.size();
}

void append_ascii_folded(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(s[i]);
    if (ch < 0x80) {
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out += static_cast<char>(ch);
      else if (ch >= 'A' && ch <= 'Z') out += static_cast<char>(ch - 'A' + 'a');
      continue;
    }
    if (ch == 0xC3 && i + 1 < s.size()) {
      unsigned char n = static_cast<unsigned char>(s[++i]) | 0x20;  // fold upper-case Latin-1 to lower
      if (n >= 0xA0 && n <= 0xA5) out += 'a';
      else if (n == 0xA7) out += 'c';
      else if (n >= 0xA8 && n <= 0xAB) out += 'e';
      else if (n >= 0xAC && n <= 0xAF) out += 'i';
      else if (n == 0xB1) out += 'n';
      else if (n >= 0xB2 && n <= 0xB6) out += 'o';
      else if (n >= 0xB9 && n <= 0xBC) out += 'u';
      continue;
    }
    // Other multi-byte sequences: skip the continuation bytes.
    while (i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) ++i;
  }
}

}  // namespace fraudgen
