#include "fraudgen/report/number_text.h"

#include <cmath>
#include <cstdio>

namespace fraudgen::report {

namespace {

std::string group_thousands(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string format_count(uint64_t n) { return group_thousands(n); }

std::string format_cents(int64_t cents) {
  const bool negative = cents < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  std::string out;
  if (negative) out += '-';
  out += group_thousands(magnitude / 100);
  if (magnitude % 100) {
    char frac[4];
    std::snprintf(frac, sizeof frac, ".%02u", static_cast<unsigned>(magnitude % 100));
    out += frac;
  }
  return out;
}

std::string format_fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "0";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1);
  return s;
}

std::string format_percent(uint64_t part, uint64_t whole, int decimals) {
  if (whole == 0) return "0%";
  return format_fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), decimals) + "%";
}

}  // namespace fraudgen::report
