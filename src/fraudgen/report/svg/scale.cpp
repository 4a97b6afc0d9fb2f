#include "fraudgen/report/svg/scale.h"

#include <algorithm>
#include <cmath>

#include "fraudgen/report/number_text.h"

namespace fraudgen::report::svg {

namespace {

// The nice number nearest x (round) or not below it: 1, 2, 5 or 10 times a power of ten.
double nice_number(double x, bool round) {
  const double exponent = std::floor(std::log10(x));
  const double fraction = x / std::pow(10.0, exponent);
  double nice;
  if (round) nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  else nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * std::pow(10.0, exponent);
}

}  // namespace

Ticks nice_ticks(double lo, double hi, int count) {
  if (!(hi > lo)) hi = lo + (lo == 0 ? 1 : std::fabs(lo));
  const double range = nice_number(hi - lo, false);
  Ticks t;
  t.step = nice_number(range / std::max(count - 1, 1), true);
  t.lo = std::floor(lo / t.step) * t.step;
  t.hi = std::ceil(hi / t.step) * t.step;
  const int n = static_cast<int>(std::lround((t.hi - t.lo) / t.step));
  for (int i = 0; i <= n; ++i) t.values.push_back(t.lo + i * t.step);
  return t;
}

std::string tick_label(double value, double step) {
  const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  if (decimals == 0 && std::fabs(value) < 9e15) {
    const long long whole = std::llround(value);
    std::string label;
    if (whole < 0) label += '-';
    label += format_count(static_cast<uint64_t>(whole < 0 ? -whole : whole));
    return label;
  }
  return format_fixed(value, decimals);
}

}  // namespace fraudgen::report::svg
