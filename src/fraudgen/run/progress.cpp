#include "fraudgen/run/progress.h"

#include <unistd.h>

#include <cstdio>

namespace fraudgen {

Progress::Progress(const RunCounters& counters, bool enabled)
    : counters_(counters), terminal_(::isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()) {
  if (enabled) thread_ = std::thread([this] { loop(); });
}

Progress::~Progress() { stop(); }

void Progress::stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (terminal_) std::fprintf(stderr, "\r\033[K");
}

void Progress::loop() {
  const auto period = terminal_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(5000);
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, period, [this] { return stopping_; })) print();
}

void Progress::print() {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  uint64_t done = counters_.chunks_done, total = counters_.chunks_total;
  uint64_t rows = counters_.rows[0] + counters_.rows[1] + counters_.rows[2];
  double frac = total ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
  double mb = static_cast<double>(counters_.bytes.load()) / 1e6;
  double eta = frac > 0 ? secs * (1 - frac) / frac : 0;
  std::fprintf(stderr, "%s%5.1f%% | %llu rows | %.0f rows/s | %.1f MB/s | ETA %.0fs%s", terminal_ ? "\r\033[K" : "",
               100 * frac, static_cast<unsigned long long>(rows), secs > 0 ? static_cast<double>(rows) / secs : 0.0,
               secs > 0 ? mb / secs : 0.0, eta, terminal_ ? "" : "\n");
  std::fflush(stderr);
}

}  // namespace fraudgen
