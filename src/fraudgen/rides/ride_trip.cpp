#include "fraudgen/rides/ride_trip.h"

#include <algorithm>
#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/sim/history.h"

namespace fraudgen {
namespace {

constexpr int64_t kFreeCancelMillis = 3 * 60'000;

// Average speed in the city at a local hour, km/h: São Paulo-like at a metro of millions,
// faster in smaller capitals.
double speed_kmh(int hour, int64_t population, Rain rain, Rng& r) {
  const bool peak = (hour >= 7 && hour <= 9) || (hour >= 17 && hour <= 19);
  const bool night = hour >= 22 || hour <= 5;
  double v = peak ? r.uniform(14, 18) : night ? r.uniform(35, 45) : r.uniform(25, 30);
  if (population < 3'000'000) v *= 1.2;
  if (rain == Rain::Light) v *= 0.9;
  if (rain == Rain::Heavy) v *= 0.65;
  return v;
}

double fee_share(RideApp app, bool zero_fee, Rng& r) {
  switch (app) {
    case RideApp::Uber: return std::clamp(r.normal(0.24, 0.06), 0.01, 0.40);
    case RideApp::NinetyNine: return zero_fee ? 0.0 : std::clamp(r.normal(0.19, 0.03), 0.05, 0.1999);
    case RideApp::InDrive: return r.uniform(0.095, 0.0999);
  }
  return 0.2;
}

bool in_sao_paulo(const ReferenceData& ref, const RideReference& rides, uint32_t city) { return ref.states[rides.cities[city].state].uf == "SP"; }

}  // namespace

bool zero_fee_day(uint64_t seed, uint32_t city, int64_t day) {
  Rng r(seed, EntityKind::Weather, pair_key(city, static_cast<uint64_t>(day)), 0x7AF0);
  return r.chance(2.0 / 30.0);
}

RideTrip ride_trip(const SimContext& ctx, const RideReference& rides, const Rider& rider, const RideRequest& q,
                   const ZoneConditions& zone) {
  const SimConfig& cfg = ctx.config();
  const ReferenceData& ref = ctx.ref();
  const RideCategory& category = rides.categories[q.category];
  Rng r(cfg.seed, EntityKind::Rider, rider.customer, pair_key(0x7819, static_cast<uint64_t>(q.time_ms)));
  RideTrip t;
  t.request_ms = q.time_ms;
  t.rain = zone.rain;
  t.flight_bank = zone.flight_bank;
  const int64_t day = local_day_of(q.time_ms);
  const int hour = brasilia_hour(q.time_ms);
  t.zero_fee_day = q.app == RideApp::NinetyNine && zero_fee_day(cfg.seed, rider.city, day);

  // The trip as quoted: road distance, and time at the hour's speed.
  const double straight = haversine_km(q.pickup.lat, q.pickup.lon, q.dropoff.lat, q.dropoff.lon);
  t.quoted_distance_m = std::max<int64_t>(300, road_distance_m(straight, rides.cities[rider.city].barrier, r));
  const int64_t population = ref.municipalities[rides.cities[rider.city].municipality].population;
  const double v = speed_kmh(hour, population, zone.rain, r);
  t.quoted_duration_s = std::max<int64_t>(120, static_cast<int64_t>(std::llround(static_cast<double>(t.quoted_distance_m) / 1000.0 / v * 3600.0)));
  const double price_index = rides.cities[rider.city].price_index * ride_price_index(day);
  const bool indrive = q.app == RideApp::InDrive;
  t.surge_tenths = indrive ? 10 : zone.surge_tenths;
  const int64_t minimum = minimum_fare_cents(rides, category.level, rides.cities[rider.city].price_index);
  const int64_t sp_m = in_sao_paulo(ref, rides, rider.city) ? t.quoted_distance_m : 0;
  t.upfront = quote_fare(rides, {category.level, price_index, t.quoted_distance_m, t.quoted_duration_s, t.surge_tenths, minimum, sp_m});
  if (indrive) {
    // The app suggests 10% under the usual fare; the rider offers around it; drivers accept or counter.
    const int64_t suggested = t.upfront.total_cents() * 9 / 10;
    t.offer_cents = std::max<int64_t>(minimum, std::llround(static_cast<double>(suggested) * r.uniform(0.8, 1.05)));
    t.counter_offers = static_cast<int>(r.weighted({55, 30, 15}));
    t.agreed_cents = t.offer_cents + std::llround(static_cast<double>(t.offer_cents) * 0.07 * t.counter_offers);
  }

  // Who gives up: no driver, the rider (more under surge), then the driver (far out, night, rain, cash).
  const double surge = t.surge_tenths / 10.0;
  t.pickup_km = std::max(0.1, r.lognormal_median(zone.pickup_minutes * 0.35, 0.5));
  // Now and then a car is already at the door (a taxi rank, a hotel): taken within seconds.
  Rng front(cfg.seed, EntityKind::Rider, rider.customer, pair_key(0xF207, static_cast<uint64_t>(q.time_ms)));
  const bool car_in_front = front.chance(cfg.calibration.ride_car_in_front_share);
  if (car_in_front) t.pickup_km = front.uniform(0.05, 0.3);
  const double pickup_minutes = std::max(1.0, t.pickup_km / (v / 60.0));
  if (r.chance(zone.no_driver_probability)) {
    t.status = RideStatus::NoDriver;
    t.cancel_ms = t.request_ms + static_cast<int64_t>(r.range(60'000, 300'000));
    return t;
  }
  t.accept_ms = t.request_ms + static_cast<int64_t>(r.lognormal_median(20'000, 0.6));
  if (car_in_front) t.accept_ms = t.request_ms + front.range(2'000, 8'000);
  const double p_rider = 0.06 + 0.04 * (surge - 1.0) + 0.01 * std::max(0.0, pickup_minutes - 8.0);
  double p_driver = 0.05 + 0.01 * q.pickup_zone.ring + (hour >= 22 || hour <= 5 ? 0.02 : 0.0) + (zone.rain == Rain::Heavy ? 0.03 : 0.0) +
                    (q.payment == RidePayment::Cash ? 0.02 : 0.0);
  p_driver = std::min(p_driver, 0.25);
  t.arrive_ms = t.accept_ms + static_cast<int64_t>(pickup_minutes * 60'000.0);
  if (r.chance(p_rider)) {
    t.status = RideStatus::RiderCancelled;
    t.cancel_ms = t.accept_ms + static_cast<int64_t>(r.uniform(0.2, 1.2) * static_cast<double>(t.arrive_ms - t.accept_ms));
    t.arrive_ms = t.cancel_ms >= t.arrive_ms ? t.arrive_ms : kNoTime;
    if (t.cancel_ms - t.accept_ms > kFreeCancelMillis) t.cancel_fee_cents = minimum_fare_cents(rides, category.level, 0.95) * r.range(3, 10) / 10;
    t.fare_cents = t.cancel_fee_cents;
  } else if (r.chance(p_driver)) {
    t.status = RideStatus::DriverCancelled;
    t.cancel_ms = t.accept_ms + static_cast<int64_t>(r.uniform(0.1, 0.9) * static_cast<double>(t.arrive_ms - t.accept_ms));
    t.arrive_ms = kNoTime;
  } else {
    t.status = RideStatus::Completed;
    t.start_ms = t.arrive_ms + static_cast<int64_t>(r.lognormal_median(90'000, 0.6));
    // The trip as driven: close to the quote, now and then a detour (rain, works, a wrong turn).
    const double detour = r.chance(zone.rain == Rain::Heavy ? 0.04 : 0.015) ? r.uniform(1.3, 1.7) : r.uniform(0.97, 1.06);
    t.actual_distance_m = std::llround(static_cast<double>(t.quoted_distance_m) * detour);
    t.actual_duration_s = std::llround(static_cast<double>(t.quoted_duration_s) * detour * r.uniform(0.9, 1.2));
    t.end_ms = t.start_ms + t.actual_duration_s * 1000;
    if (indrive) {
      t.fare_cents = t.agreed_cents;
      t.municipal_fee_cents = sp_m ? std::llround(static_cast<double>(kSaoPauloFeeCentsPerKm * t.actual_distance_m) / 1000.0) : 0;  // inside the agreed price
    } else {
      // The upfront price holds unless the route changed much: then it is metered.
      t.metered = detour > 1.2;
      t.charged = t.metered ? quote_fare(rides, {category.level, price_index, t.actual_distance_m, t.actual_duration_s, t.surge_tenths,
                                                    minimum, sp_m ? t.actual_distance_m : 0})
                               : t.upfront;
      t.fare_cents = t.charged.total_cents();
      t.municipal_fee_cents = t.charged.municipal_fee_cents;
    }
  }
  if (t.fare_cents > 0) {
    t.platform_fee_cents = std::llround(static_cast<double>(t.fare_cents - t.municipal_fee_cents) * fee_share(q.app, t.zero_fee_day, r));
    t.driver_earnings_cents = t.fare_cents - t.municipal_fee_cents - t.platform_fee_cents;
  }
  // Tips: only in the app, on finished rides, now and then, minutes to days later.
  const RideProfile& p = rides.profiles[rider.profile];
  if (t.status == RideStatus::Completed && q.payment != RidePayment::Cash && r.chance(p.tip_probability * 0.5)) {
    t.tip_cents = std::array<int64_t, 4>{100, 300, 500, 1000}[static_cast<size_t>(r.weighted({25, 35, 30, 10}))];
    t.tip_ms = t.end_ms + static_cast<int64_t>(r.lognormal_median(20 * 60'000.0, 2.0));
    t.tip_ms = std::min<int64_t>(t.tip_ms, t.end_ms + 30 * kMillisPerDay);
    t.driver_earnings_cents += t.tip_cents;  // tips go to the driver whole
  }
  return t;
}

}  // namespace fraudgen
