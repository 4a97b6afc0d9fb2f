// Fast text forms of typed values, shared by the JSONL and CSV writers.
#pragma once
#include <charconv>
#include <cstdint>
#include <cstring>

namespace fraudgen {

// Integer cents as a decimal with exactly two places: -1234 -> "-12.34".
inline char* write_cents(char* p, int64_t cents) {
  uint64_t v = cents < 0 ? static_cast<uint64_t>(-cents) : static_cast<uint64_t>(cents);
  if (cents < 0) *p++ = '-';
  p = std::to_chars(p, p + 20, v / 100).ptr;
  *p++ = '.';
  *p++ = static_cast<char>('0' + (v % 100) / 10);
  *p++ = static_cast<char>('0' + v % 10);
  return p;
}

// Shortest round-trip form, always with a decimal point so readers infer a floating type.
inline char* write_double(char* p, double v) {
  char* start = p;
  p = std::to_chars(p, p + 32, v).ptr;
  for (char* q = start; q < p; ++q)
    if (*q == '.' || *q == 'e' || *q == 'n' || *q == 'i') return p;
  *p++ = '.';
  *p++ = '0';
  return p;
}

inline char* write_int(char* p, int64_t v) { return std::to_chars(p, p + 21, v).ptr; }

}  // namespace fraudgen
