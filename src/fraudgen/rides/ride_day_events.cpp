#include "fraudgen/rides/ride_day_events.h"

#include <algorithm>

#include "fraudgen/rides/rider_fraud.h"

namespace fraudgen {

double mean_ride_day_events_bytes(uint64_t riders) {
  return static_cast<double>(riders) * kRequestsPerRiderDay * static_cast<double>(RideDayEvents::kKeptDays + 1) * static_cast<double>(sizeof(RideHistoryEvent));
}

size_t kept_ride_day_events_bytes(uint64_t riders) { return static_cast<size_t>(1.5 * mean_ride_day_events_bytes(riders)); }

size_t shared_ride_day_events_bytes(uint64_t riders) { return std::max<size_t>(size_t{64} << 20, kept_ride_day_events_bytes(riders)); }

RideDayEvents::RideDayEvents(size_t limit_bytes, const std::filesystem::path& folder) : limit_(limit_bytes) {
  if (!folder.empty()) file_ = std::make_unique<ScratchFile>(folder);
}

bool RideDayEvents::keeps(uint32_t area, int64_t day) const {
  const auto latest = latest_.find(area);
  return !days_.count({day, area}) && (latest == latest_.end() || day >= latest->second - kKeptDays);
}

bool RideDayEvents::wanted(uint32_t area, int64_t day) const {
  std::lock_guard lock(mutex_);
  return keeps(area, day);
}

bool RideDayEvents::find(uint32_t area, int64_t day, Events& out) const {
  std::lock_guard lock(mutex_);  // held while reading: a day dropped meanwhile would read as zeros
  auto it = days_.find({day, area});
  if (it == days_.end()) return false;
  const Day& d = it->second;
  if (!file_) {
    out.insert(out.end(), d.held->begin(), d.held->end());
    return true;
  }
  const size_t first = out.size();
  out.resize(first + d.count);
  file_->read(d.offset, out.data() + first, d.count * sizeof(RideHistoryEvent));
  return true;
}

size_t RideDayEvents::held_bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

void RideDayEvents::drop(std::map<std::pair<int64_t, uint32_t>, Day>::iterator it) {
  bytes_ -= bytes_of(it->second);
  if (file_) file_->release(it->second.offset, it->second.count * sizeof(RideHistoryEvent));
  days_.erase(it);
}

void RideDayEvents::put(uint32_t area, int64_t day, const RideHistoryEvent* events, size_t count) {
  // Copied or written outside the lock (each put has its own room in the file); a day another
  // worker stored meanwhile is dropped below.
  if (!wanted(area, day)) return;
  Day d;
  if (file_) {
    d.offset = file_->append(events, count * sizeof(RideHistoryEvent));
    d.count = count;
  } else {
    d.held = std::make_shared<const Events>(events, events + count);
    if (bytes_of(d) > limit_) return;
  }
  const size_t bytes = bytes_of(d);
  std::lock_guard lock(mutex_);
  // A late worker's day (no block will read it), or another worker's copy of one stored: the same.
  if (!keeps(area, day)) {
    if (file_) file_->release(d.offset, count * sizeof(RideHistoryEvent));
    return;
  }
  days_.emplace(std::pair{day, area}, std::move(d));
  bytes_ += bytes;
  int64_t& latest = latest_.try_emplace(area, day).first->second;
  if (day > latest) {
    latest = day;
    for (auto it = days_.begin(); it != days_.end() && it->first.first < day - kKeptDays;) {
      if (it->first.second != area) {
        ++it;
        continue;
      }
      drop(it++);
    }
  }
  while (bytes_ > limit_) drop(days_.begin());
}

}  // namespace fraudgen
