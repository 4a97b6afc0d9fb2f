// The ride-hailing side of a world: its riders (the customers of the capital metros) and drivers,
// and the rides of any dispatch area on any day with the drivers' sessions. Built once per run;
// an area-day is then computed on its own (the riders' requests are theirs alone, the drivers are
// assigned within the area and the day; dispatch_areas.h).
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "fraudgen/rides/dispatch_areas.h"
#include "fraudgen/rides/ride_market.h"
#include "fraudgen/rides/rider_store.h"

namespace fraudgen {

class RideWorld {
 public:
  // Finds the riders among `customers` on up to `threads` threads (the result does not depend on
  // them). Holds each driver's area (the drivers are made again when needed: an area-day makes
  // its own); the riders wait in a scratch file in `spill_dir`, or are held (88 bytes each) when
  // it is empty (rider_store.h).
  RideWorld(const SimContext& ctx, const RideMarket& market, uint64_t customers, int threads = 1,
            const std::filesystem::path& spill_dir = {});

  uint64_t drivers() const { return areas_.population(); }
  // Driver i of the population, made again from its index (a driver is a function of the seed and
  // index): the world holds only which dispatch area each driver is in, 8 bytes a driver.
  DriverPerson driver(uint64_t i) const { return make_driver(ctx_, rides_, i); }
  uint64_t riders() const { return riders_.size(); }
  uint64_t riders_in(uint32_t area) const { return riders_.size(area); }
  uint64_t drivers_in(uint32_t area) const { return drivers_of_area_[area].size(); }
  // Whether the riders wait on disk rather than in memory.
  bool riders_in_file() const { return riders_.in_file(); }
  // The dispatch areas: one per capital unless a capital has more drivers than the config's cap.
  const DispatchAreas& dispatch_areas() const { return areas_; }
  uint32_t areas() const { return areas_.size(); }
  uint32_t city_of(uint32_t area) const { return areas_.city_of(area); }
  const SimContext& context() const { return ctx_; }
  const RideReference& reference() const { return rides_; }
  const CityGeography& geography(uint32_t city) const { return market_.geography(city); }

  // The rides requested in dispatch area `area` on local date `day` (by request time) and the
  // day's sessions: the riders' days, the drivers' staged scenario rides, the matching, ratings
  // and GPS traces, then what drivers do to them (driver_fraud.h).
  void area_day(uint32_t area, int64_t day, std::vector<MetroRide>& out, std::vector<DriverSession>& sessions) const;

 private:
  const SimContext& ctx_;
  const RideMarket& market_;
  const RideReference& rides_;
  RideWorld(const SimContext& ctx, const RideMarket& market, uint64_t customers, int threads, const std::filesystem::path& spill_dir,
            const std::vector<uint8_t>& driver_cities);
  DispatchAreas areas_;
  std::vector<std::vector<uint64_t>> drivers_of_area_;  // each area's drivers, ascending
  RiderStore riders_;
  std::vector<uint64_t> riders_before_;  // riders of the areas before each
};

}  // namespace fraudgen
