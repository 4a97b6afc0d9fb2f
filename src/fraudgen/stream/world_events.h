// Pass one of a bounded stream: every block of the plan simulated once (the four banking tables
// from one simulation of a block of customers, the rides from one of a ride block), each row
// turned into an event: its key (stream_event.h) and its JSONL line.
#pragma once
#include <atomic>
#include <cstdint>
#include <filesystem>

#include "fraudgen/run/plan.h"
#include "fraudgen/sim/customer_window.h"
#include "fraudgen/sim/sim_context.h"
#include "fraudgen/sim/transaction.h"
#include "fraudgen/stream/event_spill.h"
#include "fraudgen/stream/stream_event.h"

namespace fraudgen {

// The tables streamed are the plan's (streams_table). Runs on `workers` threads; returns early
// when `stop` turns true. Throws the first worker's error. `blocks_done` counts finished blocks
// (of customers and of rides), for progress. A ride block's 8 days before wait in `spill_dir`
// while its history is counted (ride_blocks.h).
void spill_world(const SimContext& ctx, const Plan& plan, int workers, EventSpill& spill, const std::filesystem::path& spill_dir,
                 const std::atomic<bool>& stop, std::atomic<uint64_t>& blocks_done);


// When a device's event happens (stream_event.h), given its customer's.
int64_t device_event_ms(const SimContext& ctx, const Device& d, int64_t customer_event_ms);
// When a fraudulent transaction's label event happens.
int64_t label_event_ms(const Transaction& t);

// The key of each kind of event (stream_event.h): every stream orders its rows by these.
inline EventKey customer_event_key(uint64_t customer, int64_t event_ms) {
  return {event_ms, static_cast<uint8_t>(Table::Customers), customer, 0};
}
inline EventKey device_event_key(uint64_t seed, uint64_t customer, const Device& d, int64_t event_ms) {
  return {event_ms, static_cast<uint8_t>(Table::Devices), customer, device_id_suffix(seed, d.code)};
}
inline EventKey transaction_event_key(uint64_t customer, const Transaction& t) {
  return {t.time_ms, static_cast<uint8_t>(Table::Transactions), customer, 0};
}
inline EventKey label_event_key(uint64_t customer, const Transaction& t) {
  return {label_event_ms(t), static_cast<uint8_t>(Table::FraudLabels), customer, static_cast<uint64_t>(t.time_ms)};
}

}  // namespace fraudgen
