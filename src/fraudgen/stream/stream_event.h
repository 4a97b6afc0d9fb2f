// An event of the stream: one row of any table, at the simulated time it happens, in a total
// order that depends only on the world (seed and configuration), never on threads or timing.
#pragma once
#include <cstdint>
#include <string_view>

#include "fraudgen/schema/schema.h"

namespace fraudgen {

// The simulated instant of each kind of row:
// - transactions: their timestamp;
// - customers: their first transaction (the range's first instant when they have none), so a
//   customer is sent before anything that refers to it;
// - devices: their first transaction, else the start of their first_use day (not before the
//   range, nor before their customer);
// - fraud_labels: the start of fraud_reported_date (Brasília), never before their transaction,
//   which is when a bank learns the label.
// On equal times a customer comes before its devices, devices before transactions and
// transactions before labels; then the plan's block order and the row's position in its table.
struct EventKey {
  int64_t time_ms;  // UTC
  uint8_t table;    // Table, whose order is also the kind order above
  uint64_t block;
  uint32_t row;

  friend bool operator<(const EventKey& a, const EventKey& b) {
    if (a.time_ms != b.time_ms) return a.time_ms < b.time_ms;
    if (a.table != b.table) return a.table < b.table;
    if (a.block != b.block) return a.block < b.block;
    return a.row < b.row;
  }
};

// One event ready to send: `payload` is the row as generate writes it in JSONL (no newline).
struct StreamEvent {
  uint64_t seq;  // 0-based position in the whole stream
  EventKey key;
  std::string_view payload;
  Table table() const { return static_cast<Table>(key.table); }
};

}  // namespace fraudgen
