#include "fraudgen/rides/account_handover.h"

#include <algorithm>
#include <utility>

#include "fraudgen/core/civil_time.h"

namespace fraudgen {
namespace {

// Where the owner's day can switch accounts, at or after `from`: a moment offline, or a gap cut
// out of a session where the owner was on no ride. kNoTime when none is left in the day.
int64_t switch_point(const Handover& h, const BusySpans& busy, std::vector<DriverSession>& sessions, size_t first, int64_t day_end) {
  const uint64_t owner = h.owner->index;
  // The owner's sessions, found once: they change only when a gap is cut, which ends the search.
  std::vector<std::pair<int64_t, int64_t>> online;
  for (size_t i = first; i < sessions.size(); ++i)
    if (sessions[i].driver == owner) online.emplace_back(sessions[i].online_ms, sessions[i].offline_ms);
  for (int64_t t = h.from_ms; t + h.gap_ms < day_end; t += 3 * kMillisPerMinute) {
    const bool held = std::any_of(online.begin(), online.end(), [&](const auto& s) { return s.first <= t && t < s.second; });
    if (!held) return t;
    if (take_offline(sessions, first, busy, owner, t, t + h.gap_ms)) return t + h.gap_ms;
  }
  return kNoTime;
}

}  // namespace

size_t hand_over(const Handover& h, const BusySpans& busy, std::vector<MetroRide>& rides, std::vector<DriverSession>& sessions, size_t first) {
  const uint64_t owner = h.owner->index;
  const int64_t day_end = day_start_ms(local_day_of(h.from_ms) + 1);
  const int64_t cut = switch_point(h, busy, sessions, first, day_end);
  if (cut == kNoTime) return 0;
  // The owner's other apps stay online; the second account's app is the second account's.
  const uint8_t app_bit = static_cast<uint8_t>(1u << static_cast<int>(h.app));
  const uint8_t others = static_cast<uint8_t>(h.owner->apps & ~app_bit);
  bool worked = false;
  for (size_t i = first, end = sessions.size(); i < end; ++i) {
    DriverSession& s = sessions[i];
    if (s.driver != owner || s.online_ms < cut) continue;
    worked = true;
    const DriverSession handed{h.second->index, s.online_ms, s.offline_ms};
    if (others) s.apps = static_cast<uint8_t>(s.apps & others);
    if (!others || s.apps == 0) s = handed;
    else sessions.push_back(handed);
  }
  if (!worked) return 0;
  size_t handed = 0;
  for (MetroRide& m : rides) {
    if (m.driver != static_cast<int64_t>(owner) || m.request.app != h.app || m.trip.accept_ms == kNoTime || m.trip.accept_ms < cut) continue;
    m.driver = static_cast<int64_t>(h.second->index);
    if (h.label.any()) m.fraud = h.label;
    ++handed;
  }
  return handed;
}

}  // namespace fraudgen
