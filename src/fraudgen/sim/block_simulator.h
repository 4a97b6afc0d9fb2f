// Simulates one block of customers: their rows, their devices and their transactions,
// written straight into column batches. Blocks are independent of each other.
#pragma once
#include <cstdint>
#include <vector>

#include "fraudgen/schema/column_batch.h"
#include "fraudgen/sim/customer.h"
#include "fraudgen/sim/transaction.h"

namespace fraudgen {

// Customers [first_customer, end_customer).
struct BlockRange {
  uint64_t first_customer, end_customer;
};

class BlockSimulator {
 public:
  explicit BlockSimulator(const SimContext& ctx);
  // Fills the batch of `table`; the others are left empty. Reuses its buffers. Asking for the
  // block and table just simulated returns at once: consecutive row groups share their boundary
  // block, and a worker that takes both simulates it once.
  void run(BlockRange range, Table table);
  // Every table of the block from one simulation, each batch whole (the stream sends them all).
  void run_all(BlockRange range);
  const ColumnBatch& batch(Table table) const { return batches_[static_cast<size_t>(table)]; }
  // After run_all: the block's customers (with their windows), and the transaction of row k of
  // the transactions batch (its `customer` is a position in customers()).
  const std::vector<Customer>& customers() const { return customers_; }
  const Transaction& transaction_row(size_t k) const { return transactions_[order_[k].index]; }

  // The same block a slice at a time, for encoders: prepare() simulates it as run() does but
  // leaves the transaction rows unwritten, rows() counts the table's rows, and slice() returns
  // rows [begin, end) as rows [first, last) of a batch. Transaction rows are written only for
  // the slice asked for, so a slice of ~1,000 rows is still in the core's cache when it is
  // encoded (a whole block, ~4,000 rows of 70 columns, is not), and rows before a row group's
  // first are never written. The other tables are written whole by prepare().
  struct Slice {
    const ColumnBatch* batch;
    size_t first, last;
  };
  void prepare(BlockRange range, Table table);
  uint64_t rows(Table table) const;
  Slice slice(Table table, uint64_t begin, uint64_t end);

 private:
  void simulate(BlockRange range, Table table, bool every_table = false);
  void write_transactions(uint64_t begin, uint64_t end);  // into an emptied batch
  struct RowOrder {
    int64_t time_ms;
    uint32_t customer, index;  // position of the customer in the block, of the row in transactions_
  };
  const SimContext* ctx_;
  bool have_last_ = false;
  BlockRange last_range_{0, 0};
  Table last_table_ = Table::Customers;
  bool whole_ = false;  // the transactions batch holds every row of the block
  std::vector<Customer> customers_;
  std::vector<Transaction> transactions_;
  std::vector<RowOrder> order_, runs_;  // runs_: the next row of each customer, a heap
  std::vector<ColumnBatch> batches_;
};

}  // namespace fraudgen
