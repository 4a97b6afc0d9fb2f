#include "fraudgen/rides/ride_history.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "fraudgen/core/random.h"

namespace fraudgen {
namespace {

// One kind of event as one 64-bit key, sorted: who (numbered densely within the rides at hand)
// in the top 27 bits, the instant (ms after the rides' origin) in the next 34, the stars given in
// the low 3. Which of two events at one instant comes first changes no window, so a window's
// count is two positions in the array, and for rated events prefix sums give its ratings.
// 8 bytes an event (8 more for the rated kinds' sums), for the events of one part of the
// accounts at a time (HistoryPart).
struct EventIndex {
  static constexpr int kStarBits = 3, kTimeBits = 34, kWhoBits = 64 - kStarBits - kTimeBits;
  static uint64_t key(uint64_t who, uint64_t t, uint64_t stars = 0) { return (((who << kTimeBits) | t) << kStarBits) | stars; }
  std::vector<uint64_t> events;
  std::vector<int32_t> rated, stars;  // prefix counts of rated events and sums of stars (finish(true))

  void add(uint64_t who, uint64_t t, int32_t s = 0) {
    if (s < 0 || s >> kStarBits) throw std::logic_error("a rating outside 0-7 stars");
    events.push_back(key(who, t, static_cast<uint64_t>(s)));
  }
  void finish(bool ratings) {
    std::sort(events.begin(), events.end());
    if (!ratings) return;
    rated.assign(events.size() + 1, 0);
    stars.assign(events.size() + 1, 0);
    for (size_t i = 0; i < events.size(); ++i) {
      const int32_t s = static_cast<int32_t>(events[i] & ((1u << kStarBits) - 1));
      rated[i + 1] = rated[i] + (s > 0);
      stars[i + 1] = stars[i] + s;
    }
  }
  struct Window { int32_t count, rated; int64_t stars; };
  struct Query {
    uint64_t key;  // key(who, at)
    uint32_t ride;
  };
  // Answers fn(ride, window) for each query: the events of its `who` in [at - 7 days, at).
  // Queries sorted like the events move both ends of the window forward only.
  template <typename Fn>
  void answer(std::vector<Query>& queries, Fn fn) const {
    std::sort(queries.begin(), queries.end(), [](const Query& a, const Query& b) { return a.key < b.key; });
    size_t lo = 0, hi = 0;
    for (const Query& q : queries) {
      // Every instant lies 7 days or more after the origin: `who` is unchanged.
      const uint64_t from = q.key - (static_cast<uint64_t>(kRideHistoryMillis) << kStarBits);
      while (lo < events.size() && events[lo] < from) ++lo;
      while (hi < events.size() && events[hi] < q.key) ++hi;
      const bool r = !rated.empty();
      fn(q.ride, Window{static_cast<int32_t>(hi - lo), r ? rated[hi] - rated[lo] : 0, r ? int64_t{stars[hi]} - stars[lo] : 0});
    }
  }
};

uint64_t account(uint64_t person, RideApp app) { return person * 4 + static_cast<uint64_t>(app); }

// Keys numbered 0, 1, ... in key order.
template <typename Key>
class DenseNumbers {
 public:
  void clear() { keys_.clear(); }
  void add(const Key& key) { keys_.push_back(key); }
  void finish() {
    std::sort(keys_.begin(), keys_.end());
    keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
  }
  // The number of a key that was added.
  uint64_t of(const Key& key) const { return static_cast<uint64_t>(std::lower_bound(keys_.begin(), keys_.end(), key) - keys_.begin()); }
  uint64_t size() const { return keys_.size(); }

