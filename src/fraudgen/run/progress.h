// Progress on stderr: a live line on a terminal, a plain line every few seconds otherwise.
#pragma once
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "fraudgen/run/executor.h"

namespace fraudgen {

class Progress {
 public:
  Progress(const RunCounters& counters, bool enabled);
  ~Progress();  // stops and clears the live line
  void stop();

 private:
  void loop();
  void print();
  const RunCounters& counters_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace fraudgen
