#include "fraudgen/rides/ride_world.h"

#include <algorithm>

#include "fraudgen/core/parallel.h"
#include "fraudgen/rides/driver_fraud.h"
#include "fraudgen/rides/ride_trace.h"

namespace fraudgen {

RideWorld::RideWorld(const SimContext& ctx, const RideMarket& market, uint64_t customers, int threads, const std::filesystem::path& spill_dir)
    : ctx_(ctx), market_(market), rides_(market.reference()), riders_(static_cast<uint32_t>(market.reference().cities.size()), spill_dir) {
  const RideReference& rides = rides_;
  const uint64_t n = drivers_for(customers);
  drivers_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) drivers_.push_back(make_driver(ctx, rides, i));
  drivers_of_city_.resize(rides.cities.size());
  for (const DriverPerson& d : drivers_) drivers_of_city_[d.city].push_back(&d);
  // Customers are taken a batch at a time, cut into parts that find their riders city by city on
  // the threads; the parts are stored in customer order. A batch's riders (about 4 MB) are all
  // that is held at once when the store is a file.
  constexpr uint64_t kBatchCustomers = 1 << 16;
  const uint64_t parts = std::min<uint64_t>(static_cast<uint64_t>(std::max(threads, 1)), std::max<uint64_t>(std::min(customers, kBatchCustomers) / 4096, 1));
  std::vector<std::vector<std::vector<StoredRider>>> found(parts, std::vector<std::vector<StoredRider>>(rides.cities.size()));
  for (uint64_t first = 0; first < customers; first += kBatchCustomers) {
    for_parts(std::min(kBatchCustomers, customers - first), parts, [&](uint64_t part, uint64_t a, uint64_t b) {
      for (uint64_t i = first + a; i < first + b; ++i)
        if (std::optional<Rider> r = market.rider_of(ctx, make_customer(ctx, i))) found[part][r->city].emplace_back(*r);
    });
    for (auto& part : found) riders_.add(part);
  }
  for (uint64_t c = 0, before = 0; c < cities(); before += riders_.size(static_cast<uint32_t>(c)), ++c) riders_before_.push_back(before);
}

void RideWorld::city_day(uint32_t city, int64_t day, std::vector<MetroRide>& out, std::vector<DriverSession>& sessions) const {
  const SimConfig& cfg = ctx_.config();
  const DayWeather weather = day_weather(ctx_.ref(), rides_, cfg.seed, city, day);
  out.clear();
  const RiderFraudRates rates(ctx_);
  riders_.for_each(city, [&](const StoredRider& rd) { market_.rider_day(ctx_, rd.rider(), day, weather, out, &rates); });
  const DriverFraudInputs in{city, rides_, market_.geography(city), market_.categories_in(city), weather, drivers_of_city_[city], riders_,
                              riders_before_[city], riders_.size(), drivers_.size()};
  stage_driver_scenario_rides(ctx_, in, day, out);
  const size_t first_session = sessions.size();
  assign_drivers(ctx_, rides_, market_.geography(city), drivers_.size(), drivers_of_city_[city], day, weather, out, sessions);
  for (MetroRide& m : out) {
    if (m.driver >= 0)
      rate_ride(ctx_, static_cast<uint64_t>(m.driver) < drivers_.size() ? drivers_[static_cast<size_t>(m.driver)]
                                                                        : driver_by_index(ctx_, rides_, drivers_.size(), static_cast<uint64_t>(m.driver)),
                m);
    trace_ride(ctx_, rides_, city, m);
  }
  driver_fraud_after_matching(ctx_, in, day, out, sessions, first_session);
}

}  // namespace fraudgen
