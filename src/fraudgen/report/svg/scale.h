// Scales and ticks for the report's charts: a linear map from data to pixels, and "nice" tick
// values (1, 2 or 5 times a power of ten; P. Heckbert, Graphics Gems, 1990) covering a range.
#pragma once
#include <string>
#include <vector>

namespace fraudgen::report::svg {

struct LinearScale {
  double domain_lo = 0, domain_hi = 1, range_lo = 0, range_hi = 1;
  double operator()(double v) const {
    const double span = domain_hi - domain_lo;
    return span == 0 ? range_lo : range_lo + (v - domain_lo) / span * (range_hi - range_lo);
  }
};

struct Ticks {
  double lo = 0, hi = 1, step = 1;  // the nice range the ticks cover, and their spacing
  std::vector<double> values;
};

// About `count` ticks covering [lo, hi]; a range of one value widens to show it.
Ticks nice_ticks(double lo, double hi, int count);
// The tick's label with as many decimals as the step needs and thousands grouped ("1,500", "0.25").
std::string tick_label(double value, double step);

}  // namespace fraudgen::report::svg
