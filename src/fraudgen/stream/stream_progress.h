// The stream's progress on stderr: while the world is simulated, blocks done; while events are
// sent, how many, the rate over the last interval, the simulated time and the lag behind the
// schedule. A live line on a terminal, a plain line every 5 seconds otherwise.
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "fraudgen/stream/stream_runner.h"

namespace fraudgen {

class StreamProgress {
 public:
  StreamProgress(const StreamCounters& counters, bool enabled);
  ~StreamProgress();  // stops and clears the live line

 private:
  void loop();
  void print(double interval_seconds);
  const StreamCounters& counters_;
  bool terminal_;
  uint64_t last_sent_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace fraudgen
