// The rows of each file group of a partitioned customers' table (transactions, fraud_labels) in
// each partition, counted from every customer's rows by date without simulating them. A block's
// rows are in time order, so a group's share of a block is a run of its dates. The plan makes a
// file only for a partition that holds rows of the group.
#pragma once
#include <cstdint>
#include <vector>

#include "fraudgen/run/partitioning.h"
#include "fraudgen/sim/block_simulator.h"
#include "fraudgen/sim/sim_context.h"

namespace fraudgen {

// One table's file groups: group g holds the table's rows [first_rows[g], first_rows[g + 1])
// (the last up to the table's end).
struct GroupPartitionRows {
  std::vector<uint64_t> first_rows;  // ascending, first_rows[0] = 0
  std::vector<uint32_t> block_rows;  // the table's rows of each block, as the plan counted them
  std::vector<uint64_t> rows;        // filled: rows[g * partitions + p]
};

// Fills `transactions.rows` and `labels.rows` over the blocks of `customers` customers,
// `block_customers` a block, on up to `threads` threads. Throws std::logic_error when a block's
// rows by date do not add up to its block_rows.
void count_group_partition_rows(const SimContext& ctx, const std::vector<Partition>& partitions, uint64_t customers, uint64_t block_customers,
                                int threads, GroupPartitionRows& transactions, GroupPartitionRows& labels);

}  // namespace fraudgen
