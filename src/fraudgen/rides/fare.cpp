#include "fraudgen/rides/fare.h"

#include <algorithm>
#include <cmath>

#include "fraudgen/core/civil_time.h"

namespace fraudgen {
namespace {

constexpr double kRise2025 = 1.5608;          // ride-app prices, December 2024 to December 2025
constexpr double kYearlyBefore = 1.06, kYearlyAfter = 1.05;

int64_t round_cents(double cents) { return static_cast<int64_t>(std::llround(cents)); }

}  // namespace

double ride_price_index(int64_t day) {
  const CivilDate d = civil_from_days(day);
  // Months since December 2025 (the index is 1 from then on until the yearly rise resumes).
  const double months = (d.year - 2025) * 12.0 + (static_cast<double>(d.month) - 12.0) +
                        (static_cast<double>(d.day) - 1.0) / 31.0;
  if (months >= 0) return std::pow(kYearlyAfter, months / 12.0);
  if (months >= -12) return std::pow(kRise2025, months / 12.0);
  return std::pow(kRise2025, -1.0) * std::pow(kYearlyBefore, (months + 12.0) / 12.0);
}

int64_t minimum_fare_cents(const RideReference& rides, RideLevel level, double city_price_index) {
  const Tariff& t = rides.tariffs[static_cast<size_t>(level)];
  // Index 0.95 or below gets the range's low end, 1.25 or above its high end.
  const double where = std::clamp((city_price_index - 0.95) / 0.30, 0.0, 1.0);
  return t.min_fare_low_cents + round_cents(where * static_cast<double>(t.min_fare_high_cents - t.min_fare_low_cents));
}

FareQuote quote_fare(const RideReference& rides, const FareInput& in) {
  const Tariff& t = rides.tariffs[static_cast<size_t>(in.level)];
  FareQuote q;
  q.base_cents = round_cents(static_cast<double>(t.base_cents) * in.price_index);
  q.distance_cents = round_cents(static_cast<double>(t.per_km_cents) * in.price_index * static_cast<double>(in.distance_m) / 1000.0);
  q.time_cents = round_cents(static_cast<double>(t.per_min_cents) * in.price_index * static_cast<double>(in.duration_s) / 60.0);
  const int64_t metered = q.base_cents + q.distance_cents + q.time_cents;
  q.surge_cents = round_cents(static_cast<double>(metered) * (in.surge_tenths - 10) / 10.0);
  q.minimum_topup_cents = std::max<int64_t>(0, in.minimum_cents - metered - q.surge_cents);
  q.municipal_fee_cents = round_cents(static_cast<double>(kSaoPauloFeeCentsPerKm) * static_cast<double>(in.municipal_km_m) / 1000.0);
  return q;
}

}  // namespace fraudgen
