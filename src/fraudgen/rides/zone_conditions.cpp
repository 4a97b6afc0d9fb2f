#include "fraudgen/rides/zone_conditions.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/core/random.h"
#include "fraudgen/sim/history.h"

namespace fraudgen {
namespace {

// Volume by weekday, Monday first (rides reference §2.7, an estimate).
constexpr std::array<double, 7> kWeekdayVolume = {0.95, 0.95, 0.97, 1.00, 1.15, 1.08, 0.85};
constexpr double kAirportKm = 1.5;

double demand_factor(Rain r) { return r == Rain::Heavy ? 1.30 : r == Rain::Light ? 1.10 : 1.0; }
double supply_factor(Rain r) { return r == Rain::Heavy ? 0.80 : r == Rain::Light ? 0.95 : 1.0; }

}  // namespace

DayKind day_kind_of(int64_t day) {
  const unsigned wd = weekday_from_days(day);  // 0 = Monday
  return wd == 6 ? DayKind::Sunday : wd == 5 ? DayKind::Saturday : DayKind::Weekday;
}

Zone zone_of(const CityGeography& geo, GeoPoint p) {
  Zone z;
  for (size_t a = 0; a < geo.airports(); ++a) {
    const GeoPoint ap = geo.airport(a);
    if (haversine_km(p.lat, p.lon, ap.lat, ap.lon) <= kAirportKm) {
      z.airport = static_cast<int16_t>(a);
      return z;
    }
  }
  const GeoPoint c = geo.centre();
  const double d = haversine_km(p.lat, p.lon, c.lat, c.lon);
  z.ring = static_cast<int16_t>(std::min(d / kZoneRingKm, 30.0));
  if (z.ring > 0) {
    const double north = p.lat - c.lat, east = (p.lon - c.lon) * geo.cos_lat();
    double bearing = std::atan2(east, north) * 180.0 / std::numbers::pi;
    if (bearing < 0) bearing += 360.0;
    z.sector = static_cast<int16_t>(std::min(kZoneSectors - 1, static_cast<int>(bearing / (360.0 / kZoneSectors))));
  }
  return z;
}

std::string zone_name(const std::string& uf, const RideCity& city, Zone z) {
  if (z.airport >= 0) return uf + "-" + city.airports[static_cast<size_t>(z.airport)].iata;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s-R%02d-S%d", uf.c_str(), z.ring, z.sector);
  return buf;
}

ZoneConditions zone_conditions(const ReferenceData& ref, const RideReference& rides, uint64_t seed, uint32_t city, Zone zone,
                               int64_t day, int bucket, const DayWeather& weather) {
  (void)ref;
  ZoneConditions z;
  const int hour = bucket / 12;
  z.rain = weather.hours[static_cast<size_t>(hour)];
  const auto& curve = rides.hour_share[static_cast<size_t>(day_kind_of(day))];
  const double hour_demand = curve[static_cast<size_t>(hour)] * 24.0;  // 1 = an average hour
  const double volume = kWeekdayVolume[weekday_from_days(day)];
  Rng r(seed, EntityKind::Weather, pair_key(city, static_cast<uint64_t>(day)),
        pair_key(static_cast<uint64_t>(zone.airport + 1) * 1024 + static_cast<uint64_t>(zone.ring * 16 + zone.sector), static_cast<uint64_t>(bucket)));
  // Demand: the hour, the weekday, the rain, the zone's moment (lognormal noise around 1).
  z.demand = hour_demand * volume * demand_factor(z.rain) * std::exp(0.15 * r.normal() - 0.01125);
  // Flight banks: airports in the evening now and then hold more requests than drivers.
  if (zone.airport >= 0 && hour >= 18 && hour <= 22 && r.chance(0.25)) {
    z.flight_bank = true;
    z.demand *= r.uniform(1.6, 2.6);
  }
  // Supply follows the hour more flatly (drivers stay online through the valleys) and leaves in rain.
  z.supply = (0.55 + 0.45 * hour_demand) * volume * supply_factor(z.rain) * std::exp(0.10 * r.normal() - 0.005);
  const double ratio = z.demand / z.supply;
  const double cap = z.rain == Rain::Heavy ? 5.0 : 3.0;
  const double multiplier = std::clamp(1.0 + 1.6 * std::max(0.0, ratio - 1.25), 1.0, cap);
  z.surge_tenths = static_cast<int>(std::lround(multiplier * 10.0));
  z.no_driver_probability = std::clamp(0.02 + 0.12 * std::max(0.0, ratio - 1.3), 0.0, 0.30);
  z.pickup_minutes = std::clamp(4.0 * std::sqrt(ratio) * (1.0 + 0.08 * zone.ring), 1.5, 25.0);
  return z;
}

}  // namespace fraudgen
