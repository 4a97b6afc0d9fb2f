// What any rider's day needs, and nothing that depends on the size of the world: the ride
// reference, each capital's geography, and the categories that run in each capital (moto where
// moto rides are allowed, black where the city sets a minimum model year for it, the others
// everywhere). A rider's requests, and what became of each on the rider's side (outcome, times,
// fare, tip), are then a function of (seed, customer, date) alone: the banking side computes a
// rider's ride payments for any day without the rest of the world.
#pragma once
#include <cstdint>
#include <array>
#include <limits>
#include <optional>
#include <vector>

#include "fraudgen/rides/metro_day.h"
#include "fraudgen/rides/rider_fraud.h"

namespace fraudgen {

class RideMarket {
 public:
  // Loads the ride reference data (RideReference::load). Not copyable: the geographies point into it.
  explicit RideMarket(const ReferenceData& ref);
  RideMarket(const RideMarket&) = delete;
  RideMarket& operator=(const RideMarket&) = delete;

  const RideReference& reference() const { return rides_; }
  const CityGeography& geography(uint32_t city) const { return geos_[city]; }
  const std::vector<CityGeography>& geographies() const { return geos_; }
  // By RideReference::categories index.
  const std::vector<bool>& categories_in(uint32_t city) const { return served_[city]; }

  // The banking merchant a ride on `app` is paid to (the brand's first store in merchants.csv).
  int32_t app_merchant(RideApp app) const { return app_merchants_[static_cast<size_t>(app)]; }
  // For a merchant the banking model drew: a store of a ride app's brand (the rides model those
  // payments) becomes a store of the other ride and taxi brands of its category; others stay.
  int32_t outside_the_apps(int32_t merchant) const;

  std::optional<Rider> rider_of(const SimContext& ctx, const Customer& c) const { return make_rider(ctx, rides_, geos_, c); }
  // The rider's requests on local date `day` (in the rider's city's `weather`) with their
  // rider-side outcome, appended to `out` in time order without a driver. A request made while
  // the rider's previous ride (of that day or the night before) is under way is not made.
  // `rates`, when given, are RiderFraudRates(ctx), worked out once by a caller making many rider-days.
  void rider_day(const SimContext& ctx, const Rider& rider, int64_t day, const DayWeather& weather, std::vector<MetroRide>& out,
                 const RiderFraudRates* rates = nullptr) const;
  // rider_day of local dates [first, last] in order, fn(day, rides) for each: the same rides in
  // about half the work (a day's rides also tell when the day before's were over, unless the
  // night before held one of the day's requests back).
  template <typename Fn>
  void rider_days(const SimContext& ctx, const Rider& rider, int64_t first, int64_t last, Fn fn) const {
    thread_local std::vector<MetroRide> rides;
    const RiderFraudRates rates(ctx);
    int64_t yesterday = own_day(ctx, rider, first - 1, weather(ctx, rider.city, first - 1), kNobusy, nullptr).finish;
    for (int64_t day = first; day <= last; ++day) {
      rides.clear();
      const DayWeather w = weather(ctx, rider.city, day);
      const OwnDay today = own_day(ctx, rider, day, w, yesterday, &rides, &rates);
      fn(day, static_cast<const std::vector<MetroRide>&>(rides));
      yesterday = today.held_back ? own_day(ctx, rider, day, w, kNobusy, nullptr).finish : today.finish;
    }
  }
  DayWeather weather(const SimContext& ctx, uint32_t city, int64_t day) const;

 private:
  static constexpr int64_t kNobusy = std::numeric_limits<int64_t>::min();
  struct OwnDay {
    int64_t finish = kNobusy;  // when the day's last ride was over
    bool held_back = false;    // a request fell before `busy_until` as given (the night before's ride)
  };
  // The day's rides made from `busy_until` on (appended when `out`, with the day's fraud at `rates`).
  OwnDay own_day(const SimContext& ctx, const Rider& rider, int64_t day, const DayWeather& weather, int64_t busy_until,
                 std::vector<MetroRide>* out, const RiderFraudRates* rates = nullptr) const;
  const RideReference rides_;
  std::vector<CityGeography> geos_;
  std::vector<std::vector<bool>> served_;
  std::array<int32_t, 3> app_merchants_{};
  std::vector<bool> app_brand_;           // by ReferenceData::merchants index
  std::vector<uint32_t> other_merchants_; // the category's stores of other brands
};

}  // namespace fraudgen
