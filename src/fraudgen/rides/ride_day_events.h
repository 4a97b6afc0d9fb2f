// The history events of dispatch areas' days, shared by a run's workers. A ride block's 8 days of
// lookback are the last days of its area's block before it, which a worker has usually just
// simulated: it leaves their events here and the next block reads them instead of simulating
// those days again (with spans of a few days, the lookback was most of a block's work). A day's
// events are a function of its area and date alone, so whichever worker stores them, every
// block reads the same. Keeps an area's days only while a block may still read them: the
// kKeptDays before the latest day stored for that area (blocks are taken in day order, a few at
// a time, and read the 8 days before them). Held in memory, at most `limit_bytes` (dropping the
// earliest), or with a folder in a scratch file there (scratch_file.h), where a dropped day's
// disk is freed: then they take no memory however large the world.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <filesystem>
#include <utility>
#include <vector>

#include "fraudgen/core/scratch_file.h"
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
  // In memory (`folder` empty), or in a scratch file in `folder`, where `limit_bytes` does not apply.
  explicit RideDayEvents(size_t limit_bytes, const std::filesystem::path& folder = {});

  // Appends the events of `area` on local date `day` to `out`; false when nobody left them (or
  // they were dropped).
  bool find(uint32_t area, int64_t day, Events& out) const;
  void put(uint32_t area, int64_t day, const RideHistoryEvent* events, size_t count);
  // Bytes held in memory now (none with a folder).
  size_t held_bytes() const;

 private:
  struct Day {
    std::shared_ptr<const Events> held;  // in memory
    uint64_t offset = 0, count = 0;      // in the file
  };
  size_t bytes_of(const Day& d) const { return file_ ? 0 : d.held->size() * sizeof(RideHistoryEvent) + 64; }
  // Whether a day would be kept: not stored yet, and not before what the area keeps. keeps()
  // with the lock held, wanted() taking it.
  bool keeps(uint32_t area, int64_t day) const;
  bool wanted(uint32_t area, int64_t day) const;
  void drop(std::map<std::pair<int64_t, uint32_t>, Day>::iterator it);
  std::unique_ptr<ScratchFile> file_;
  mutable std::mutex mutex_;
  std::map<std::pair<int64_t, uint32_t>, Day> days_;  // by (day, area)
  std::map<uint32_t, int64_t> latest_;  // the latest day stored, by area
  size_t bytes_ = 0;
  const size_t limit_;
};

}  // namespace fraudgen
