// What the simulation depends on: everything that changes output bytes is here (plus the seed).
#pragma once
#include <cstdint>

#include "fraudgen/rides/dispatch_areas.h"
#include "fraudgen/sim/calibration.h"

namespace fraudgen {

struct SimConfig {
  uint64_t seed = 0;
  int64_t start_day = 0;   // first local date, days since 1970-01-01
  int64_t end_day = 0;     // last local date, inclusive
  bool profiles = true;
  double fraud_rate = 0.0;
  Difficulty difficulty = Difficulty::Realistic;
  Calibration calibration = calibration_preset(Difficulty::Realistic);
  uint64_t dispatch_area_drivers = kDispatchAreaDrivers;  // a capital with more drivers is matched in areas (dispatch_areas.h)
  int64_t days() const { return end_day - start_day + 1; }
};

}  // namespace fraudgen