 private:
  std::vector<Key> keys_;
};

bool beyond(uint64_t who) { return who >> EventIndex::kWhoBits != 0; }

// The part of the accounts `p` of `parts`: the events of rider accounts hashing to p feed the
// rider features, those of driver accounts hashing to p the driver and pair features.
struct HistoryPart {
  uint64_t p, parts;
  int64_t origin;
  bool holds(uint64_t key) const { return parts == 1 || mix64(key) % parts == p; }
  bool rider(const RideHistoryEvent& m) const { return holds(m.rider_account); }
  bool driver(const RideHistoryEvent& m) const { return m.driver >= 0 && holds(account(static_cast<uint64_t>(m.driver), m.app)); }
  uint64_t time_of(int64_t ms) const { return static_cast<uint64_t>(ms - origin); }
};

// The history features of `asked` that part `part` answers, into out.
void history_part(const RideEventRuns& events, std::span<const RideHistoryEvent> asked, const HistoryPart& part, std::vector<RideHistory>& out) {
  using Pair = std::pair<uint64_t, uint64_t>;  // (rider account, driver account)
  // Rider accounts (their keys are 48 bits), driver accounts (second accounts' indices lie far
  // above the population's) and the pairs of a ride with a driver, numbered densely within the part.
  thread_local DenseNumbers<uint64_t> rider_accounts, driver_accounts;
  thread_local DenseNumbers<Pair> pairs;
  rider_accounts.clear();
  driver_accounts.clear();
  pairs.clear();
  auto driver_account = [](const RideHistoryEvent& m) { return account(static_cast<uint64_t>(m.driver), m.app); };
  events([&](std::span<const RideHistoryEvent> run) {
    for (const RideHistoryEvent& m : run) {
      if (part.rider(m)) rider_accounts.add(m.rider_account);
      if (!part.driver(m)) continue;
      driver_accounts.add(driver_account(m));
      pairs.add({m.rider_account, driver_account(m)});
    }
  });
  rider_accounts.finish();
  driver_accounts.finish();
  pairs.finish();
  if (beyond(rider_accounts.size()) || beyond(driver_accounts.size()) || beyond(pairs.size())) throw std::logic_error("rides beyond the history index's range");
  EventIndex driver_trips, driver_cancels, rider_requests, rider_cancels, rider_trips, pair_trips;
  events([&](std::span<const RideHistoryEvent> run) {
    for (const RideHistoryEvent& t : run) {
      if (part.rider(t)) {
        const uint64_t rider = rider_accounts.of(t.rider_account);
        rider_requests.add(rider, part.time_of(t.request_ms));
        if (t.status == RideStatus::RiderCancelled) rider_cancels.add(rider, part.time_of(t.cancel_ms));
        if (t.driver >= 0 && t.status == RideStatus::Completed) rider_trips.add(rider, part.time_of(t.end_ms), t.rating_by_driver);
      }
      if (!part.driver(t)) continue;
      const uint64_t driver = driver_accounts.of(driver_account(t));
      if (t.status == RideStatus::DriverCancelled) driver_cancels.add(driver, part.time_of(t.cancel_ms));
      if (t.status != RideStatus::Completed) continue;
      driver_trips.add(driver, part.time_of(t.end_ms), t.rating_by_rider);
      pair_trips.add(pairs.of({t.rider_account, driver_account(t)}), part.time_of(t.end_ms));
    }
  });
  for (EventIndex* e : {&driver_cancels, &rider_requests, &rider_cancels, &pair_trips}) e->finish(false);
  for (EventIndex* e : {&driver_trips, &rider_trips}) e->finish(true);
  std::vector<EventIndex::Query> by_rider, by_driver, by_pair;
  for (size_t i = 0; i < asked.size(); ++i) {
    const RideHistoryEvent& m = asked[i];
    const uint64_t at = part.time_of(m.request_ms);
    const uint32_t k = static_cast<uint32_t>(i);
    if (part.rider(m)) by_rider.push_back({EventIndex::key(rider_accounts.of(m.rider_account), at), k});
    if (!part.driver(m)) continue;
    by_driver.push_back({EventIndex::key(driver_accounts.of(driver_account(m)), at), k});
    by_pair.push_back({EventIndex::key(pairs.of({m.rider_account, driver_account(m)}), at), k});
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

}  // namespace

RideHistoryEvent history_event(const MetroRide& m) {
  return {m.rider.account_key, m.driver, m.trip.request_ms, m.trip.cancel_ms, m.trip.end_ms, m.request.app, m.trip.status, m.rating_by_rider, m.rating_by_driver};
}

void ride_history(const RideEventRuns& events, std::span<const RideHistoryEvent> asked, std::vector<RideHistory>& out, size_t events_per_part) {
  out.assign(asked.size(), {});
  // The events' instants, counted from 7 days before the earliest request, and their number.
  int64_t origin = std::numeric_limits<int64_t>::max(), last = std::numeric_limits<int64_t>::min();
  uint64_t total = 0;
  events([&](std::span<const RideHistoryEvent> run) {
    total += run.size();
    for (const RideHistoryEvent& m : run) {
      origin = std::min(origin, m.request_ms);
      last = std::max({last, m.request_ms, m.status == RideStatus::Completed ? m.end_ms : m.request_ms,
                       m.status == RideStatus::RiderCancelled || m.status == RideStatus::DriverCancelled ? m.cancel_ms : m.request_ms});
    }
  });
  if (total == 0) return;
  origin -= kRideHistoryMillis;
  if (static_cast<uint64_t>(last - origin) >> EventIndex::kTimeBits) throw std::logic_error("rides beyond the history index's range");
  const uint64_t parts = std::max<uint64_t>(1, (total + events_per_part - 1) / std::max<size_t>(events_per_part, 1));
  for (uint64_t p = 0; p < parts; ++p) history_part(events, asked, {p, parts, origin}, out);
}

void ride_history(const std::vector<RideHistoryEvent>& rides, size_t first, std::vector<RideHistory>& out) {
  ride_history([&](const auto& take) { take(std::span<const RideHistoryEvent>(rides)); }, std::span<const RideHistoryEvent>(rides).subspan(first), out);
}

}  // namespace fraudgen
