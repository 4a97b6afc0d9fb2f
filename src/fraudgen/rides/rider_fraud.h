// The ride fraud a rider commits or suffers, scenario by scenario, as real rides and tickets:
//   PROMO_ABUSE: 3-8 new accounts on one emulated phone, each taking its new-account promotion on
//     one to three cheap rides within days, then never used again.
//   ACCOUNT_TAKEOVER_RIDE: someone else's phone on the rider's account adds a card and asks for
//     rides over a night or two far from the rider's places, in better categories; the rider
//     reports most of them as unauthorised.
//   PAYMENT_CHARGEBACK: a new account with a stolen card sells rides: several a night, pickups
//     all over town, better categories and airports; the card's holder disputes them weeks later.
//   REFUND_ABUSE: for two to four weeks the rider opens tickets on most rides and gets refunds.
//   SPLIT_FARE_FRAUD: for a few days the rider splits every UBER fare with accounts of a ring of
//     fake riders paying with stolen cards, which are disputed later.
// Scenarios start at a rider-day rate that pays for --fraud-rate, drawn per rider and 32-day
// epoch, so any rider-day is still computed alone (and the bank sees the same rides).
#pragma once
#include <cstdint>
#include <vector>

#include "fraudgen/rides/metro_day.h"
#include "fraudgen/rides/rider.h"

namespace fraudgen {

struct RiderDayInputs {
  const RideReference& rides;
  const CityGeography& geo;
  const std::vector<bool>& served;  // categories running in the city
  const DayWeather& weather;
};

// Marks the rider's own rides of `day` in out[first, end) that a scenario uses and appends the
// scenario rides of the day; out[first, end) is in request order on return.
void rider_fraud_day(const SimContext& ctx, const RiderDayInputs& in, const Rider& rd, int64_t day, std::vector<MetroRide>& out, size_t first);

// The mean requests per day of the rides world's riders (sizes the scenario rates).
inline constexpr double kRequestsPerRiderDay = 0.15;

}  // namespace fraudgen
