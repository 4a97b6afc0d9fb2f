#include "fraudgen/stream/world_events.h"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "fraudgen/format/format.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/sim/block_simulator.h"

namespace fraudgen {
namespace {

// Splits a JSONL chunk into its lines (without the line feeds).
void split_lines(const ByteBuffer& chunk, std::vector<std::string_view>& lines) {
  lines.clear();
  std::string_view rest(chunk.data(), chunk.size());
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    lines.push_back(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  }
}

class BlockEvents {
 public:
  BlockEvents(const SimContext& ctx, EventSpill& spill)
      : ctx_(ctx), sim_(ctx), writer_(spill), encoder_(make_text_encoder({Format::Jsonl, Compression::None, 0, {}, {}})) {}

  void run(const Plan& plan, uint64_t block) {
    sim_.run_all(plan.block_range(block));
    const int64_t range_start = day_start_ms(ctx_.config().start_day);
    const ColumnBatch& customers = sim_.batch(Table::Customers);
    const ColumnBatch& devices = sim_.batch(Table::Devices);
    const ColumnBatch& txs = sim_.batch(Table::Transactions);
    const ColumnBatch& labels = sim_.batch(Table::FraudLabels);

    // First transaction of each customer and device of the block (rows are in time order).
    first_of_customer_.clear();
    first_of_device_.clear();
    const ColumnData& tx_time = txs.column(tx_col::timestamp);
    const ColumnData& tx_customer = txs.column(tx_col::customer_id);
    const ColumnData& tx_device = txs.column(tx_col::device_id);
    for (size_t r = 0; r < txs.rows(); ++r) {
      first_of_customer_.emplace(tx_customer.str(r), tx_time.ints[r]);
      if (tx_device.valid[r]) first_of_device_.emplace(tx_device.str(r), tx_time.ints[r]);
    }
    auto customer_time = [&](std::string_view id) {
      const auto it = first_of_customer_.find(id);
      return it == first_of_customer_.end() ? range_start : it->second;
    };

    emit(Table::Customers, block, [&](size_t r) { return customer_time(customers.column(customer_col::customer_id).str(r)); });
    emit(Table::Devices, block, [&](size_t r) {
      const auto it = first_of_device_.find(devices.column(device_col::device_id).str(r));
      const int64_t first_use = std::max(range_start, day_start_ms(devices.column(device_col::first_use).ints[r]));
      const int64_t t = it == first_of_device_.end() ? first_use : it->second;
      return std::max(t, customer_time(devices.column(device_col::customer_id).str(r)));
    });
    emit(Table::Transactions, block, [&](size_t r) { return tx_time.ints[r]; });
    emit(Table::FraudLabels, block, [&](size_t r) {
      return std::max(labels.column(label_col::timestamp).ints[r], day_start_ms(labels.column(label_col::fraud_reported_date).ints[r]));
    });
  }

  void flush() { writer_.flush(); }

 private:
  template <typename TimeOf>
  void emit(Table table, uint64_t block, TimeOf time_of) {
    const ColumnBatch& batch = sim_.batch(table);
    const size_t rows = batch.rows();
    if (rows == 0) return;
    chunk_.clear();
    encoder_->begin_chunk(batch.schema());
    encoder_->add_rows(batch, 0, rows);
    encoder_->end_chunk(chunk_);
    split_lines(chunk_, lines_);
    if (lines_.size() != rows) throw std::logic_error("the JSONL encoder did not write one line per row");
    for (size_t r = 0; r < rows; ++r)
      writer_.add({time_of(r), static_cast<uint8_t>(table), block, static_cast<uint32_t>(r)}, lines_[r]);
  }

  const SimContext& ctx_;
  BlockSimulator sim_;
  EventSpill::Writer writer_;
  std::unique_ptr<ChunkEncoder> encoder_;
  ByteBuffer chunk_;
  std::vector<std::string_view> lines_;
  std::unordered_map<std::string_view, int64_t> first_of_customer_, first_of_device_;
};

}  // namespace

void spill_world(const SimContext& ctx, const Plan& plan, int workers, EventSpill& spill, const std::atomic<bool>& stop,
                 std::atomic<uint64_t>& blocks_done) {
  std::atomic<uint64_t> next{0};
  std::mutex error_mu;
  std::exception_ptr error;
  std::atomic<bool> failed{false};
  auto work = [&] {
    try {
      BlockEvents events(ctx, spill);
      for (uint64_t b; !stop && !failed && (b = next++) < plan.blocks;) {
        events.run(plan, b);
        ++blocks_done;
      }
      events.flush();
    } catch (...) {
      std::lock_guard lock(error_mu);
      if (!error) error = std::current_exception();
      failed = true;
    }
  };
  std::vector<std::thread> threads;
  for (int w = 1; w < workers; ++w) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace fraudgen
