// The ride fraud a rider commits or suffers, scenario by scenario, as real rides and tickets
// (docs/fraud-model.md, "Rider-side types", has the figures):
//   PROMO_ABUSE: 2-5 accounts under a month old, on the fraudster's phone, one emulated phone or
//     a cloned device each, each taking its new-account promotion on one to three short rides,
//     then never used again.
//   ACCOUNT_TAKEOVER_RIDE: someone else's phone on the rider's account adds a card and asks for
//     rides over a day or two far from the rider's places; the rider reports some as unauthorised.
//   PAYMENT_CHARGEBACK: a stolen card on a new, aged or bought account sells rides from the
//     afternoon to midnight, pickups all over town; the card's holder disputes them weeks later.
//   REFUND_ABUSE: for two to four weeks the rider opens tickets on a third of their rides; most
//     are refunded.
//   SPLIT_FARE_FRAUD: for a few days the rider splits every UBER fare with ring or recruited
//     accounts paying with stolen cards, which are disputed later.
// Scenarios start at a rate that pays for --fraud-rate. PROMO_ABUSE, ACCOUNT_TAKEOVER_RIDE and
// PAYMENT_CHARGEBACK start on each customer's own line of days, its phase spread over the
// customers by the golden ratio, a rider taking the starts of the non-riders just before it: the
// count over any range of days comes to the expected number within a few. REFUND_ABUSE and
// SPLIT_FARE_FRAUD, which use the rider's own rides, start in proportion to them, a Poisson
// number per rider and 32-day epoch. Either way any rider-day is still computed alone (and the
// bank sees the same rides).
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "fraudgen/rides/metro_day.h"
#include "fraudgen/rides/rider.h"

namespace fraudgen {

// What the scenarios' start rates take of the run's settings alone: worked out once for a
// area-day (or a rider's days) rather than for each rider-day.
struct RiderFraudRates {
  explicit RiderFraudRates(const SimContext& ctx);
  // A type's starts per rider-day, for a rider who requests `rider_rides` a day.
  double start_rate(RideFraudType type, double rider_rides) const;
  std::array<double, kRideFraudTypeCount> per_start{};  // start_rate's factor common to every rider
  std::array<double, 3> lined_rate{}, lined_phase{};   // the lined types' starts per customer-day, their line's phase
};

struct RiderDayInputs {
  const RideReference& rides;
  const CityGeography& geo;
  const std::vector<bool>& served;  // categories running in the city
  const DayWeather& weather;
  const RiderFraudRates& fraud;
};

// Marks the rider's own rides of `day` in out[first, end) that a scenario uses and appends the
// scenario rides of the day; out[first, end) is in request order on return.
void rider_fraud_day(const SimContext& ctx, const RiderDayInputs& in, const Rider& rd, int64_t day, std::vector<MetroRide>& out, size_t first);

// The mean requests per day of the rides world's riders (sizes the scenario rates).
inline constexpr double kRequestsPerRiderDay = 0.15;
// Riders among customers (those living in a capital's metro): 0.649 measured over seeds 1-3 at
// 50,000 customers. Sizes the lined types' start rate per customer-day, and --spill-dir's room.
inline constexpr double kRiderShare = 0.649;

}  // namespace fraudgen
