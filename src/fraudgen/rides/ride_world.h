// The ride-hailing side of a world: its riders (the customers of the capital metros) and drivers,
// and the rides of any capital on any day with the drivers' sessions. Built once per run; a
// city-day is then computed on its own (the riders' requests are theirs alone, the drivers are
// assigned within the day).
#pragma once
#include <cstdint>
#include <vector>

#include "fraudgen/rides/metro_day.h"

namespace fraudgen {

class RideWorld {
 public:
  RideWorld(const SimContext& ctx, const RideReference& rides, uint64_t customers);

  uint64_t drivers() const { return drivers_.size(); }
  const DriverPerson& driver(uint64_t i) const { return drivers_[i]; }
  uint64_t riders() const { return riders_count_; }
  const CityGeography& geography(uint32_t city) const { return geos_[city]; }

  // The rides requested in `city` on local date `day` (by request time) and the day's sessions.
  void city_day(uint32_t city, int64_t day, std::vector<MetroRide>& out, std::vector<DriverSession>& sessions) const;

 private:
  const SimContext& ctx_;
  const RideReference& rides_;
  std::vector<CityGeography> geos_;
  std::vector<DriverPerson> drivers_;
  std::vector<std::vector<const DriverPerson*>> drivers_of_city_;
  std::vector<std::vector<Rider>> riders_of_city_;
  std::vector<std::vector<bool>> served_;
  uint64_t riders_count_ = 0;
};

}  // namespace fraudgen
