#include "fraudgen/stream/world_events.h"

#include <algorithm>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "fraudgen/sim/block_simulator.h"
#include "fraudgen/sim/customer_window.h"
#include "fraudgen/stream/jsonl_rows.h"
#include "fraudgen/stream/ride_events.h"
#include "fraudgen/stream/stream_runner.h"

namespace fraudgen {
namespace {

class BlockEvents {
 public:
  BlockEvents(const SimContext& ctx, EventSpill& spill)
      : ctx_(ctx), sim_(ctx), writer_(spill) {}

  void run(const Plan& plan, uint64_t block) {
    sim_.run_all(plan.block_range(block));
    const SimConfig& cfg = ctx_.config();
    const std::vector<Customer>& customers = sim_.customers();
    const size_t tx_rows = sim_.batch(Table::Transactions).rows();

    // A customer's event: its first transaction (rows are in time order), else after the range.
    first_tx_.assign(customers.size(), day_start_ms(cfg.end_day + 1));
    std::vector<bool> seen(customers.size(), false);
    for (size_t k = 0; k < tx_rows; ++k) {
      const Transaction& t = sim_.transaction_row(k);
      if (!seen[t.customer]) {
        seen[t.customer] = true;
        first_tx_[t.customer] = t.time_ms;
      }
    }
    keys_.clear();
    for (size_t c = 0; c < customers.size(); ++c) keys_.push_back(customer_event_key(customers[c].index, first_tx_[c]));
    emit(Table::Customers);
    for (size_t c = 0; c < customers.size(); ++c) {
      const Customer& cu = customers[c];
      for (size_t s = 0; s < cu.devices.size(); ++s)
        if (device_listed(cu, s)) keys_.push_back(device_event_key(cfg.seed, cu.index, cu.devices[s], device_event_ms(ctx_, cu.devices[s], first_tx_[c])));
    }
    emit(Table::Devices);
    for (size_t k = 0; k < tx_rows; ++k) {
      const Transaction& t = sim_.transaction_row(k);
      keys_.push_back(transaction_event_key(customers[t.customer].index, t));
    }
    emit(Table::Transactions);
    for (size_t k = 0; k < tx_rows; ++k) {
      const Transaction& t = sim_.transaction_row(k);
      if (t.is_fraud()) keys_.push_back(label_event_key(customers[t.customer].index, t));
    }
    emit(Table::FraudLabels);
  }

  void flush() { writer_.flush(); }

 private:
  // Encodes the table's batch and files each line with keys_[row]; empties keys_.
  void emit(Table table) {
    const ColumnBatch& batch = sim_.batch(table);
    const size_t rows = batch.rows();
    if (rows != keys_.size()) throw std::logic_error("stream keys do not match the rows of " + std::string(schema_of(table).name));
    const std::vector<std::string_view>& lines = rows_.lines(batch);
    for (size_t r = 0; r < rows; ++r) writer_.add(keys_[r], lines[r]);
    keys_.clear();
  }

  const SimContext& ctx_;
  BlockSimulator sim_;
  EventSpill::Writer writer_;
  JsonlRows rows_;
  std::vector<int64_t> first_tx_;
  std::vector<EventKey> keys_;
};

}  // namespace

int64_t device_event_ms(const SimContext& ctx, const Device& d, int64_t customer_event_ms) {
  return std::max(day_start_ms(std::max(d.first_use_day, ctx.config().start_day)), customer_event_ms);
}

int64_t label_event_ms(const Transaction& t) { return std::max(t.time_ms, day_start_ms(t.reported_day)); }

void spill_world(const SimContext& ctx, const Plan& plan, int workers, EventSpill& spill, const std::filesystem::path& spill_dir,
                 const std::atomic<bool>& stop, std::atomic<uint64_t>& blocks_done) {
  // The work: the customer blocks, then the ride blocks, each taken by the next free worker.
  const uint64_t bank_blocks = streams_table(plan, Table::Transactions) ? plan.blocks : 0;
  const uint64_t work_items = bank_blocks + (streams_table(plan, Table::Rides) ? plan.ride_layout.blocks.size() : 0);
  std::atomic<uint64_t> next{0};
  std::mutex error_mu;
  std::exception_ptr error;
  std::atomic<bool> failed{false};
  auto work = [&] {
    try {
      BlockEvents events(ctx, spill);
      std::optional<RideBlockEvents> rides;
      EventSpill::Writer ride_writer(spill);
      for (uint64_t b; !stop && !failed && (b = next++) < work_items;) {
        if (b < bank_blocks) {
          events.run(plan, b);
        } else {
          if (!rides) rides.emplace(*plan.ride_world, spill_dir);
          const RideBlock& block = plan.ride_layout.blocks[b - bank_blocks];
          rides->make(block.area, block.first_day, block.end_day, [&](std::span<const EventKey> keys, std::span<const std::string_view> lines) {
            for (size_t r = 0; r < keys.size(); ++r) ride_writer.add(keys[r], lines[r]);
          });
        }
        ++blocks_done;
      }
      events.flush();
      ride_writer.flush();
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
