#include "fraudgen/stream/stream_progress.h"

#include <unistd.h>

#include <cstdio>

#include "fraudgen/core/civil_time.h"

namespace fraudgen {

StreamProgress::StreamProgress(const StreamCounters& counters, bool enabled)
    : counters_(counters), terminal_(::isatty(STDERR_FILENO) != 0) {
  if (enabled) thread_ = std::thread([this] { loop(); });
}

StreamProgress::~StreamProgress() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (terminal_) std::fprintf(stderr, "\r\033[K");
}

void StreamProgress::loop() {
  const auto period = terminal_ ? std::chrono::milliseconds(1000) : std::chrono::milliseconds(5000);
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, period, [this] { return stopping_; })) print(std::chrono::duration<double>(period).count());
}

void StreamProgress::print(double interval_seconds) {
  const char* start = terminal_ ? "\r\033[K" : "";
  const char* end = terminal_ ? "" : "\n";
  if (!counters_.sending) {
    std::fprintf(stderr, "%sfraudgen stream: simulating the world, %llu of %llu blocks%s", start,
                 static_cast<unsigned long long>(counters_.blocks_done.load()),
                 static_cast<unsigned long long>(counters_.blocks.load()), end);
  } else {
    const uint64_t sent = counters_.sent;
    char when[40] = "-";
    if (sent) *write_timestamp_brt(when, counters_.sim_ms) = '\0';
    std::fprintf(stderr, "%sfraudgen stream: %llu events sent | %.1f events/s | simulated %s | lag %.3f s%s", start,
                 static_cast<unsigned long long>(sent), static_cast<double>(sent - last_sent_) / interval_seconds, when,
                 static_cast<double>(counters_.lag_us.load()) / 1e6, end);
    last_sent_ = sent;
  }
  std::fflush(stderr);
}

}  // namespace fraudgen
