// The history events of capitals' days, shared by a run's workers. A ride block's 8 days of
// lookback are the last days of its city's block before it, which a worker has usually just
// simulated: it leaves their events here and the next block reads them instead of simulating
// those days again (with spans of a few days, the lookback was most of a block's work). A day's
// events are a function of its city and date alone, so whichever worker stores them, every
// block reads the same. Keeps a city's days only while a block may still read them: the
// kKeptDays before the latest day stored for that city (blocks are taken in day order, a few at
// a time, and read the 8 days before them); and at most `limit_bytes`, dropping the earliest.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "fraudgen/rides/ride_history.h"

namespace fraudgen {

// What a run of `riders` riders lets its workers share: every capital's kept days (kKeptDays + 1
// of them, at 1.5 times the mean requests of a rider-day, for busy days), and at least 64 MB.
// A block whose 8 days before were dropped simulates them again: with a fixed 64 MB, worlds
// above about 800,000 customers did so for most blocks (1.58x the CPU at 2,000,000 customers
// over a week, for 7% less memory).
size_t shared_ride_day_events_bytes(uint64_t riders);
// The part of it that every capital's kept days take (without the 64 MB floor).
size_t kept_ride_day_events_bytes(uint64_t riders);
// What those days take at the mean requests of a rider-day (plan's memory estimate).
double mean_ride_day_events_bytes(uint64_t riders);

class RideDayEvents {
 public:
  using Events = std::vector<RideHistoryEvent>;
  // Twice the lookback: room for the blocks the other workers are still making.
  static constexpr int64_t kKeptDays = 2 * kRideHistoryLookbackDays;
  explicit RideDayEvents(size_t limit_bytes) : limit_(limit_bytes) {}

  // The events of `city` on local date `day`, or null when nobody left them (or they were dropped).
  std::shared_ptr<const Events> find(uint32_t city, int64_t day) const;
  void put(uint32_t city, int64_t day, Events events);

 private:
  static size_t bytes_of(const Events& e) { return e.size() * sizeof(RideHistoryEvent) + 64; }
  mutable std::mutex mutex_;
  std::map<std::pair<int64_t, uint32_t>, std::shared_ptr<const Events>> days_;  // by (day, city)
  std::map<uint32_t, int64_t> latest_;  // the latest day stored, by city
  size_t bytes_ = 0;
  const size_t limit_;
};

}  // namespace fraudgen
