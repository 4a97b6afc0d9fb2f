#include "fraudgen/rides/ride_history.h"

#include <algorithm>
#include <tuple>

namespace fraudgen {
namespace {

// One kind of event, sorted by (who, when), with running sums of stars so a window's count and
// total are two binary searches.
struct EventIndex {
  struct Event {
    uint64_t who, whom;  // whom: the other side of a pair, else 0
    int64_t at;
    int32_t stars;       // 0 = not rated
  };
  std::vector<Event> events;
  std::vector<int32_t> rated;  // prefix counts of rated events
  std::vector<int64_t> stars;  // prefix sums of stars

  void add(uint64_t who, uint64_t whom, int64_t at, int32_t s = 0) { events.push_back({who, whom, at, s}); }
  void finish() {
    std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return std::tie(a.who, a.whom, a.at) < std::tie(b.who, b.whom, b.at); });
    rated.assign(events.size() + 1, 0);
    stars.assign(events.size() + 1, 0);
    for (size_t i = 0; i < events.size(); ++i) {
      rated[i + 1] = rated[i] + (events[i].stars > 0);
      stars[i + 1] = stars[i] + events[i].stars;
    }
  }
  size_t lower(uint64_t who, uint64_t whom, int64_t at) const {
    return static_cast<size_t>(std::lower_bound(events.begin(), events.end(), std::tuple(who, whom, at),
                                                [](const Event& e, const std::tuple<uint64_t, uint64_t, int64_t>& k) {
                                                  return std::tie(e.who, e.whom, e.at) < k;
                                                }) -
                               events.begin());
  }
  // Events of (who, whom) in [at - window, at): their count, rated count and stars.
  struct Window { int32_t count, rated; int64_t stars; };
  Window before(uint64_t who, uint64_t whom, int64_t at) const {
    const size_t a = lower(who, whom, at - kRideHistoryMillis), b = lower(who, whom, at);
    return {static_cast<int32_t>(b - a), rated[b] - rated[a], stars[b] - stars[a]};
  }
};

uint64_t account(uint64_t person, RideApp app) { return person * 4 + static_cast<uint64_t>(app); }

}  // namespace

void ride_history(const std::vector<MetroRide>& rides, size_t first, std::vector<RideHistory>& out) {
  EventIndex driver_trips, driver_cancels, rider_requests, rider_cancels, rider_trips, pair_trips;
  for (const MetroRide& m : rides) {
    const RideTrip& t = m.trip;
    const uint64_t rider = account(m.request.customer, m.request.app);
    rider_requests.add(rider, 0, t.request_ms);
    if (t.status == RideStatus::RiderCancelled) rider_cancels.add(rider, 0, t.cancel_ms);
    if (m.driver < 0) continue;
    const uint64_t driver = account(static_cast<uint64_t>(m.driver), m.request.app);
    if (t.status == RideStatus::DriverCancelled) driver_cancels.add(driver, 0, t.cancel_ms);
    if (t.status != RideStatus::Completed) continue;
    driver_trips.add(driver, 0, t.end_ms, m.rating_by_rider);
    rider_trips.add(rider, 0, t.end_ms, m.rating_by_driver);
    pair_trips.add(rider, driver, t.end_ms);
  }
  for (EventIndex* e : {&driver_trips, &driver_cancels, &rider_requests, &rider_cancels, &rider_trips, &pair_trips}) e->finish();
  out.assign(rides.size() - first, {});
  for (size_t i = first; i < rides.size(); ++i) {
    const MetroRide& m = rides[i];
    const int64_t at = m.trip.request_ms;
    const uint64_t rider = account(m.request.customer, m.request.app);
    RideHistory& h = out[i - first];
    h.rider_requests = rider_requests.before(rider, 0, at).count;
    h.rider_cancels = rider_cancels.before(rider, 0, at).count;
    const auto rt = rider_trips.before(rider, 0, at);
    h.rider_rated = rt.rated;
    h.rider_stars = static_cast<double>(rt.stars);
    if (m.driver < 0) continue;
    const uint64_t driver = account(static_cast<uint64_t>(m.driver), m.request.app);
    const auto dt = driver_trips.before(driver, 0, at);
    h.driver_trips = dt.count;
    h.driver_rated = dt.rated;
    h.driver_stars = static_cast<double>(dt.stars);
    h.driver_cancels = driver_cancels.before(driver, 0, at).count;
    h.pair_rides = pair_trips.before(rider, driver, at).count;
  }
}

}  // namespace fraudgen
