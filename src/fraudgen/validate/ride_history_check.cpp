#include "fraudgen/validate/ride_history_check.h"

#include "fraudgen/core/civil_time.h"
#include "fraudgen/format/value_writer.h"
#include "fraudgen/schema/columns.h"

namespace fraudgen::validate {
namespace {


constexpr int64_t kRideWindow = 7 * kMillisPerDay;
constexpr int64_t kRideLookbackDays = 8;  // the window, and a day for trips that end the day after their request

std::string stars_text(double v) {
  char buf[40];
  return std::string(buf, write_double(buf, v));
}

}  // namespace

RideHistoryCheck::RideHistoryCheck(const CheckContext& ctx)
    : ctx_(ctx), first_((ctx.dataset.start_day + kRideLookbackDays) * kMillisPerDay - kBrasiliaOffsetMillis) {}

RideHistoryCheck::Window RideHistoryCheck::window(const Events& events, uint64_t key, int64_t t, uint64_t other) {
  Window w;
  auto it = events.find(key);
  if (it == events.end()) return w;
  for (const Event& e : it->second)
    if (e.at >= t - kRideWindow && e.at < t && (other == 0 || e.other == other)) {
      ++w.count;
      w.rated += e.stars > 0;
      w.stars += e.stars;
    }
  return w;
}

void RideHistoryCheck::check(const RowRef& r, const RideFacts& f) {
  if (f.area < 0 || !f.rider || f.requested == kNoInstant || f.status < 0) return;
  Area& c = areas_[static_cast<size_t>(f.area)];
  if (f.requested < first_) ++skipped_;
  else compare(r, f, c);
  add(r, f, c);
  // What ended before the window of this (and so every later) request counts no more.
  if (f.requested - kRideWindow >= c.swept + kHourMillis) {
    c.swept = f.requested - kRideWindow;
    for (Events* events : {&c.rider_requests, &c.rider_cancels, &c.rider_trips, &c.driver_trips, &c.driver_cancels})
      for (auto it = events->begin(); it != events->end();) {
        std::erase_if(it->second, [&](const Event& e) { return e.at < c.swept; });
        it = it->second.empty() ? events->erase(it) : std::next(it);
      }
  }
}

void RideHistoryCheck::compare(const RowRef& r, const RideFacts& f, const Area& c) {
  ctx_.checked(Check::RideHistory);
  const int64_t t = f.requested;
  auto count = [&](int column, int64_t want, const char* what) {
    if (!r.valid(column)) return ctx_.fail(Check::RideHistory, r, column, std::to_string(want) + " " + what);
    if (r.i(column) != want) ctx_.fail(Check::RideHistory, r, column, std::to_string(want) + " " + what);
  };
  auto mean = [&](int column, const Window& w, const char* what) {
    if (w.rated == 0) {
      if (r.valid(column)) ctx_.fail(Check::RideHistory, r, column, std::string("null: no ") + what);
      return;
    }
    const double want = static_cast<double>(w.stars) / static_cast<double>(w.rated);
    if (!r.valid(column) || r.d(column) != want) ctx_.fail(Check::RideHistory, r, column, stars_text(want) + ", the mean of " + std::to_string(w.rated) + " " + what);
  };
  count(ride_col::rider_requests_7d, window(c.rider_requests, f.rider, t).count, "requests of the rider account in the 7 days before");
  count(ride_col::rider_cancels_7d, window(c.rider_cancels, f.rider, t).count, "CANCELLED_BY_RIDER rides of the rider account cancelled in the 7 days before");
  mean(ride_col::rider_rating_7d, window(c.rider_trips, f.rider, t), "rating_by_driver of the rider account's rides ended in the 7 days before");
  if (!f.driver) {
    for (int column : {ride_col::driver_trips_7d, ride_col::driver_rating_7d, ride_col::driver_cancels_7d, ride_col::pair_rides_7d})
      if (r.valid(column)) ctx_.fail(Check::RideHistory, r, column, "null: no driver");
    return;
  }
  const Window trips = window(c.driver_trips, f.driver, t);
  count(ride_col::driver_trips_7d, trips.count, "COMPLETED rides of the driver account ended in the 7 days before");
  mean(ride_col::driver_rating_7d, trips, "rating_by_rider of the driver account's rides ended in the 7 days before");
  count(ride_col::driver_cancels_7d, window(c.driver_cancels, f.driver, t).count, "CANCELLED_BY_DRIVER rides of the driver account in the 7 days before");
  count(ride_col::pair_rides_7d, window(c.rider_trips, f.rider, t, f.driver).count, "COMPLETED rides of this rider account with this driver account ended in the 7 days before");
}

void RideHistoryCheck::add(const RowRef& r, const RideFacts& f, Area& c) {
  c.rider_requests[f.rider].push_back({f.requested, 0, 0});
  if (f.status == ride_status::rider_cancelled && f.cancelled != kNoInstant) c.rider_cancels[f.rider].push_back({f.cancelled, 0, 0});
  if (!f.driver) return;
  if (f.status == ride_status::driver_cancelled && f.cancelled != kNoInstant) c.driver_cancels[f.driver].push_back({f.cancelled, 0, 0});
  if (f.status != ride_status::completed || f.ended == kNoInstant) return;
  const auto stars = [&](int column) { return r.valid(column) ? static_cast<int32_t>(r.i(column)) : 0; };
  c.driver_trips[f.driver].push_back({f.ended, 0, stars(ride_col::rating_by_rider)});
  c.rider_trips[f.rider].push_back({f.ended, f.driver, stars(ride_col::rating_by_driver)});
}

}  // namespace fraudgen::validate
