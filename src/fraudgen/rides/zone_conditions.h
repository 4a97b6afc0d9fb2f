// The market in one zone of a capital during five minutes: how many want a ride against how
// many drivers are free, and what follows from it, the same for every request made there then
// (surge is a property of the zone and the moment, as apps compute it, never of one ride).
// Zones are rings of 2 km around the municipal seat cut into eight sectors (the centre is one
// zone), and each airport is a zone of its own. Demand follows the hour curve of the day's kind
// and the weather (rain: light x1.10, heavy x1.30); supply follows demand loosely and falls in
// rain (x0.95, x0.80); a fifth to a third of evening buckets at an airport carry a flight bank.
// The multiplier rises with demand over supply, is rounded to a tenth as the apps show it, and
// is capped at 3.0 (5.0 in heavy rain). All of it is a pure function of (seed, city, zone, date,
// bucket): any ride's conditions are computed alone.
#pragma once
#include <cstdint>
#include <string>

#include "fraudgen/core/civil_time.h"

#include "fraudgen/rides/geography.h"
#include "fraudgen/rides/weather.h"

namespace fraudgen {

inline constexpr int64_t kBucketMillis = 5 * 60'000;
inline constexpr int kBucketsPerDay = 288;
inline constexpr double kZoneRingKm = 2.0;
inline constexpr int kZoneSectors = 8;

struct Zone {
  int16_t ring = 0, sector = 0;  // ring 0 has sector 0 only
  int16_t airport = -1;          // RideCity::airports index for an airport zone
  bool operator==(const Zone&) const = default;
};

// The zone of a point: an airport's when within 1.5 km of it.
Zone zone_of(const CityGeography& geo, GeoPoint p);
// "SP-R03-S5" or "SP-GRU": stable names for the zone column.
std::string zone_name(const std::string& uf, const RideCity& city, Zone z);

struct ZoneConditions {
  double demand = 0, supply = 0;  // relative to an average hour's (1 = average)
  int surge_tenths = 10;          // 10 = no surge
  double no_driver_probability = 0;
  double pickup_minutes = 0;      // typical time for a driver to reach a pickup
  Rain rain = Rain::None;
  bool flight_bank = false;
};

ZoneConditions zone_conditions(const ReferenceData& ref, const RideReference& rides, uint64_t seed, uint32_t city, Zone zone,
                               int64_t day, int bucket, const DayWeather& weather);

// The five-minute bucket of a UTC instant within its local day (0-287).
inline int bucket_of(int64_t utc_ms) {
  const int64_t local = utc_ms + kBrasiliaOffsetMillis;
  return static_cast<int>((local - local_day_of(utc_ms) * kMillisPerDay) / kBucketMillis);
}

// The kind of a local date for the hour curves: Saturday, Sunday or a weekday.
DayKind day_kind_of(int64_t day);

}  // namespace fraudgen
