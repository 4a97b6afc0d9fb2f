#include "fraudgen/validate/validator.h"

#include <chrono>
#include <future>

#include "fraudgen/core/civil_time.h"

#include "fraudgen/validate/block_checker.h"
#include "fraudgen/validate/file_integrity.h"
#include "fraudgen/validate/history_check.h"
#include "fraudgen/validate/ride_walk.h"
#include "fraudgen/validate/row_checks.h"
#include "fraudgen/validate/partitioned_cursor.h"
#include "fraudgen/validate/table_cursor.h"

namespace fraudgen::validate {
namespace {

// Drives the four table cursors block by block: before the transactions of block b are
// checked, the customers, devices and labels of blocks up to b are read. A block is whole
// customers (plan.cpp), so a customer's rows all lie in one block. Text files hold whole blocks,
// but a Parquet row group has a fixed row count and may cut a block, so a block can continue in
// the next file: the cursors therefore run across file boundaries, and the layout check
// verifies that block numbers never go back. Partitioned tables are read in that same order
// (partitioned_cursor.h).
class Walk {
 public:
  Walk(const CheckContext& ctx, bool cross_checks)
      : ctx_(ctx), cross_(cross_checks), block_(ctx), history_(ctx),
        customers_(ctx, Table::Customers, ctx.dataset.files_of(Table::Customers)),
        devices_(ctx, Table::Devices, ctx.dataset.files_of(Table::Devices)),
        transactions_(ctx, Table::Transactions, ctx.dataset.files_of(Table::Transactions)),
        labels_(ctx, Table::FraudLabels, ctx.dataset.files_of(Table::FraudLabels)) {}

  void run() {
    int64_t current = -1;
    while (!transactions_.at_end()) {
      const RowRef row = transactions_.row();
      int64_t b = transactions_.block();
      if (b < 0) b = std::max<int64_t>(current, 0);
      if (!in_order(transactions_, b, last_tx_block_)) {
        process_transaction(row, false);
        transactions_.advance();
        continue;
      }
      if (b != current) {
        if (current >= 0) finish_block();
        absorb(customers_, b, last_customer_block_);
        absorb(devices_, b, last_device_block_);
        absorb(labels_, b, last_label_block_);
        current = b;
      }
      process_transaction(row, cross_);
      transactions_.advance();
    }
    if (current >= 0) finish_block();
    absorb(customers_, INT64_MAX, last_customer_block_);
    absorb(devices_, INT64_MAX, last_device_block_);
    absorb(labels_, INT64_MAX, last_label_block_);
    finish_block();
    rows_ = rows_seen_;
  }

  const FraudTally& tally() const { return block_.tally(); }
  uint64_t rows() const { return rows_; }

 private:
  // Blocks never go back within a table (each block is whole customers, each file whole
  // chunks in block order); a row that does is reported and only checked on its own.
  bool in_order(PartitionedCursor& cursor, int64_t block, int64_t& last) {
    ctx_.checked(Check::Layout);
    if (block < last) {
      const RowRef r = cursor.row();
      ctx_.fail(Check::Layout, r, cursor.table() == Table::Customers ? 0 : 1,
                "a customer of block " + std::to_string(last) + " or later (rows are in block order; blocks of " +
                    std::to_string(ctx_.dataset.block_customers) + " customers)");
      return false;
    }
    last = block;
    return true;
  }

  // Rows of blocks up to `block`: checked on their own; those of `block` kept as facts.
  void absorb(PartitionedCursor& cursor, int64_t block, int64_t& last) {
    while (!cursor.at_end()) {
      int64_t b = cursor.block();
      if (b < 0) b = std::max<int64_t>(last, 0);
      if (b > block) return;
      const RowRef row = cursor.row();
      const bool ordered = in_order(cursor, b, last);
      ++rows_seen_;
      check_schema_row(ctx_, row, schema_of(cursor.table()));
      switch (cursor.table()) {
        case Table::Customers:
          check_customer_row(ctx_, row);
          if (cross_ && ordered) block_.add_customer(row);
          break;
        case Table::Devices:
          check_device_row(ctx_, row);
          if (cross_ && ordered) block_.add_device(row);
          break;
        case Table::FraudLabels:
          check_label_row(ctx_, row);
          if (cross_ && ordered) block_.add_label(row);
          break;
        case Table::Transactions:
        case Table::Drivers:
        case Table::Rides:
        case Table::DriverSessions:
        case Table::RideFraudLabels: break;  // transactions are walked above, ride tables by RideWalk
      }
      cursor.advance();
    }
  }

