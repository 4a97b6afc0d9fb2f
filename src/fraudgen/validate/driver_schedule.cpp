#include "fraudgen/validate/driver_schedule.h"

#include <algorithm>
#include <string_view>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/core/random.h"
#include "fraudgen/schema/columns.h"

namespace fraudgen::validate {
namespace {

// Sessions of an area come in online order within a block, and a block's first sessions may begin
// minutes before the previous block's last ones: a day of slack covers that.
constexpr int64_t kSessionSlack = kMillisPerDay;

bool overlap(int64_t a_from, int64_t a_to, int64_t b_from, int64_t b_to) {
  return a_from < b_to && b_from < a_to;
}

std::string span_text(int64_t from, int64_t to) { return format_timestamp_brt(from) + " to " + format_timestamp_brt(to); }

}  // namespace

void DriverSchedule::add_session(const RowRef& r, uint32_t area, uint64_t account, std::optional<uint64_t> phone) {
  namespace sc = session_col;
  if (!r.valid(sc::online_at) || !r.valid(sc::offline_at)) return;
  ctx_.checked(Check::RideAgreement);
  Area& c = areas_[area];
  const Span s{r.i(sc::online_at), r.i(sc::offline_at), account, &r.file, r.file_row};
  std::vector<Span>& mine = c.sessions[account];
  for (const Span& o : mine)
    if (overlap(s.from, s.to, o.from, o.to))
      ctx_.fail(Check::RideAgreement, r, sc::online_at, "no overlap with the account's session " + span_text(o.from, o.to) + " (" + *o.file +
                                                            " row " + std::to_string(o.row) + ")");
  mine.push_back(s);
  if (phone && r.valid(sc::app)) {
    std::vector<Span>& shared = c.phones[hash_combine(*phone, std::hash<std::string_view>()(r.str(sc::app)))];
    for (const Span& o : shared)
      if (o.account != account && overlap(s.from, s.to, o.from, o.to))
        ctx_.fail(Check::RideAgreement, r, sc::online_at, "the phone's other account on the app offline: its session " + span_text(o.from, o.to) + " (" +
                                                              *o.file + " row " + std::to_string(o.row) + ") overlaps");
    shared.push_back(s);
  }
  c.latest_online = std::max(c.latest_online, s.from);
  sweep(c);
}

bool DriverSchedule::covered(const RideFacts& f) const {
  const Area* c = areas_.find(static_cast<size_t>(f.area));
  if (!c) return false;
  auto it = c->sessions.find(f.driver);
  if (it == c->sessions.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [&](const Span& s) { return s.from <= f.accepted && f.accepted < s.to; });
}

bool DriverSchedule::passed(const RideFacts& f) const {
  const Area* c = areas_.find(static_cast<size_t>(f.area));
  return c && c->latest_online > f.accepted + kSessionSlack;
}

void DriverSchedule::check_ride(const RowRef& r, const RideFacts& f) {
  namespace rc = ride_col;
  Area& c = areas_[static_cast<size_t>(f.area)];
  c.now = std::max(c.now, f.requested);
  ctx_.checked(Check::RideAgreement);
  if (!covered(f)) ctx_.fail(Check::RideAgreement, r, rc::accepted_at, "within a session of " + std::string(r.str(rc::driver_id)) + " (driver_sessions)");
  const int64_t until = f.busy_until();
  if (until != kNoInstant) {
    std::vector<Span>& mine = c.rides[f.driver];
    for (const Span& o : mine)
      if (overlap(f.accepted, until, o.from, o.to))
        ctx_.fail(Check::RideAgreement, r, rc::accepted_at, "the driver account free: it is on the ride of " + *o.file + " row " + std::to_string(o.row) +
                                                                " (" + span_text(o.from, o.to) + ")");
    mine.push_back({f.accepted, until, f.driver, &r.file, r.file_row});
  }
  sweep(c);
}

void DriverSchedule::sweep(Area& c) {
  // A later ride is requested (so accepted) after `now`; a later session begins after
  // latest_online less the slack. What ends before both can meet nothing more.
  const int64_t ride_horizon = c.now, session_horizon = std::min(c.now, c.latest_online - kSessionSlack);
  if (std::min(ride_horizon, session_horizon) < c.swept + kHourMillis) return;
  c.swept = std::min(ride_horizon, session_horizon);
  auto drop = [](Spans& spans, int64_t horizon) {
    for (auto it = spans.begin(); it != spans.end();) {
      std::erase_if(it->second, [&](const Span& s) { return s.to <= horizon; });
      it = it->second.empty() ? spans.erase(it) : std::next(it);
    }
  };
  drop(c.rides, ride_horizon);
  drop(c.sessions, session_horizon);
  drop(c.phones, session_horizon);
}

}  // namespace fraudgen::validate
