// A status line on stderr, redrawn by its own thread: every second on a terminal (in place),
// every 5 seconds as a plain line otherwise. `print` writes one line's text (without "\r" or
// "\n"); it is called on the line's thread, so it must read only what is safe to read there.
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace fraudgen {

class StatusLine {
 public:
  // `print(interval_seconds)`; nothing runs unless `enabled`.
  StatusLine(std::function<void(double)> print, bool enabled, std::chrono::milliseconds terminal_period);
  ~StatusLine();  // stops and clears the live line
  void stop();
  bool terminal() const { return terminal_; }

 private:
  void loop();
  std::function<void(double)> print_;
  bool terminal_;
  std::chrono::milliseconds period_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace fraudgen
