#include "fraudgen/run/progress.h"

#include <cstdio>

namespace fraudgen {

Progress::Progress(const RunCounters& counters, bool enabled)
    : counters_(counters),
      start_(std::chrono::steady_clock::now()),
      line_([this](double) { print(); }, enabled, std::chrono::milliseconds(250)) {}

void Progress::print() const {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  uint64_t done = counters_.chunks_done, total = counters_.chunks_total;
  uint64_t rows = 0;  // the simulated rows: not the labels, a copy of the fraudulent ones
  for (Table t : kAllTables)
    if (!is_label_table(t)) rows += counters_.rows[static_cast<size_t>(t)];
  double frac = total ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
  double mb = static_cast<double>(counters_.bytes.load()) / 1e6;
  double eta = frac > 0 ? secs * (1 - frac) / frac : 0;
  std::fprintf(stderr, "%5.1f%% | %llu rows | %.0f rows/s | %.1f MB/s | ETA %.0fs", 100 * frac,
               static_cast<unsigned long long>(rows), secs > 0 ? static_cast<double>(rows) / secs : 0.0,
               secs > 0 ? mb / secs : 0.0, eta);
}

}  // namespace fraudgen
