// The conditions a ride met are the city's and the zone's, never the ride's own: every ride of a
// city and local hour has the same rain, every ride of a pickup zone and five minutes the same
// surge (but inDrive's, which has none: 1.0) and flight bank. The first ride of each city-hour
// and zone-bucket is compared with the conditions recomputed from the run's seed (day_weather,
// zone_conditions), and the others with what that gave, so one wrong row is one violation. 99's
// zero-fee days are recomputed per ride (zero_fee_day). Rides come in request order per dispatch
// area, so each area keeps its current hour's groups only (a capital's areas each compare with
// the seed's conditions, so they agree with one another too).
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "fraudgen/rides/weather.h"
#include "fraudgen/validate/check_context.h"
#include "fraudgen/validate/per_area.h"
#include "fraudgen/validate/ride_facts.h"
#include "fraudgen/validate/ride_market.h"

namespace fraudgen::validate {

class RideConditionsCheck {
 public:
  RideConditionsCheck(const CheckContext& ctx, const RideMarket& market);
  void check(const RowRef& row, const RideFacts& facts);

 private:
  // A group's conditions as recomputed, and the row that opened the group.
  struct Group {
    int rain = 0, surge_tenths = 10;
    bool flight_bank = false;
    int64_t bucket = 0;  // of a zone group: its five minutes since the epoch (local)
    const std::string* file;
    uint64_t row;
  };
  struct Area {
    int64_t weather_day = INT64_MIN;
    DayWeather weather;
    std::unordered_map<int64_t, Group> hours;   // by local hour since the epoch
    std::unordered_map<uint64_t, Group> zones;  // by zone and five minutes
    int64_t swept_hour = INT64_MIN;
  };
  const DayWeather& weather(Area& c, uint32_t city, int64_t day);
  void check_rain(const RowRef& row, const RideFacts& facts, Area& c);
  void check_zone(const RowRef& row, const RideFacts& facts, Area& c);

  const CheckContext& ctx_;
  const RideMarket& market_;
  PerArea<Area> areas_;  // each area's rides come in request order (per_area.h)
};

}  // namespace fraudgen::validate
