#include "fraudgen/rides/ride_day_events.h"

#include <algorithm>

#include "fraudgen/rides/rider_fraud.h"

namespace fraudgen {

double mean_ride_day_events_bytes(uint64_t riders) {
  return static_cast<double>(riders) * kRequestsPerRiderDay * static_cast<double>(RideDayEvents::kKeptDays + 1) * static_cast<double>(sizeof(RideHistoryEvent));
}

size_t kept_ride_day_events_bytes(uint64_t riders) { return static_cast<size_t>(1.5 * mean_ride_day_events_bytes(riders)); }

size_t shared_ride_day_events_bytes(uint64_t riders) { return std::max<size_t>(size_t{64} << 20, kept_ride_day_events_bytes(riders)); }

std::shared_ptr<const RideDayEvents::Events> RideDayEvents::find(uint32_t city, int64_t day) const {
  std::lock_guard lock(mutex_);
  auto it = days_.find({day, city});
  return it == days_.end() ? nullptr : it->second;
}

void RideDayEvents::put(uint32_t city, int64_t day, Events events) {
  const size_t bytes = bytes_of(events);
  if (bytes > limit_) return;
  auto shared = std::make_shared<const Events>(std::move(events));
  std::lock_guard lock(mutex_);
  int64_t& latest = latest_.try_emplace(city, day).first->second;
  if (day < latest - kKeptDays) return;  // a late worker's: no block will read it
  if (!days_.emplace(std::pair{day, city}, std::move(shared)).second) return;  // another worker's copy is the same
  bytes_ += bytes;
  if (day > latest) {
    latest = day;
    for (auto it = days_.begin(); it != days_.end() && it->first.first < day - kKeptDays;) {
      if (it->first.second != city) {
        ++it;
        continue;
      }
      bytes_ -= bytes_of(*it->second);
      it = days_.erase(it);
    }
  }
  while (bytes_ > limit_) {
    bytes_ -= bytes_of(*days_.begin()->second);
    days_.erase(days_.begin());
  }
}

}  // namespace fraudgen
