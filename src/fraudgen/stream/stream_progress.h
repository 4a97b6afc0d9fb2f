// The stream's progress on stderr (status_line.h): while the world is simulated, blocks done;
// while events are sent, how many, the rate over the last interval, the simulated time, the lag
// behind the schedule and the target's delivery figures (acknowledged, retried, failed).
#pragma once
#include <cstdint>

#include "fraudgen/run/status_line.h"
#include "fraudgen/stream/stream_runner.h"

namespace fraudgen {

class StreamProgress {
 public:
  StreamProgress(const StreamCounters& counters, const EventSink& sink, bool enabled);

 private:
  void print(double interval_seconds);
  const StreamCounters& counters_;
  const EventSink& sink_;
  uint64_t last_sent_ = 0;  // touched by the line's thread only
  StatusLine line_;         // last: its thread stops before the members it reads go
};

}  // namespace fraudgen
