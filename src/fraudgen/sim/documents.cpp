#include "fraudgen/sim/documents.h"

#include <algorithm>

namespace fraudgen {
namespace {

bool all_digits(std::string_view s) { return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); }
bool all_same(std::string_view s) { return std::all_of(s.begin(), s.end(), [&](char c) { return c == s[0]; }); }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

void cpf_check_digits(int* d) {
  for (int k = 9; k <= 10; ++k) {
    int sum = 0;
    for (int i = 0; i < k; ++i) sum += d[i] * (k + 1 - i);
    const int r = sum % 11;
    d[k] = r < 2 ? 0 : 11 - r;
  }
}

// The CNH's check digits of the first 9, or false when the second would be negative.
bool cnh_check_digits(const int* d, int& first, int& second) {
  int v = 0;
  for (int i = 0; i < 9; ++i) v += d[i] * (9 - i);
  first = v % 11;
  int dsc = 0;
  if (first >= 10) {
    first = 0;
    dsc = 2;
  }
  v = 0;
  for (int i = 0; i < 9; ++i) v += d[i] * (1 + i);
  const int x = v % 11;
  second = x >= 10 ? 0 : x - dsc;
  return second >= 0;
}

char letter(Rng& rng) { return static_cast<char>('A' + rng.below(26)); }
char digit_char(Rng& rng) { return static_cast<char>('0' + rng.below(10)); }

}  // namespace

void make_cpf(Rng& rng, int region_digit, char* out) {
  for (;;) {
    int d[11];
    for (int i = 0; i < 8; ++i) d[i] = static_cast<int>(rng.below(10));
    d[8] = region_digit;
    cpf_check_digits(d);
    bool same = true;
    for (int i = 1; i < 11; ++i) same &= d[i] == d[0];
    if (same) continue;
    for (int i = 0; i < 11; ++i) out[i] = static_cast<char>('0' + d[i]);
    return;
  }
}

char* write_formatted_cpf(char* out, const char* digits) {
  for (int i = 0; i < 11; ++i) {
    *out++ = digits[i];
    if (i == 2 || i == 5) *out++ = '.';
    if (i == 8) *out++ = '-';
  }
  return out;
}

bool cpf_valid(std::string_view s) {
  if (s.size() != 11 || !all_digits(s) || all_same(s)) return false;
  int d[11];
  for (int i = 0; i < 11; ++i) d[i] = s[static_cast<size_t>(i)] - '0';
  const int given[2] = {d[9], d[10]};
  cpf_check_digits(d);
  return d[9] == given[0] && d[10] == given[1];
}

void make_cnh(Rng& rng, char* out) {
  for (;;) {
    int d[9];
    d[0] = static_cast<int>(rng.range(1, 9));  // registration numbers have no leading zero
    for (int i = 1; i < 9; ++i) d[i] = static_cast<int>(rng.below(10));
    int first, second;
    if (!cnh_check_digits(d, first, second)) continue;
    for (int i = 0; i < 9; ++i) out[i] = static_cast<char>('0' + d[i]);
    out[9] = static_cast<char>('0' + first);
    out[10] = static_cast<char>('0' + second);
    if (all_same(std::string_view(out, 11))) continue;
    return;
  }
}

bool cnh_valid(std::string_view s) {
  if (s.size() != 11 || !all_digits(s) || all_same(s)) return false;
  int d[9];
  for (int i = 0; i < 9; ++i) d[i] = s[static_cast<size_t>(i)] - '0';
  int first, second;
  return cnh_check_digits(d, first, second) && s[9] - '0' == first && s[10] - '0' == second;
}

std::string make_old_plate(Rng& rng) {
  std::string p = {letter(rng), letter(rng), letter(rng), '-', digit_char(rng), digit_char(rng), digit_char(rng), digit_char(rng)};
  return p;
}

std::string mercosul_plate(std::string_view old) {
  return {old[0], old[1], old[2], old[4], static_cast<char>('A' + (old[5] - '0')), old[6], old[7]};
}

std::string make_mercosul_plate(Rng& rng) {
  std::string p = {letter(rng), letter(rng), letter(rng), digit_char(rng), letter(rng), digit_char(rng), digit_char(rng)};
  return p;
}

bool plate_valid(std::string_view p) {
  if (p.size() == 8)
    return upper(p[0]) && upper(p[1]) && upper(p[2]) && p[3] == '-' && digit(p[4]) && digit(p[5]) && digit(p[6]) && digit(p[7]);
  return p.size() == 7 && upper(p[0]) && upper(p[1]) && upper(p[2]) && digit(p[3]) && upper(p[4]) && digit(p[5]) && digit(p[6]);
}

}  // namespace fraudgen