  void process_transaction(const RowRef& row, bool cross) {
    ++rows_seen_;
    check_schema_row(ctx_, row, schema_of(Table::Transactions));
    check_transaction_row(ctx_, row);
    if (!cross) return;
    block_.check_transaction(row);
    history_.check(row);
  }

  void finish_block() {
    if (!cross_) return;
    block_.finish_block();
    history_.clear();
  }

  const CheckContext& ctx_;
  bool cross_;
  BlockChecker block_;
  HistoryCheck history_;
  PartitionedCursor customers_, devices_, transactions_, labels_;
  int64_t last_customer_block_ = -1, last_device_block_ = -1, last_tx_block_ = -1, last_label_block_ = -1;
  uint64_t rows_seen_ = 0, rows_ = 0;
};

}  // namespace

ValidationResult validate_dataset(const std::string& dir, const ValidateOptions& options) {
  return validate_dataset(open_local_store(dir), options);
}

ValidationResult validate_dataset(std::shared_ptr<DatasetStore> store, const ValidateOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const Dataset dataset = load_dataset(std::move(store));
  const ReferenceData ref = ReferenceData::load();
  const ReferenceIndex index(ref);
  ValidationResult result{Report(options.max_examples), {}};
  const CheckContext ctx{dataset, index, result.report};

  // Hashing reads every byte once more: on another thread, beside the row checks.
  auto measured = std::async(std::launch::async, [&dataset] { return measure_files(dataset); });
  const bool complete = dataset.complete();
  Walk walk(ctx, complete);
  walk.run();
  uint64_t rows = walk.rows();
  if (dataset.rides()) {
    const RideMarket market(ref);
    RideWalk rides(ctx, market, complete);
    rides.run();
    rows += rides.rows();
    if (complete && rides.history().skipped())
      result.report.note(Check::RideHistory, std::to_string(rides.history().skipped()) + " rides requested before " +
                                                 format_timestamp_brt(rides.history().first_checked()) +
                                                 " not recomputed: their 7-day window reaches before start_date, whose rides are not in the dataset");
    if (complete && result.report.result(Check::RideHistory).checked == 0)
      result.report.skip(Check::RideHistory, "no ride requested 8 days or more after start_date: every 7-day window reaches before it");
  } else {
    for (Check c : {Check::RideIds, Check::DriverDocuments, Check::RideFares, Check::RideTimes, Check::RideAgreement, Check::RideHistory,
                    Check::RideConditions, Check::RideGeography, Check::RideLabels})
      result.report.skip(c, "no ride tables (the dataset is --type transactions)");
  }
  if (!dataset.banking())
    for (Check c : {Check::Devices, Check::Directions, Check::History, Check::Labels, Check::FraudShare})
      result.report.skip(c, "no transactions (the dataset is --type rides)");
  check_file_integrity(ctx, measured.get());
  if (complete) {
    if (dataset.banking()) check_fraud_share(ctx, walk.tally());
  } else {
    const std::string why = "the dataset holds " + std::to_string(dataset.files.size()) + " of the dataset's " +
                            std::to_string(dataset.files_in_dataset) + " files (add the other shards' manifests and files)";
    for (Check c : {Check::References, Check::History, Check::FraudShare, Check::RideAgreement, Check::RideHistory})
      if (result.report.result(c).skipped.empty()) result.report.skip(c, why);
    // A missing shard is a dataset that is not whole: a failure unless the caller asked for a part.
    if (!options.allow_partial) {
      result.report.checked(Check::ManifestFiles, dataset.missing_manifests.size());
      for (const std::string& name : dataset.missing_manifests)
        result.report.violation(Check::ManifestFiles,
                                {name, 0, "", "missing",
                                 "all " + std::to_string(dataset.shard_count) + " shards of the run (or --allow-partial)"});
    }
  }

  DatasetSummary& s = result.summary;
  s.dir = dataset.dir;
  s.format = std::string(format_name(dataset.format));
  s.compression = std::string(compression_name(dataset.compression));
  for (const std::string& m : dataset.manifests) s.manifests += (s.manifests.empty() ? "" : ", ") + m;
  s.files = dataset.files.size();
  s.files_in_dataset = dataset.files_in_dataset;
  s.rows = rows;
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace fraudgen::validate
