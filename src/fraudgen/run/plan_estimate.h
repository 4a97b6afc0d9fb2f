// `fraudgen plan`: what a run would write, shard by shard, and what each shard would cost, from
// the plan and its size pilot, without generating anything. CPU seconds come from the pilot's
// own user CPU time per row of each table (simulating its blocks and encoding them) plus SHA-256
// of every byte; peak memory from what the process holds after planning plus, per worker, the
// largest chunk it would hold (docs/distributed.md gives the estimates' error on real runs).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fraudgen/run/plan.h"

namespace fraudgen {

struct ShardEstimate {
  uint32_t index = 0;
  uint64_t files = 0;
  std::array<uint64_t, kTableCount> rows{};
  double bytes = 0, cpu_seconds = 0, peak_memory_bytes = 0;
};

struct PlanEstimate {
  uint64_t customers = 0;
  std::array<uint64_t, kTableCount> rows{}, files{};
  std::array<double, kTableCount> bytes{};
  uint32_t workers = 1;
  std::vector<ShardEstimate> shards;
  // With rides: the dispatch areas the rides are matched in, and the capitals cut into several.
  uint32_t dispatch_areas = 0;
  std::vector<std::pair<std::string, uint32_t>> cut_capitals;  // (name, areas)
};

// `base_memory_bytes`: the resident memory of a process that has loaded the reference data and
// made the plan (the caller's own, measured).
PlanEstimate estimate_plan(const Plan& plan, const RunConfig& cfg, uint32_t shards, double base_memory_bytes);

std::string plan_text(const PlanEstimate& e, const RunConfig& cfg);
std::string plan_json(const PlanEstimate& e, const RunConfig& cfg);

}  // namespace fraudgen
