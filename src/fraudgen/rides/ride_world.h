// The ride-hailing side of a world: its riders (the customers of the capital metros) and drivers,
// and the rides of any capital on any day with the drivers' sessions. Built once per run; a
// city-day is then computed on its own (the riders' requests are theirs alone, the drivers are
// assigned within the day).
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "fraudgen/rides/ride_market.h"
#include "fraudgen/rides/rider_store.h"

namespace fraudgen {

class RideWorld {
 public:
  // Finds the riders among `customers` on up to `threads` threads (the result does not depend on
  // them). Holds every driver; the riders wait in a scratch file in `spill_dir`, or are held
  // (88 bytes each) when it is empty (rider_store.h).
  RideWorld(const SimContext& ctx, const RideMarket& market, uint64_t customers, int threads = 1,
            const std::filesystem::path& spill_dir = {});

  uint64_t drivers() const { return drivers_.size(); }
  const DriverPerson& driver(uint64_t i) const { return drivers_[i]; }
  uint64_t riders() const { return riders_.size(); }
  uint64_t riders_in(uint32_t city) const { return riders_.size(city); }
  // Whether the riders wait on disk rather than in memory.
  bool riders_in_file() const { return riders_.in_file(); }
  uint32_t cities() const { return static_cast<uint32_t>(rides_.cities.size()); }
  const SimContext& context() const { return ctx_; }
  const RideReference& reference() const { return rides_; }
  const CityGeography& geography(uint32_t city) const { return market_.geography(city); }

  // The rides requested in `city` on local date `day` (by request time) and the day's sessions:
  // the riders' days, the drivers' staged scenario rides, the matching, ratings and GPS traces,
  // then what drivers do to them (driver_fraud.h).
  void city_day(uint32_t city, int64_t day, std::vector<MetroRide>& out, std::vector<DriverSession>& sessions) const;

 private:
  const SimContext& ctx_;
  const RideMarket& market_;
  const RideReference& rides_;
  std::vector<DriverPerson> drivers_;
  std::vector<std::vector<const DriverPerson*>> drivers_of_city_;
  RiderStore riders_;
  std::vector<uint64_t> riders_before_;  // riders of the capitals before each
};

}  // namespace fraudgen
