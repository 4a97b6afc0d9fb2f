#include "fraudgen/sim/block_simulator.h"

#include <algorithm>
#include <stdexcept>

#include "fraudgen/sim/customer_table.h"
#include "fraudgen/sim/customer_window.h"
#include "fraudgen/sim/transaction_table.h"

namespace fraudgen {

BlockSimulator::BlockSimulator(const SimContext& ctx) : ctx_(&ctx) {
  for (Table t : kBankTables) batches_.emplace_back(schema_of(t));
  mark_keyed_transaction_columns(batches_[static_cast<size_t>(Table::Transactions)]);
}

void BlockSimulator::run(BlockRange range, Table table) {
  prepare(range, table);
  if (table == Table::Transactions && !whole_) {
    write_transactions(0, order_.size());
    whole_ = true;
  }
}

void BlockSimulator::run_all(BlockRange range) {
  have_last_ = false;  // the batches no longer hold what run() or prepare() last made
  whole_ = false;
  simulate(range, Table::Transactions, true);
  write_transactions(0, order_.size());
}

void BlockSimulator::prepare(BlockRange range, Table table) {
  if (have_last_ && table == last_table_ && range.first_customer == last_range_.first_customer &&
      range.end_customer == last_range_.end_customer)
    return;
  have_last_ = false;  // until the simulation completes: an exception leaves nothing to reuse
  whole_ = false;
  simulate(range, table);
  have_last_ = true;
  last_range_ = range;
  last_table_ = table;
}

uint64_t BlockSimulator::rows(Table table) const {
  if (!have_last_ || table != last_table_) throw std::logic_error("rows() of a table not prepared");
  return table == Table::Transactions ? order_.size() : batch(table).rows();
}

BlockSimulator::Slice BlockSimulator::slice(Table table, uint64_t begin, uint64_t end) {
  if (begin > end || end > rows(table)) throw std::logic_error("slice() past the block's rows");
  const ColumnBatch* b = &batch(table);
  if (table != Table::Transactions || whole_) return {b, begin, end};
  write_transactions(begin, end);
  return {b, 0, end - begin};
}

void BlockSimulator::write_transactions(uint64_t begin, uint64_t end) {
  ColumnBatch& tb = batches_[static_cast<size_t>(Table::Transactions)];
  tb.clear();
  const size_t first_row = tb.add_rows(end - begin);
  const std::vector<Merchant>& merchants = ctx_->ref().merchants;
  for (size_t k = begin; k < end; ++k) {
    // The rows interleave a few customers' timelines; the merchant table is what misses cache.
    constexpr size_t kAhead = 6;
    if (k + kAhead < order_.size()) {
      const int32_t m = transactions_[order_[k + kAhead].index].merchant;
      if (m >= 0) __builtin_prefetch(&merchants[static_cast<size_t>(m)]);
    }
    const Transaction& t = transactions_[order_[k].index];
    write_transaction_row(tb.row_writer(first_row + k - begin), *ctx_, customers_[t.customer], t);
  }
}

void BlockSimulator::simulate(BlockRange range, Table table, bool every_table) {
  for (auto& b : batches_) b.clear();
  customers_.clear();
  const SimConfig& cfg = ctx_->config();
  for (uint64_t i = range.first_customer; i < range.end_customer; ++i) {
    customers_.push_back(make_customer(*ctx_, i));
    open_window(*ctx_, customers_.back(), cfg.start_day, cfg.end_day);
  }

  ColumnBatch& cb = batches_[static_cast<size_t>(Table::Customers)];
  ColumnBatch& db = batches_[static_cast<size_t>(Table::Devices)];
  for (const Customer& c : customers_) {
    if (table == Table::Customers || every_table) write_customer_row(cb, *ctx_, c);
    if (table == Table::Devices || every_table) write_device_rows(db, *ctx_, c);
  }
  if (table != Table::Transactions && table != Table::FraudLabels) return;

  // The labels need only the times of the legitimate transactions (for each row's position).
  const bool labels = table == Table::FraudLabels;
  transactions_.clear();
  for (uint32_t k = 0; k < customers_.size(); ++k) simulate_timeline(*ctx_, customers_[k], k, transactions_, labels);
  // Rows leave the block in time order; ties broken by customer, so the order is total. Each
  // customer's timeline is already in time order, so a merge of the timelines gives it.
  order_.clear();
  order_.reserve(transactions_.size());
  runs_.clear();
  for (uint32_t i = 0; i < transactions_.size(); ++i)
    if (i == 0 || transactions_[i].customer != transactions_[i - 1].customer) runs_.push_back({transactions_[i].time_ms, transactions_[i].customer, i});
  auto later = [](const RowOrder& x, const RowOrder& y) { return x.time_ms != y.time_ms ? x.time_ms > y.time_ms : x.customer > y.customer; };
  std::make_heap(runs_.begin(), runs_.end(), later);
  while (!runs_.empty()) {
    std::pop_heap(runs_.begin(), runs_.end(), later);
    RowOrder& head = runs_.back();
    order_.push_back(head);
    const uint32_t next = head.index + 1;
    if (next < transactions_.size() && transactions_[next].customer == head.customer) {
      head = {transactions_[next].time_ms, head.customer, next};
      std::push_heap(runs_.begin(), runs_.end(), later);
    } else {
      runs_.pop_back();
    }
  }
  if (labels || every_table) {
    ColumnBatch& lb = batches_[static_cast<size_t>(Table::FraudLabels)];
    for (const RowOrder& o : order_)
      if (transactions_[o.index].is_fraud()) write_fraud_label_row(lb, *ctx_, customers_[o.customer], transactions_[o.index]);
  }
  // Transaction rows are written by run() or slice().
}

}  // namespace fraudgen
