#include "fraudgen/stream/pacer.h"

#include <time.h>

#include <algorithm>
#include <cerrno>

namespace fraudgen {

Pacer::Clock::time_point Pacer::due(uint64_t n, int64_t sim_ms) {
  if (!started_) {
    started_ = true;
    t0_ = wall_origin_ && origin_ && *origin_ <= sim_ms ? *wall_origin_ : Clock::now();
    sim0_ = origin_ ? std::min(*origin_, sim_ms) : sim_ms;
  }
  switch (pace_.mode) {
    case Pace::Max: return t0_;
    case Pace::Rate: return t0_ + std::chrono::nanoseconds(static_cast<int64_t>(static_cast<double>(n) * 1e9 / pace_.value));
    case Pace::Speed:
      return t0_ + std::chrono::nanoseconds(static_cast<int64_t>(static_cast<double>(sim_ms - sim0_) * 1e6 / pace_.value));
  }
  return t0_;
}

void Pacer::sleep_until(Clock::time_point t, const std::atomic<bool>& stop) {
  // steady_clock is CLOCK_MONOTONIC here: sleep to the absolute instant, so a late wake-up
  // does not push the next one later.
  for (;;) {
    if (stop) return;
    const Clock::time_point now = Clock::now();
    if (now >= t) return;
    const Clock::time_point until = std::min(t, now + std::chrono::milliseconds(100));
    const int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(until.time_since_epoch()).count();
    timespec ts{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
    }
  }
}

}  // namespace fraudgen
