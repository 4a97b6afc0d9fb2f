#include "fraudgen/run/status_line.h"

#include <unistd.h>

#include <cstdio>

namespace fraudgen {

StatusLine::StatusLine(std::function<void(double)> print, bool enabled, std::chrono::milliseconds terminal_period)
    : print_(std::move(print)),
      terminal_(::isatty(STDERR_FILENO) != 0),
      period_(terminal_ ? terminal_period : std::chrono::milliseconds(5000)) {
  if (enabled) thread_ = std::thread([this] { loop(); });
}

StatusLine::~StatusLine() { stop(); }

void StatusLine::stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (terminal_) std::fprintf(stderr, "\r\033[K");
}

void StatusLine::loop() {
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, period_, [this] { return stopping_; })) {
    if (terminal_) std::fprintf(stderr, "\r\033[K");
    print_(std::chrono::duration<double>(period_).count());
    if (!terminal_) std::fputc('\n', stderr);
    std::fflush(stderr);
  }
}

}  // namespace fraudgen
