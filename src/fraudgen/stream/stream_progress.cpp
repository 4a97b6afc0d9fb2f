#include "fraudgen/stream/stream_progress.h"

#include <cstdio>

#include "fraudgen/core/civil_time.h"

namespace fraudgen {

StreamProgress::StreamProgress(const StreamCounters& counters, const EventSink& sink, bool enabled)
    : counters_(counters), sink_(sink), line_([this](double interval) { print(interval); }, enabled, std::chrono::milliseconds(1000)) {}

void StreamProgress::print(double interval_seconds) {
  if (!counters_.sending) {
    std::fprintf(stderr, "fraudgen stream: simulating the world, %llu of %llu blocks",
                 static_cast<unsigned long long>(counters_.blocks_done.load()),
                 static_cast<unsigned long long>(counters_.blocks.load()));
    return;
  }
  const uint64_t sent = counters_.sent;
  const std::string when = sent ? format_timestamp_brt(counters_.sim_ms) : "-";
  const std::string delivery = sink_.progress();
  std::fprintf(stderr, "fraudgen stream: %llu events sent | %.1f events/s | simulated %s | lag %.3f s%s%s",
               static_cast<unsigned long long>(sent), static_cast<double>(sent - last_sent_) / interval_seconds, when.c_str(),
               static_cast<double>(counters_.lag_us.load()) / 1e6, delivery.empty() ? "" : " | ", delivery.c_str());
  last_sent_ = sent;
}

}  // namespace fraudgen
