// Recomputes the 7-day history features of every ride from the rides before it, as
// rides/ride_history.h defines them: rows of the rides table counted by their own timestamps (a
// trip by ended_at, a cancellation by cancelled_at, a request by requested_at) in
// [requested_at - 7 days, requested_at), per driver account, rider account (rider_account_id)
// and pair. Rides come in request order per dispatch area and riders and drivers stay in their
// area, so each area keeps the events of its last 7 days (and those still to come) only. A ride whose
// window reaches before the dataset's first day cannot be recomputed: rides requested in the
// first 8 days (a trip may end a day after it was asked for) are counted as skipped.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "fraudgen/validate/check_context.h"
#include "fraudgen/validate/per_area.h"
#include "fraudgen/validate/ride_facts.h"

namespace fraudgen::validate {

class RideHistoryCheck {
 public:
  explicit RideHistoryCheck(const CheckContext& ctx);
  void check(const RowRef& row, const RideFacts& facts);
  uint64_t skipped() const { return skipped_; }
  int64_t first_checked() const { return first_; }  // the first request instant recomputed

 private:
  struct Event {
    int64_t at;
    uint64_t other;  // a rider's trip: the driver account
    int32_t stars;   // 0 = not rated
  };
  using Events = std::unordered_map<uint64_t, std::vector<Event>>;
  struct Area {
    Events rider_requests, rider_cancels, rider_trips, driver_trips, driver_cancels;
    int64_t swept = INT64_MIN / 4;
  };
  struct Window {
    int64_t count = 0, rated = 0, stars = 0;
  };
  // Events of `key` (and `other`, when not 0) in [t - 7 days, t).
  static Window window(const Events& events, uint64_t key, int64_t t, uint64_t other = 0);
  void compare(const RowRef& row, const RideFacts& facts, const Area& c);
  void add(const RowRef& row, const RideFacts& facts, Area& c);

  const CheckContext& ctx_;
  PerArea<Area> areas_;
  int64_t first_;
  uint64_t skipped_ = 0;
};

}  // namespace fraudgen::validate
