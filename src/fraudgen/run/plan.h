// The plan: how many customers, how they are cut into blocks, which blocks form which file,
// and which files this shard writes. A pure function of the configuration and seed; the
// number of workers plays no part, so output never depends on it.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "fraudgen/run/run_config.h"
#include "fraudgen/sim/block_simulator.h"
#include "fraudgen/sim/sim_context.h"

namespace fraudgen {

struct PlannedFile {
  Table table;
  uint32_t index;        // within its table
  uint64_t first_block, end_block;
  std::string path;      // relative to the output folder, e.g. "transactions/part-00003.jsonl"
  bool owned;            // written by this shard
};

// Average encoded bytes per entity, measured on pilot blocks with the real encoders and codec.
struct SizeModel {
  double bytes_per_customer = 0, bytes_per_device = 0, bytes_per_transaction = 0;
  double header_bytes = 0;  // per file
};

struct Plan {
  uint64_t customers = 0;
  uint64_t block_customers = 0;
  uint64_t blocks = 0;
  std::array<uint64_t, 3> blocks_per_file{};
  std::vector<PlannedFile> files;
  SizeModel size_model;
  double estimated_bytes = 0;

  BlockRange block_range(uint64_t block) const {
    uint64_t first = block * block_customers;
    return {first, std::min(customers, first + block_customers)};
  }
};

// Customers per block: about four customer-years of transactions (~3,000 rows), whatever the date range.
uint64_t block_customers_for(int64_t days);
SizeModel measure_size_model(const SimContext& ctx, const RunConfig& cfg);
Plan make_plan(const SimContext& ctx, const RunConfig& cfg);

}  // namespace fraudgen
