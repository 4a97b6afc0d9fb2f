// Turns SIGINT/SIGTERM into a stop flag without a global: the signals are blocked in every
// thread and one watcher thread receives them with sigwait.
#pragma once
#include <atomic>
#include <csignal>
#include <thread>

namespace fraudgen {

class InterruptWatcher {
 public:
  // Must be constructed before any other thread starts, so they inherit the blocked mask.
  explicit InterruptWatcher(std::atomic<bool>& stop);
  ~InterruptWatcher();
  bool interrupted() const { return interrupted_; }

 private:
  std::atomic<bool>& stop_;
  std::atomic<bool> interrupted_{false};
  sigset_t set_;
  std::thread thread_;
};

}  // namespace fraudgen
