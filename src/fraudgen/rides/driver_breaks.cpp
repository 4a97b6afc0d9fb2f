#include "fraudgen/rides/driver_breaks.h"

#include <algorithm>

#include "fraudgen/core/civil_time.h"

namespace fraudgen {
namespace {

constexpr uint64_t kBreakDraws = 0xB8EA, kBankWaitDraws = 0xB8EB;

}  // namespace

BusySpans busy_spans(const std::vector<MetroRide>& rides) {
  BusySpans busy;
  for (const MetroRide& m : rides) {
    if (m.driver < 0 || m.trip.accept_ms == kNoTime) continue;
    const int64_t until = m.trip.status == RideStatus::Completed ? m.trip.end_ms : m.trip.cancel_ms;
    busy[static_cast<uint64_t>(m.driver)].emplace_back(m.trip.accept_ms, until);
  }
  return busy;
}

bool idle_between(const BusySpans& busy, uint64_t driver, int64_t from, int64_t to) {
  auto it = busy.find(driver);
  if (it == busy.end()) return true;
  return std::none_of(it->second.begin(), it->second.end(), [&](const auto& s) { return s.first < to && from < s.second; });
}

bool take_offline(std::vector<DriverSession>& sessions, size_t first, const BusySpans& busy, uint64_t driver, int64_t from, int64_t to) {
  if (to <= from || !idle_between(busy, driver, from, to)) return false;
  for (size_t i = first; i < sessions.size(); ++i) {
    DriverSession& s = sessions[i];
    if (s.driver != driver || s.online_ms + kMillisPerMinute > from || to + kMillisPerMinute > s.offline_ms) continue;
    if (local_day_of(to) != local_day_of(s.online_ms)) return false;
    const int64_t back_off = s.offline_ms;
    s.offline_ms = from;
    sessions.push_back({driver, to, back_off});
    return true;
  }
  return false;
}

void take_breaks(const SimContext& ctx, const BusySpans& busy, std::vector<DriverSession>& sessions, size_t first) {
  const double share = ctx.config().calibration.ride_driver_break_share;
  const size_t end = sessions.size();
  for (size_t i = first; i < end; ++i) {
    const DriverSession s = sessions[i];
    if (s.offline_ms - s.online_ms < 120 * kMillisPerMinute) continue;
    Rng r(ctx.config().seed, EntityKind::Driver, s.driver, pair_key(kBreakDraws, static_cast<uint64_t>(s.online_ms)));
    if (!r.chance(share)) continue;
    const int64_t from = s.online_ms + 30 * kMillisPerMinute + static_cast<int64_t>(r.below(static_cast<uint64_t>(s.offline_ms - s.online_ms - 60 * kMillisPerMinute)));
    take_offline(sessions, first, busy, s.driver, from, from + r.range(3, 15) * kMillisPerMinute);
  }
}

void wait_for_surges(const SimContext& ctx, const std::vector<MetroRide>& rides, const BusySpans& busy, std::vector<DriverSession>& sessions, size_t first) {
  const double share = ctx.config().calibration.ride_driver_break_share;
  for (const MetroRide& m : rides) {
    if (m.trip.surge_tenths <= 10 || m.driver < 0 || m.trip.accept_ms == kNoTime || m.wanted_driver >= 0) continue;  // not a scheme's staged ride
    const uint64_t driver = static_cast<uint64_t>(m.driver);
    Rng r(ctx.config().seed, EntityKind::Driver, driver, pair_key(kBankWaitDraws, static_cast<uint64_t>(m.trip.accept_ms)));
    if (!r.chance(share)) continue;
    // Off while waiting (in an airport's lot, parked near a busy area), back when the surge rose.
    const int64_t back = m.trip.accept_ms - r.range(30, 300) * kMillisPerSecond;
    take_offline(sessions, first, busy, driver, back - r.range(4, 18) * kMillisPerMinute, back);
  }
}

}  // namespace fraudgen
