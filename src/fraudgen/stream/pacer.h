// When each event is due on the wall clock. The schedule is absolute, fixed at the first event
// sent: event n is due at t0 + n / rate, or at t0 + (its simulated time - the first's) / speed.
// Time spent producing and sending never accumulates, so the delivered rate does not drift.
// With a simulated origin, --speed measures from it instead of the first event: at speed 1 with
// the origin at the wall clock's now, each event leaves at its own simulated time (a live stream).
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>

namespace fraudgen {

struct Pace {
  enum Mode { Max, Rate, Speed } mode = Rate;
  double value = 100;  // events per second (Rate) or simulated seconds per wall second (Speed)
};

class Pacer {
 public:
  using Clock = std::chrono::steady_clock;
  // `wall_origin`: the instant the simulated origin stands for (--start-at now: when it was read),
  // so the time spent simulating before the first event is not added to every due time.
  explicit Pacer(Pace pace, std::optional<int64_t> sim_origin_ms = {}, std::optional<Clock::time_point> wall_origin = {})
      : pace_(pace), origin_(sim_origin_ms), wall_origin_(wall_origin) {}
  // Due time of the n-th event sent (0-based) whose simulated time is `sim_ms`; the first call
  // starts the schedule now.
  Clock::time_point due(uint64_t n, int64_t sim_ms);
  // Sleeps until `t` (absolute, on the monotonic clock) or until `stop`, checked every 100 ms.
  static void sleep_until(Clock::time_point t, const std::atomic<bool>& stop);
  bool paced() const { return pace_.mode != Pace::Max; }

 private:
  Pace pace_;
  std::optional<int64_t> origin_;
  std::optional<Clock::time_point> wall_origin_;
  bool started_ = false;
  Clock::time_point t0_;
  int64_t sim0_ = 0;
};

}  // namespace fraudgen
