// Runs a plan on N worker threads. Workers simulate and encode whole chunks in parallel; the
// calling thread appends finished chunks to their files in order (one ordered writer per file;
// the files with the longest chunks come first), so every file is produced by all workers and
// its bytes never depend on N. At most workers + 2 chunks are in flight, which bounds memory by
// workers x chunk size.
#pragma once
#include <array>
#include <atomic>
#include <string>
#include <vector>

#include "fraudgen/run/plan.h"
#include "fraudgen/sink/sink.h"

namespace fraudgen {

struct FileResult {
  std::string path;
  Table table;
  uint64_t rows, bytes;
  std::string sha256;
  std::string partition;  // "year=2025/month=03", empty for a table written whole
};

// Counters the progress display reads while the run goes on.
struct RunCounters {
  std::array<std::atomic<uint64_t>, kTableCount> rows{};
  std::atomic<uint64_t> bytes{0};
  std::atomic<uint64_t> chunks_done{0};   // chunks appended to their files
  std::atomic<uint64_t> chunks_total{0};
  std::atomic<uint32_t> workers_used{0};  // workers that encoded at least one chunk
};

struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

// Writes the files this shard owns to `destination`. Throws Interrupted when `stop` is raised,
// or the first worker or sink error; either way no partial file is committed (the caller then
// calls destination.abandon()).
std::vector<FileResult> execute_plan(const SimContext& ctx, const RunConfig& cfg, const Plan& plan,
                                     Destination& destination, std::atomic<bool>& stop, RunCounters& counters);

}  // namespace fraudgen
