// What a ride costs, in whole centavos and in parts that add up exactly, so `validate` (and
// anyone with SQL) can check the arithmetic of every ride to the centavo: the level's tariff
// (base, per km, per minute) times the city's price index and the month's price index, the
// surge on top, a top-up to the minimum fare, and São Paulo's municipal fee per km.
#pragma once
#include <cstdint>

#include "fraudgen/rides/ride_reference.h"

namespace fraudgen {

// Prices over time, relative to the tariffs' level (January 2026 = 1): ride prices rose 56% in
// 2025 (IPCA's ride-app item), so December 2024 is 1 / 1.5608, months between follow a constant
// monthly rate; before 2025 and after 2025, 6% and 5% a year (estimates).
double ride_price_index(int64_t day);

struct FareQuote {
  int64_t base_cents = 0, distance_cents = 0, time_cents = 0;
  int64_t surge_cents = 0;          // (base + distance + time) x (multiplier - 1)
  int64_t minimum_topup_cents = 0;  // what brings the fare up to the minimum
  int64_t municipal_fee_cents = 0;  // São Paulo: R$0.10 per km driven inside the city
  int64_t total_cents() const { return base_cents + distance_cents + time_cents + surge_cents + minimum_topup_cents + municipal_fee_cents; }
};

struct FareInput {
  RideLevel level;
  double price_index;        // the city's times the month's
  int64_t distance_m;        // road distance
  int64_t duration_s;
  int surge_tenths = 10;     // 10 = no surge; rounded to a tenth as apps show it
  int64_t minimum_cents = 0; // the city's minimum fare for the level
  int64_t municipal_km_m = 0;  // metres driven where a per-km municipal fee applies
};

FareQuote quote_fare(const RideReference& rides, const FareInput& in);

// The city's minimum fare for a level: within the tariff's range, higher where prices are higher.
int64_t minimum_fare_cents(const RideReference& rides, RideLevel level, double city_price_index);

// São Paulo's municipal fee on ride apps: R$0.10 per km driven inside the city.
inline constexpr int64_t kSaoPauloFeeCentsPerKm = 10;

}  // namespace fraudgen
