// Where rides start and end in a capital's metro. Homes and everyday stops are drawn by density
// around the municipal seat: a negative exponential in the distance (Clark), with 15% in a ring
// at 0.7 of the city's radius (the low-income periphery of Brazilian metros), the radius growing
// with the square root of the population (4 km + 6 km x sqrt(millions): São Paulo about 19 km
// with its 11.5 million, Palmas about 7). Named places (malls, universities, nightlife...) sit at
// fixed spots of their own, the same for every seed; airports at their real coordinates. Nothing
// falls on open water (data/ride_water.csv). Roads are longer than straight lines by a circuity
// factor (about 1.3 for short trips, 1.2 for long ones, more in cities of bays and islands).
#pragma once
#include <cstdint>
#include <vector>

#include "fraudgen/core/random.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/rides/ride_reference.h"

namespace fraudgen {

struct GeoPoint {
  double lat, lon;
};

// A degree of latitude, on a sphere of 6,371 km (haversine_km's).
inline constexpr double kKmPerDegree = 111.195;

class CityGeography {
 public:
  CityGeography(const ReferenceData& ref, const RideReference& rides, uint32_t city);

  const RideCity& city() const { return *city_; }
  double radius_km() const { return radius_km_; }
  GeoPoint centre() const { return centre_; }
  // The cosine of the centre's latitude: east-west km per degree of longitude over kKmPerDegree.
  double cos_lat() const { return cos_lat_; }
  // A point where people live, work and shop, by density.
  GeoPoint residential(Rng& rng) const;
  // A point within `sigma_km` (normal in each axis) of `around`, off the water.
  GeoPoint near(GeoPoint around, double sigma_km, Rng& rng) const;
  // The metro: within this many km of the seat (1.3 x the radius + 10 km) is where riders live.
  double metro_km() const { return 1.3 * radius_km_ + 10.0; }
  // As near(), but in the metro: a draw outside it is drawn again (`around` when none is in).
  GeoPoint near_in_metro(GeoPoint around, double sigma_km, Rng& rng) const;
  // The city's named places (RideCity::places, same order) and airports (RideCity::airports).
  GeoPoint place(size_t i) const { return places_[i]; }
  GeoPoint airport(size_t i) const { return airports_[i]; }
  size_t airports() const { return airports_.size(); }
  bool on_water(GeoPoint p) const;

 private:
  GeoPoint offset(double east_km, double north_km) const;
  // A water side as on_water tests it: the sine and cosine of its bearing, computed once.
  struct Shore {
    double sin_bearing, cos_bearing, offset_km;
  };
  const RideCity* city_;
  GeoPoint centre_;
  double radius_km_;
  double cos_lat_;
  std::vector<Shore> shores_;
  std::vector<GeoPoint> places_, airports_;
};

// Road distance in metres for a straight-line distance: circuity ~ normal(mean, 0.08), mean 1.32
// under 3 km, 1.27 up to 10 km, 1.22 beyond, 0.10 more in a barrier city; never below 1.05.
int64_t road_distance_m(double straight_km, bool barrier_city, Rng& rng);

}  // namespace fraudgen
