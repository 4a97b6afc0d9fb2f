// The plan: how many customers, how they are cut into blocks, how each table's rows are cut
// into chunks (the unit of parallel work: one block for text formats, one exact-size row
// group for Parquet), which chunks form which file, and which files this
// shard writes. A pure function of the configuration and seed; the number of workers plays no
// part, so output never depends on it.
#pragma once
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "fraudgen/rides/ride_blocks.h"
#include "fraudgen/run/run_config.h"
#include "fraudgen/sim/block_simulator.h"
#include "fraudgen/sim/sim_context.h"

namespace fraudgen {

// Rows [skip, skip + rows) of the concatenation of blocks [first_block, end_block) of one table.
struct Chunk {
  uint64_t first_block, end_block;
  uint64_t skip, rows;
};

struct PlannedFile {
  Table table;
  uint32_t index;        // within its table
  size_t first_chunk, end_chunk;  // into Plan::chunks[table]
  std::string path;      // relative to the output folder, e.g. "transactions/part-00003.jsonl"
  bool owned;            // written by this shard
  static constexpr uint32_t kWhole = UINT32_MAX;
  uint32_t partition = kWhole;  // into Plan::partitions; kWhole for a table written whole
};

// Average encoded bytes per row, measured on pilot data with the real encoders and codec, and
// the user CPU seconds a row took there (simulating its block and encoding it), for `fraudgen plan`.
struct SizeModel {
  std::array<double, kTableCount> bytes_per_row{};
  std::array<double, kTableCount> cpu_seconds_per_row{};
  double file_overhead = 0;  // header and footer bytes per file
  // The ride tables' bytes per customer: drivers, and rides and sessions per day of the range.
  double ride_bytes_per_customer = 0, ride_bytes_per_customer_day = 0;
};

// What making the plan of a ride run cost (every shard makes it), in CPU seconds: building the
// ride world, and counting every ride block, which simulates its span. A run simulates the spans
// about twice more (for the rides, and for their labels and sessions), and a capital's first
// block the 8 days before it: the CPU estimate takes those from this measure, at the run's own
// scale, since a ride costs more in a larger world than in the pilot's.
struct RidePlanCost {
  double world_seconds = 0, count_seconds = 0;
};

struct Plan {
  std::array<bool, kTableCount> writes{};  // the tables of the run's --type
  uint64_t customers = 0;
  uint64_t block_customers = 0;
  uint64_t blocks = 0;
  std::array<uint64_t, kTableCount> rows{};                  // per table
  std::array<std::vector<Chunk>, kTableCount> chunks;        // per table, in row order
  std::array<uint64_t, kTableCount> chunks_per_file{};
  // Files in plan order. A partitioned table's files come in groups: the same chunks, one file
  // per partition the chunks' rows fall in, in partition order (each file holds the chunks' rows
  // of its partition), all named part-<group>. A group is simulated once and owned by one shard.
  std::vector<PlannedFile> files;
  std::vector<Partition> partitions;  // of the date range, with --partition-by month or day
  SizeModel size_model;
  double estimated_bytes = 0;
  uint64_t fraud_scenarios = 0;                    // with a step in the date range
  std::array<uint64_t, kFraudTypeCount> fraud_by_type{};  // fraudulent transactions per type
  std::array<uint64_t, kRideFraudTypeCount> ride_fraud_by_type{};  // fraudulent rides per type
  // The ride side (--type rides or all): its reference data, its world (riders and drivers) and
  // how its tables are cut into blocks (ride tables' chunks count those blocks, not customers').
  std::shared_ptr<const RideWorld> ride_world;  // on the context's ride market
  std::shared_ptr<const RideSpanStore> ride_spans;  // each block's labels and sessions, unless not kept
  RideLayout ride_layout;
  std::vector<uint32_t> ride_block_rows;  // rides per ride block, for the memory estimate
  RidePlanCost ride_plan_cost;

  BlockRange block_range(uint64_t block) const {
    uint64_t first = block * block_customers;
    return {first, std::min(customers, first + block_customers)};
  }
};

// Files (or groups of partition files) are dealt round-robin to shards, in plan order.
inline uint32_t shard_of_file(size_t ordinal, uint32_t shard_count) { return static_cast<uint32_t>(ordinal % shard_count); }

// Customers per block: about four customer-years of transactions (~3,000 rows), whatever the date range.
uint64_t block_customers_for(int64_t days);
SizeModel measure_size_model(const SimContext& ctx, const RunConfig& cfg);
// Attaches the ride market to `ctx` when the run has rides (--type rides or all), before the plan.
void attach_rides(SimContext& ctx, const RunConfig& cfg);
// `keep_ride_spans`: the count of the ride blocks keeps their labels and sessions for the run
// (ride_span_store.h), which an estimate or a stream of rides does not need.
Plan make_plan(const SimContext& ctx, const RunConfig& cfg, bool keep_ride_spans = true);
// The files of plan.files that form the group starting at `first` (one file when unpartitioned).
size_t file_group_size(const Plan& plan, size_t first);

}  // namespace fraudgen
