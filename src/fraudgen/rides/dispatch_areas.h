// Where a ride is matched: a capital's riders and drivers are matched within a dispatch area. A
// capital with more drivers than `--dispatch-area-drivers` is cut into areas of about equal size,
// its riders and drivers dealt to them in turn (the capital's k-th rider, in customer order, and
// its k-th driver, in index order, to area k mod n). An area's people live and ride across the
// whole metro, and its rides, drivers, reserves and fraud schemes are its own, so a day of an
// area is simulated alone: the memory a worker needs for a day stays within an area's, however
// large the world. Areas 0 to cities-1 are the capitals' first areas, so a world whose capitals
// are all one area numbers its areas as its capitals; the others follow, capital by capital.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace fraudgen {

// The default cap: São Paulo passes it at about 1,420,000 customers (about 36,000 requests a day).
// Fewer than 16 would leave an area's rides mostly to reserve drivers.
inline constexpr uint64_t kDispatchAreaDrivers = 4096, kMinDispatchAreaDrivers = 16, kMaxDispatchAreaDrivers = 1'000'000'000;

class DispatchAreas {
 public:
  // `drivers_in[c]`: capital c's drivers (reserves and second accounts excluded), of `population` in all.
  DispatchAreas(std::span<const uint64_t> drivers_in, uint64_t max_drivers, uint64_t population);

  uint32_t size() const { return static_cast<uint32_t>(city_.size()); }
  uint32_t cities() const { return static_cast<uint32_t>(areas_in_.size()); }
  uint32_t city_of(uint32_t area) const { return city_[area]; }
  uint32_t areas_in(uint32_t city) const { return areas_in_[city]; }
  // The area of the capital's k-th rider or k-th driver.
  uint32_t area(uint32_t city, uint64_t k) const;
  // An area's number within its capital, from 1 (the rides' and sessions' dispatch_area).
  uint32_t number(uint32_t area) const { return area < cities() ? 1 : area - first_extra_[city_[area]] + 2; }
  // The drivers of the world (reserves are numbered after them, driver.h).
  uint64_t population() const { return population_; }

 private:
  std::vector<uint32_t> city_, areas_in_, first_extra_;
  uint64_t population_;
};

}  // namespace fraudgen
