#include "fraudgen/rides/geography.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "fraudgen/sim/history.h"

namespace fraudgen {
namespace {

constexpr int kTries = 64;                 // draws before giving up on a point off the water

// How far from the seat each kind of named place lies (km, before the city's scale).
struct Band {
  double lo, hi;
};
Band band_of(PoiKind kind) {
  switch (kind) {
    case PoiKind::Nightlife: return {0.5, 3.0};
    case PoiKind::BusTerminal: return {1.0, 5.0};
    case PoiKind::Mall: return {2.0, 8.0};
    case PoiKind::University: return {3.0, 10.0};
    case PoiKind::Stadium: return {3.0, 9.0};
    case PoiKind::Airport: break;
  }
  return {1.0, 5.0};
}

uint64_t name_key(std::string_view s) {
  uint64_t h = 0x5EED0F91ACE5ULL;
  for (unsigned char ch : s) h = hash_combine(h, ch);
  return h;
}

}  // namespace

CityGeography::CityGeography(const ReferenceData& ref, const RideReference& rides, uint32_t city) : city_(&rides.cities[city]) {
  const Municipality& seat = ref.municipalities[city_->municipality];
  centre_ = {seat.lat, seat.lon};
  cos_lat_ = std::cos(centre_.lat * std::numbers::pi / 180.0);
  for (const WaterSide& w : city_->water) {
    const double b = w.bearing_deg * std::numbers::pi / 180.0;
    shores_.push_back({std::sin(b), std::cos(b), w.offset_km});
  }
  radius_km_ = 4.0 + 6.0 * std::sqrt(static_cast<double>(seat.population) / 1e6);
  for (const Airport& a : city_->airports) airports_.push_back({a.lat, a.lon});
  // Named places: fixed spots, from their name, off the water.
  const double scale = std::clamp(radius_km_ / 13.0, 0.6, 1.6);
  for (const NamedPlace& p : city_->places) {
    Rng r(name_key(ref.states[city_->state].uf + "/" + p.name), EntityKind::Place, 0, 0);
    const Band b = band_of(p.kind);
    GeoPoint at = centre_;
    for (int k = 0; k < kTries; ++k) {
      const double d = r.uniform(b.lo, b.hi) * scale, a = r.uniform(0, 2 * std::numbers::pi);
      const GeoPoint q = offset(d * std::sin(a), d * std::cos(a));
      if (!on_water(q)) {
        at = q;
        break;
      }
    }
    places_.push_back(at);
  }
}

GeoPoint CityGeography::offset(double east_km, double north_km) const {
  const double lat = centre_.lat + north_km / kKmPerDegree;
  const double lon = centre_.lon + east_km / (kKmPerDegree * cos_lat_);
  return {std::round(lat * 1e6) / 1e6, std::round(lon * 1e6) / 1e6};
}

bool CityGeography::on_water(GeoPoint p) const {
  const double north = (p.lat - centre_.lat) * kKmPerDegree;
  const double east = (p.lon - centre_.lon) * kKmPerDegree * cos_lat_;
  for (const Shore& w : shores_)
    if (east * w.sin_bearing + north * w.cos_bearing > w.offset_km) return true;
  return false;
}

GeoPoint CityGeography::residential(Rng& rng) const {
  for (int k = 0; k < kTries; ++k) {
    double d;
    if (rng.chance(0.15)) {
      d = std::max(0.0, rng.normal(0.7 * radius_km_, 0.15 * radius_km_));
    } else {
      // Negative exponential density per unit area: the distance follows a Gamma(2, r0).
      const double r0 = radius_km_ / 3.0;
      d = -r0 * std::log((1.0 - rng.uniform()) * (1.0 - rng.uniform()));
    }
    if (d > 1.3 * radius_km_) continue;  // the metro ends somewhere: drawn again, no ring at the edge
    const double a = rng.uniform(0, 2 * std::numbers::pi);
    const GeoPoint p = offset(d * std::sin(a), d * std::cos(a));
    if (!on_water(p)) return p;
  }
  return centre_;
}

GeoPoint CityGeography::near(GeoPoint around, double sigma_km, Rng& rng) const {
  for (int k = 0; k < kTries; ++k) {
    const double east = rng.normal(0, sigma_km), north = rng.normal(0, sigma_km);
    const GeoPoint p{std::round((around.lat + north / kKmPerDegree) * 1e6) / 1e6,
                     std::round((around.lon + east / (kKmPerDegree * cos_lat_)) * 1e6) / 1e6};
    if (!on_water(p)) return p;
  }
  return around;
}

GeoPoint CityGeography::near_in_metro(GeoPoint around, double sigma_km, Rng& rng) const {
  for (int k = 0; k < kTries; ++k) {
    const GeoPoint p = near(around, sigma_km, rng);
    if (haversine_km(p.lat, p.lon, centre_.lat, centre_.lon) <= metro_km()) return p;
  }
  return around;
}

int64_t road_distance_m(double straight_km, bool barrier_city, Rng& rng) {
  const double mean = (straight_km < 3 ? 1.32 : straight_km <= 10 ? 1.27 : 1.22) + (barrier_city ? 0.10 : 0.0);
  const double circuity = std::max(1.05, rng.normal(mean, 0.08));
  return static_cast<int64_t>(std::llround(straight_km * circuity * 1000.0));
}

}  // namespace fraudgen
