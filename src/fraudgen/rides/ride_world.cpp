#include "fraudgen/rides/ride_world.h"

#include <algorithm>

#include "fraudgen/core/parallel.h"
#include "fraudgen/rides/driver_fraud.h"
#include "fraudgen/rides/ride_trace.h"

namespace fraudgen {

namespace {

// The capital of each of the world's drivers.
std::vector<uint8_t> driver_cities(const SimContext& ctx, const RideReference& rides, uint64_t customers) {
  std::vector<uint8_t> out(drivers_for(customers));
  for (uint64_t i = 0; i < out.size(); ++i) out[i] = static_cast<uint8_t>(make_driver(ctx, rides, i).city);
  return out;
}

DispatchAreas areas_of(const SimContext& ctx, const RideReference& rides, const std::vector<uint8_t>& cities) {
  std::vector<uint64_t> in_city(rides.cities.size(), 0);
  for (uint8_t c : cities) ++in_city[c];
  return DispatchAreas(in_city, ctx.config().dispatch_area_drivers, cities.size());
}

}  // namespace

RideWorld::RideWorld(const SimContext& ctx, const RideMarket& market, uint64_t customers, int threads, const std::filesystem::path& spill_dir)
    : RideWorld(ctx, market, customers, threads, spill_dir, driver_cities(ctx, market.reference(), customers)) {}

RideWorld::RideWorld(const SimContext& ctx, const RideMarket& market, uint64_t customers, int threads, const std::filesystem::path& spill_dir,
                     const std::vector<uint8_t>& driver_cities)
    : ctx_(ctx), market_(market), rides_(market.reference()), areas_(areas_of(ctx, rides_, driver_cities)), riders_(areas_.size(), spill_dir) {
  const RideReference& rides = rides_;
  drivers_of_area_.resize(areas_.size());
  std::vector<uint64_t> dealt(rides.cities.size(), 0);
  for (uint64_t i = 0; i < driver_cities.size(); ++i) drivers_of_area_[areas_.area(driver_cities[i], dealt[driver_cities[i]]++)].push_back(i);
  // Customers are taken a batch at a time, cut into parts that find their riders city by city on
  // the threads; the parts are stored in customer order, each rider in its area. A batch's riders
  // (about 4 MB) are all that is held at once when the store is a file.
  constexpr uint64_t kBatchCustomers = 1 << 16;
  const uint64_t parts = std::min<uint64_t>(static_cast<uint64_t>(std::max(threads, 1)), std::max<uint64_t>(std::min(customers, kBatchCustomers) / 4096, 1));
  std::vector<std::vector<std::vector<StoredRider>>> found(parts, std::vector<std::vector<StoredRider>>(rides.cities.size()));
  std::vector<std::vector<StoredRider>> by_area(areas_.size());
  std::fill(dealt.begin(), dealt.end(), 0);
  for (uint64_t first = 0; first < customers; first += kBatchCustomers) {
    for_parts(std::min(kBatchCustomers, customers - first), parts, [&](uint64_t part, uint64_t a, uint64_t b) {
      for (uint64_t i = first + a; i < first + b; ++i)
        if (std::optional<Rider> r = market.rider_of(ctx, make_customer(ctx, i))) found[part][r->city].emplace_back(*r);
    });
    for (auto& part : found)
      for (uint32_t c = 0; c < part.size(); ++c) {
        for (const StoredRider& r : part[c]) by_area[areas_.area(c, dealt[c]++)].push_back(r);
        part[c].clear();
      }
    riders_.add(by_area);
  }
  uint64_t before = 0;
  for (uint32_t a = 0; a < areas(); before += riders_.size(a), ++a) riders_before_.push_back(before);
}

void RideWorld::area_day(uint32_t area, int64_t day, std::vector<MetroRide>& out, std::vector<DriverSession>& sessions) const {
  const SimConfig& cfg = ctx_.config();
  const uint32_t city = areas_.city_of(area);
  const DayWeather weather = day_weather(ctx_.ref(), rides_, cfg.seed, city, day);
  out.clear();
  const RiderFraudRates rates(ctx_);
  riders_.for_each(area, [&](const StoredRider& rd) { market_.rider_day(ctx_, rd.rider(), day, weather, out, &rates); });
  // The area's drivers, made for the day (a few thousand at most: the cap).
  const std::vector<uint64_t>& ids = drivers_of_area_[area];
  std::vector<DriverPerson> people;
  people.reserve(ids.size());
  for (uint64_t i : ids) people.push_back(make_driver(ctx_, rides_, i));
  std::vector<const DriverPerson*> drivers;
  drivers.reserve(people.size());
  for (const DriverPerson& d : people) drivers.push_back(&d);
  const DriverFraudInputs in{city, area, rides_, market_.geography(city), market_.categories_in(city), weather, drivers, riders_,
                              riders_before_[area], riders_.size(), areas_.population()};
  stage_driver_scenario_rides(ctx_, in, day, out);
  const size_t first_session = sessions.size();
  assign_drivers(ctx_, rides_, market_.geography(city), areas_, area, drivers, day, weather, out, sessions);
  for (MetroRide& m : out) {
    if (m.driver >= 0) {
      // One of the area's people, else a reserve or a second account.
      const auto at = std::lower_bound(ids.begin(), ids.end(), static_cast<uint64_t>(m.driver));
      if (at != ids.end() && *at == static_cast<uint64_t>(m.driver)) rate_ride(ctx_, people[static_cast<size_t>(at - ids.begin())], m);
      else rate_ride(ctx_, driver_by_index(ctx_, rides_, areas_, static_cast<uint64_t>(m.driver)), m);
    }
    trace_ride(ctx_, rides_, city, m);
  }
  driver_fraud_after_matching(ctx_, in, day, out, sessions, first_session);
}

}  // namespace fraudgen
