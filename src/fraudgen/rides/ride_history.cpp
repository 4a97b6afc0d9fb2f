#include "fraudgen/rides/ride_history.h"

#include <algorithm>
#include <stdexcept>

namespace fraudgen {
namespace {

// One kind of event, sorted by (who, when) packed in one 128-bit key, with running sums of stars
// so a window's count and total are two binary searches.
struct EventIndex {
  using Key = unsigned __int128;
  static Key key(uint64_t who, int64_t at) { return (static_cast<Key>(who) << 64) | static_cast<uint64_t>(at); }  // times are positive
  struct Event {
    Key key;
    int32_t stars;  // 0 = not rated
  };
  std::vector<Event> events;
  std::vector<int32_t> rated;  // prefix counts of rated events
  std::vector<int64_t> stars;  // prefix sums of stars

  void add(uint64_t who, int64_t at, int32_t s = 0) { events.push_back({key(who, at), s}); }
  void finish() {
    std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.key < b.key; });
    rated.assign(events.size() + 1, 0);
    stars.assign(events.size() + 1, 0);
    for (size_t i = 0; i < events.size(); ++i) {
      rated[i + 1] = rated[i] + (events[i].stars > 0);
      stars[i + 1] = stars[i] + events[i].stars;
    }
  }
  struct Window { int32_t count, rated; int64_t stars; };
  struct Query {
    Key key;       // (who, at)
    uint32_t ride;
  };
  // Answers fn(ride, window) for each query: the events of its `who` in [at - 7 days, at).
  // Queries sorted like the events move both ends of the window forward only.
  template <typename Fn>
  void answer(std::vector<Query>& queries, Fn fn) const {
    std::sort(queries.begin(), queries.end(), [](const Query& a, const Query& b) { return a.key < b.key; });
    size_t lo = 0, hi = 0;
    for (const Query& q : queries) {
      const Key from = q.key - static_cast<Key>(kRideHistoryMillis);  // instants are past 1970 + 7 days: `who` is unchanged
      while (lo < events.size() && events[lo].key < from) ++lo;
      while (hi < events.size() && events[hi].key < q.key) ++hi;
      fn(q.ride, Window{static_cast<int32_t>(hi - lo), rated[hi] - rated[lo], stars[hi] - stars[lo]});
    }
  }
};

uint64_t account(uint64_t person, RideApp app) { return person * 4 + static_cast<uint64_t>(app); }

// Keys numbered 0, 1, ... in key order.
class DenseNumbers {
 public:
  void clear() { keys_.clear(); }
  void add(uint64_t key) { keys_.push_back(key); }
  void finish() {
    std::sort(keys_.begin(), keys_.end());
    keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
  }
  // The number of a key that was added.
  uint64_t of(uint64_t key) const { return static_cast<uint64_t>(std::lower_bound(keys_.begin(), keys_.end(), key) - keys_.begin()); }

 private:
  std::vector<uint64_t> keys_;
};

// A rider account and a driver account in one number: both numbered within the rides at hand,
// rider accounts below 2^36 and driver accounts below 2^28.
uint64_t pair_of(uint64_t rider, uint64_t driver) {
  if (rider >> 36 || driver >> 28) throw std::logic_error("a rider or driver account beyond the history index's range");
  return (rider << 28) | driver;
}

}  // namespace

RideHistoryEvent history_event(const MetroRide& m) {
  return {m.rider.account_key, m.driver, m.trip.request_ms, m.trip.cancel_ms, m.trip.end_ms, m.request.app, m.trip.status, m.rating_by_rider, m.rating_by_driver};
}

void ride_history(const std::vector<RideHistoryEvent>& rides, size_t first, std::vector<RideHistory>& out) {
  EventIndex driver_trips, driver_cancels, rider_requests, rider_cancels, rider_trips, pair_trips;
  // Rider accounts (their keys are 48 bits) and, for the pairs, driver accounts (second accounts'
  // indices lie far above the population's) numbered densely within the rides.
  thread_local DenseNumbers rider_accounts, driver_accounts;
  rider_accounts.clear();
  driver_accounts.clear();
  for (const RideHistoryEvent& m : rides) {
    rider_accounts.add(m.rider_account);
    if (m.driver >= 0) driver_accounts.add(account(static_cast<uint64_t>(m.driver), m.app));
  }
  rider_accounts.finish();
  driver_accounts.finish();
  auto rider_of = [&](const RideHistoryEvent& m) { return rider_accounts.of(m.rider_account); };
  auto pair_key_of = [&](uint64_t rider, uint64_t driver) { return pair_of(rider, driver_accounts.of(driver)); };
  for (const RideHistoryEvent& t : rides) {
    const uint64_t rider = rider_of(t);
    rider_requests.add(rider, t.request_ms);
    if (t.status == RideStatus::RiderCancelled) rider_cancels.add(rider, t.cancel_ms);
    if (t.driver < 0) continue;
    const uint64_t driver = account(static_cast<uint64_t>(t.driver), t.app);
    if (t.status == RideStatus::DriverCancelled) driver_cancels.add(driver, t.cancel_ms);
    if (t.status != RideStatus::Completed) continue;
    driver_trips.add(driver, t.end_ms, t.rating_by_rider);
    rider_trips.add(rider, t.end_ms, t.rating_by_driver);
    pair_trips.add(pair_key_of(rider, driver), t.end_ms);
  }
  for (EventIndex* e : {&driver_trips, &driver_cancels, &rider_requests, &rider_cancels, &rider_trips, &pair_trips}) e->finish();
  out.assign(rides.size() - first, {});
  std::vector<EventIndex::Query> by_rider, by_driver, by_pair;
  for (size_t i = first; i < rides.size(); ++i) {
    const RideHistoryEvent& m = rides[i];
    const int64_t at = m.request_ms;
    const uint64_t rider = rider_of(m);
    const uint32_t k = static_cast<uint32_t>(i - first);
    by_rider.push_back({EventIndex::key(rider, at), k});
    if (m.driver < 0) continue;
    const uint64_t driver = account(static_cast<uint64_t>(m.driver), m.app);
    by_driver.push_back({EventIndex::key(driver, at), k});
    by_pair.push_back({EventIndex::key(pair_key_of(rider, driver), at), k});
  }
  using W = EventIndex::Window;
  rider_requests.answer(by_rider, [&](uint32_t k, W w) { out[k].rider_requests = w.count; });
  rider_cancels.answer(by_rider, [&](uint32_t k, W w) { out[k].rider_cancels = w.count; });
  rider_trips.answer(by_rider, [&](uint32_t k, W w) {
    out[k].rider_rated = w.rated;
    out[k].rider_stars = static_cast<double>(w.stars);
  });
  driver_trips.answer(by_driver, [&](uint32_t k, W w) {
    out[k].driver_trips = w.count;
    out[k].driver_rated = w.rated;
    out[k].driver_stars = static_cast<double>(w.stars);
  });
  driver_cancels.answer(by_driver, [&](uint32_t k, W w) { out[k].driver_cancels = w.count; });
  pair_trips.answer(by_pair, [&](uint32_t k, W w) { out[k].pair_rides = w.count; });
}

}  // namespace fraudgen
