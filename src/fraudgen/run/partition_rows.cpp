#include "fraudgen/run/partition_rows.h"

#include <algorithm>
#include <stdexcept>

#include "fraudgen/core/parallel.h"
#include "fraudgen/sim/customer_window.h"
#include "fraudgen/sim/transaction.h"

namespace fraudgen {
namespace {

// Adds a block's rows by date (`per_day`, from the first date on) to the groups and partitions
// they fall in: the block holds the table's rows from `first_row` on, date after date.
void add_block(const GroupPartitionRows& table, uint64_t block, uint64_t first_row, const std::vector<uint32_t>& per_day,
               const std::vector<uint32_t>& partition_of_day, size_t partitions, std::vector<uint64_t>& rows) {
  uint64_t total = 0;
  for (uint32_t n : per_day) total += n;
  if (total != table.block_rows[block]) throw std::logic_error("the rows of a block by date disagree with its row count");
  size_t g = static_cast<size_t>(std::upper_bound(table.first_rows.begin(), table.first_rows.end(), first_row) - table.first_rows.begin()) - 1;
  uint64_t at = first_row;
  for (size_t d = 0; d < per_day.size(); ++d) {
    uint64_t left = per_day[d];
    while (left > 0) {
      while (g + 1 < table.first_rows.size() && at >= table.first_rows[g + 1]) ++g;
      const uint64_t group_end = g + 1 < table.first_rows.size() ? table.first_rows[g + 1] : UINT64_MAX;
      const uint64_t take = std::min(left, group_end - at);
      rows[g * partitions + partition_of_day[d]] += take;
      at += take;
      left -= take;
    }
  }
}

}  // namespace

void count_group_partition_rows(const SimContext& ctx, const std::vector<Partition>& partitions, uint64_t customers, uint64_t block_customers,
                                int threads, GroupPartitionRows& transactions, GroupPartitionRows& labels) {
  const SimConfig& sim = ctx.config();
  const size_t days = static_cast<size_t>(sim.end_day - sim.start_day + 1), p_count = partitions.size();
  std::vector<uint32_t> partition_of(days);
  for (size_t d = 0; d < days; ++d) partition_of[d] = static_cast<uint32_t>(partition_of_day(partitions, sim.start_day + static_cast<int64_t>(d)));
  const uint64_t blocks = (customers + block_customers - 1) / block_customers;
  // Each table's first row of every block.
  auto first_rows_of_blocks = [&](const GroupPartitionRows& t) {
    if (t.block_rows.size() != blocks) throw std::logic_error("count_group_partition_rows: block counts disagree");
    std::vector<uint64_t> out(blocks + 1, 0);
    for (uint64_t b = 0; b < blocks; ++b) out[b + 1] = out[b] + t.block_rows[b];
    return out;
  };
  const std::vector<uint64_t> tx_first = first_rows_of_blocks(transactions), fr_first = first_rows_of_blocks(labels);
  // Parts of contiguous blocks, each adding into rows of its own, summed in part order.
  const uint64_t parts = std::min<uint64_t>(static_cast<uint64_t>(std::max(threads, 1)), std::max<uint64_t>(blocks / 16, 1));
  std::vector<std::vector<uint64_t>> tx_rows(parts), fr_rows(parts);
  for_parts(blocks, parts, [&](uint64_t part, uint64_t a, uint64_t b) {
    std::vector<uint64_t>& tx = tx_rows[part];
    std::vector<uint64_t>& fr = fr_rows[part];
    tx.assign(transactions.first_rows.size() * p_count, 0);
    fr.assign(labels.first_rows.size() * p_count, 0);
    std::vector<uint32_t> tx_day(days), fr_day(days);
    for (uint64_t block = a; block < b; ++block) {
      std::fill(tx_day.begin(), tx_day.end(), 0);
      std::fill(fr_day.begin(), fr_day.end(), 0);
      for (uint64_t i = block * block_customers; i < std::min(customers, (block + 1) * block_customers); ++i) {
        Customer c = make_customer(ctx, i);
        open_window(ctx, c, sim.start_day, sim.end_day);
        count_timeline_rows_by_day(ctx, c, tx_day, fr_day);
      }
      add_block(transactions, block, tx_first[block], tx_day, partition_of, p_count, tx);
      add_block(labels, block, fr_first[block], fr_day, partition_of, p_count, fr);
    }
  });
  transactions.rows.assign(transactions.first_rows.size() * p_count, 0);
  labels.rows.assign(labels.first_rows.size() * p_count, 0);
  for (uint64_t part = 0; part < parts; ++part)
    for (size_t i = 0; i < transactions.rows.size(); ++i) transactions.rows[i] += tx_rows[part][i];
  for (uint64_t part = 0; part < parts; ++part)
    for (size_t i = 0; i < labels.rows.size(); ++i) labels.rows[i] += fr_rows[part][i];
}

}  // namespace fraudgen
