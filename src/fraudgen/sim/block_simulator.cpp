#include "fraudgen/sim/block_simulator.h"

#include <algorithm>

#include "fraudgen/sim/customer_table.h"
#include "fraudgen/sim/transaction_table.h"

namespace fraudgen {

BlockSimulator::BlockSimulator(const SimContext& ctx) : ctx_(&ctx) {
  for (Table t : kAllTables) batches_.emplace_back(schema_of(t));
  mark_keyed_transaction_columns(batches_[static_cast<size_t>(Table::Transactions)]);
}

void BlockSimulator::run(BlockRange range, Table table) {
  if (have_last_ && table == last_table_ && range.first_customer == last_range_.first_customer &&
      range.end_customer == last_range_.end_customer)
    return;
  have_last_ = false;  // until the simulation completes: an exception leaves nothing to reuse
  simulate(range, table);
  have_last_ = true;
  last_range_ = range;
  last_table_ = table;
}

void BlockSimulator::simulate(BlockRange range, Table table) {
  for (auto& b : batches_) b.clear();
  customers_.clear();
  FraudCursor cursor = range.fraud;
  for (uint64_t i = range.first_customer; i < range.end_customer; ++i) customers_.push_back(make_customer_with_fraud(*ctx_, cursor, i));

  ColumnBatch& cb = batches_[static_cast<size_t>(Table::Customers)];
  ColumnBatch& db = batches_[static_cast<size_t>(Table::Devices)];
  for (const Customer& c : customers_) {
    if (table == Table::Customers) write_customer_row(cb, *ctx_, c);
    if (table == Table::Devices) write_device_rows(db, *ctx_, c);
  }
  if (table != Table::Transactions && table != Table::FraudLabels) return;

  // The labels need only the times of the legitimate transactions (for each row's position).
  const bool labels = table == Table::FraudLabels;
  transactions_.clear();
  for (uint32_t k = 0; k < customers_.size(); ++k) simulate_timeline(*ctx_, customers_[k], k, transactions_, labels);
  // Rows leave the block in time order; ties broken by customer, so the order is total.
  order_.resize(transactions_.size());
  for (uint32_t i = 0; i < order_.size(); ++i) order_[i] = i;
  std::sort(order_.begin(), order_.end(), [&](uint32_t a, uint32_t b) {
    const Transaction &x = transactions_[a], &y = transactions_[b];
    return x.time_ms != y.time_ms ? x.time_ms < y.time_ms : x.customer < y.customer;
  });
  ColumnBatch& tb = batches_[static_cast<size_t>(table)];
  if (labels) {
    for (uint32_t i : order_)
      if (transactions_[i].is_fraud()) write_fraud_label_row(tb, *ctx_, customers_[transactions_[i].customer], transactions_[i]);
    return;
  }
  tb.reserve(order_.size());
  for (uint32_t i : order_) {
    const Transaction& t = transactions_[i];
    write_transaction_row(tb, *ctx_, customers_[t.customer], t);
  }
}

}  // namespace fraudgen
