#include "fraudgen/rides/dispatch_areas.h"

#include <algorithm>
#include <stdexcept>

namespace fraudgen {

DispatchAreas::DispatchAreas(std::span<const uint64_t> drivers_in, uint64_t max_drivers, uint64_t population) : population_(population) {
  if (max_drivers == 0) throw std::logic_error("a dispatch area of no drivers");
  const uint32_t cities = static_cast<uint32_t>(drivers_in.size());
  for (uint32_t c = 0; c < cities; ++c) {
    city_.push_back(c);
    areas_in_.push_back(static_cast<uint32_t>(std::max<uint64_t>(1, (drivers_in[c] + max_drivers - 1) / max_drivers)));
  }
  for (uint32_t c = 0; c < cities; ++c) {
    first_extra_.push_back(static_cast<uint32_t>(city_.size()));
    city_.insert(city_.end(), areas_in_[c] - 1, c);
  }
}

uint32_t DispatchAreas::area(uint32_t city, uint64_t k) const {
  const uint32_t a = static_cast<uint32_t>(k % areas_in_[city]);
  return a == 0 ? city : first_extra_[city] + a - 1;
}

}  // namespace fraudgen
