// Simulates one block of customers: their rows, their devices and their transactions,
// written straight into column batches. Blocks are independent of each other.
#pragma once
#include <cstdint>
#include <vector>

#include "fraudgen/schema/column_batch.h"
#include "fraudgen/sim/customer.h"
#include "fraudgen/sim/transaction.h"

namespace fraudgen {

struct BlockRange { uint64_t first_customer, end_customer; };

class BlockSimulator {
 public:
  explicit BlockSimulator(const SimContext& ctx);
  // Fills the batch of `table`; the others are left empty. Reuses its buffers.
  void run(BlockRange range, Table table);
  const ColumnBatch& batch(Table table) const { return batches_[static_cast<size_t>(table)]; }

 private:
  const SimContext* ctx_;
  std::vector<Customer> customers_;
  std::vector<Transaction> transactions_;
  std::vector<uint32_t> order_;
  std::vector<ColumnBatch> batches_;
};

}  // namespace fraudgen
