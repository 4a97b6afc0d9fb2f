#include "fraudgen/rides/ride_trace.h"

#include <algorithm>
#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/rides/fare.h"

namespace fraudgen {
namespace {

constexpr uint64_t kTraceDraws = 0x7ACE;
constexpr double kAdjustedAbove = 1.25;  // the app pays trace km beyond 1.25 x the route

double written(double ratio) { return std::round(ratio * 1000.0) / 1000.0; }

}  // namespace

int64_t trace_adjustment_cents(const RideReference& rides, uint32_t city, const MetroRide& m, double path_ratio) {
  const double ratio = written(path_ratio);
  if (ratio <= kAdjustedAbove) return 0;
  const RideLevel level = rides.categories[m.request.category].level;
  const double price_index = rides.cities[city].price_index * ride_price_index(local_day_of(m.trip.request_ms));
  const double km = static_cast<double>(m.trip.quoted_distance_m) / 1000.0;
  return std::llround(static_cast<double>(rides.tariffs[static_cast<size_t>(level)].per_km_cents) * price_index * (ratio - kAdjustedAbove) * km);
}

void set_path_ratio(const RideReference& rides, uint32_t city, MetroRide& m, double path_ratio) {
  m.trace.path_ratio = written(std::max(0.05, path_ratio));
  m.trace.adjustment_cents = trace_adjustment_cents(rides, city, m, m.trace.path_ratio);
}

void trace_ride(const SimContext& ctx, const RideReference& rides, uint32_t city, MetroRide& m) {
  const RideTrip& t = m.trip;
  if (t.status != RideStatus::Completed) return;
  const Calibration& cal = ctx.config().calibration;
  // Keyed by the ride: the rider, the account that asked (scenario rides of one rider may share
  // an instant with the rider's own) and the request instant.
  Rng r(ctx.config().seed, EntityKind::Rider, m.request.customer, pair_key(kTraceDraws, hash_combine(m.rider.account_key, static_cast<uint64_t>(t.request_ms))));
  const double quoted_m = static_cast<double>(std::max<int64_t>(t.quoted_distance_m, 1));
  // GPS fixes every few seconds: the trace follows the road, a little longer or shorter.
  double ratio = static_cast<double>(t.actual_distance_m) / quoted_m * r.uniform(0.98, 1.04);
  m.trace.max_jump_m = static_cast<int32_t>(r.range(20, 150));
  m.trace.end_to_dropoff_m = static_cast<int32_t>(std::clamp(r.lognormal_median(30, 0.7), 5.0, 150.0));
  if (r.chance(cal.ride_tunnel_share)) m.trace.max_jump_m = static_cast<int32_t>(r.range(400, 2500));
  if (r.chance(cal.ride_battery_saver_share)) {
    ratio *= r.uniform(1.2, 1.8);
    m.trace.max_jump_m = std::max(m.trace.max_jump_m, static_cast<int32_t>(r.range(150, 600)));
  }
  if (r.chance(cal.ride_early_exit_share)) {
    // The trip ends where the rider got out; the trace stops there too.
    const int64_t early = std::min<int64_t>(r.range(300, 4000), t.actual_distance_m * 8 / 10);
    if (early >= 300) {
      m.trace.end_to_dropoff_m = static_cast<int32_t>(early);
      ratio -= static_cast<double>(early) / quoted_m;
    }
  } else if (r.chance(cal.ride_forgot_to_end_share)) {
    // The driver drives on before ending the trip: the trace grows by the road driven since.
    const int64_t late = r.range(500, 3000);
    m.trace.end_to_dropoff_m = static_cast<int32_t>(late);
    ratio += static_cast<double>(late) * r.uniform(1.1, 1.4) / quoted_m;
  }
  set_path_ratio(rides, city, m, ratio);
}

}  // namespace fraudgen
