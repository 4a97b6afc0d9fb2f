// A ride's timestamps: the ones its status has, in the order things happen, within the dates of
// the dataset; and the columns that exist only once a driver accepted or the trip was made.
#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/validate/ride_row_checks.h"

namespace fraudgen::validate {
namespace {

namespace col = ride_col;

constexpr int64_t kTipWindow = 30 * kMillisPerDay;  // tips come within 30 days of the trip

}  // namespace

void check_ride_times(const CheckContext& ctx, const RowRef& r, const RideFacts& f) {
  ctx.checked(Check::RideTimes);
  auto fail = [&](int c, std::string expected) { ctx.fail(Check::RideTimes, r, c, std::move(expected)); };
  if (f.requested != kNoInstant) {
    const int64_t day = local_day_of(f.requested);
    if (day < ctx.dataset.start_day || day > ctx.dataset.end_day)
      fail(col::requested_at, "a local date from " + format_date(ctx.dataset.start_day) + " to " + format_date(ctx.dataset.end_day));
  }
  if (f.status < 0) return;  // reported by the schema check
  const std::string status(r.str(col::status));

  // Which timestamps each status has (the rider may cancel before or after a driver accepted).
  const bool completed = f.status == ride_status::completed, accepted = f.accepted != kNoInstant;
  auto want = [&](int c, bool present, const char* why) {
    if (r.valid(c) != present) fail(c, std::string(present ? "a value" : "null") + " on a " + status + " ride (" + why + ")");
  };
  const bool rider_cancelled = f.status == ride_status::rider_cancelled;
  want(col::accepted_at, completed || f.status == ride_status::driver_cancelled || (rider_cancelled && accepted), "a driver accepted unless none came");
  want(col::arrived_at, completed || (rider_cancelled && accepted && r.valid(col::arrived_at)), "the driver reached the pickup");
  want(col::started_at, completed, "the trip began");
  want(col::ended_at, completed, "the trip ended");
  want(col::cancelled_at, !completed, "the request ended without a trip");
  for (int c : {col::actual_distance_m, col::actual_duration_s}) want(c, completed, "the trip was made");
  for (int c : {col::driver_id, col::vehicle_plate, col::pickup_distance_km}) want(c, accepted, "a driver accepted");
  for (int c : {col::rating_by_rider, col::rating_by_driver})
    if (r.valid(c) && (!completed || r.i(c) < 1 || r.i(c) > 5)) fail(c, completed ? "1 to 5 stars" : "null: only completed rides are rated");

  // In the order things happen.
  auto after = [&](int c, int64_t later, int64_t earlier, bool strict, const std::string& what) {
    if (later == kNoInstant || earlier == kNoInstant) return;
    if (strict ? later <= earlier : later < earlier) fail(c, std::string(strict ? "after " : "at or after ") + what + " " + format_timestamp_brt(earlier));
  };
  after(col::accepted_at, f.accepted, f.requested, false, "requested_at");
  after(col::arrived_at, f.arrived, f.accepted, false, "accepted_at");
  after(col::started_at, f.started, f.arrived, false, "arrived_at");
  after(col::ended_at, f.ended, f.started, true, "started_at");
  if (accepted) after(col::cancelled_at, f.cancelled, f.accepted, true, "accepted_at");
  else after(col::cancelled_at, f.cancelled, f.requested, true, "requested_at");
  if (rider_cancelled && f.arrived != kNoInstant && f.cancelled != kNoInstant && f.arrived > f.cancelled)
    fail(col::arrived_at, "at or before cancelled_at " + format_timestamp_brt(f.cancelled) + " (a driver who came later never arrived)");
  if (f.started != kNoInstant && f.ended != kNoInstant && r.valid(col::actual_duration_s) && r.i(col::actual_duration_s) * 1000 != f.ended - f.started)
    fail(col::actual_duration_s, std::to_string((f.ended - f.started) / 1000) + " s, ended_at - started_at");

  // A tip comes after the trip, with its timestamp.
  const bool tipped = r.valid(col::tip_amount) && r.i(col::tip_amount) > 0;
  if (r.valid(col::tipped_at) != tipped) fail(col::tipped_at, tipped ? "the tip's timestamp (tip_amount > 0)" : "null: no tip");
  if (r.valid(col::tipped_at) && f.ended != kNoInstant && (r.i(col::tipped_at) < f.ended || r.i(col::tipped_at) > f.ended + kTipWindow))
    fail(col::tipped_at, "within 30 days after ended_at " + format_timestamp_brt(f.ended));
}

}  // namespace fraudgen::validate
