// Progress of `generate` on stderr: percent, rows, rows/s, MB/s and ETA (status_line.h).
#pragma once
#include <chrono>

#include "fraudgen/run/executor.h"
#include "fraudgen/run/status_line.h"

namespace fraudgen {

class Progress {
 public:
  Progress(const RunCounters& counters, bool enabled);
  void stop() { line_.stop(); }

 private:
  void print() const;
  const RunCounters& counters_;
  std::chrono::steady_clock::time_point start_;
  StatusLine line_;  // last: its thread stops before the members it reads go
};

}  // namespace fraudgen
