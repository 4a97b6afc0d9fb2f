// An event of the stream: one row of any table, at the simulated time it happens, in a total
// order that depends only on the world (seed and configuration), never on threads or timing.
#pragma once
#include <cstdint>
#include <string_view>

#include "fraudgen/schema/schema.h"

namespace fraudgen {

// The simulated instant of each kind of row, each a function of the customer's own days (so a
// bounded stream and an unbounded one agree on every event they both send):
// - transactions: their timestamp;
// - customers: their first transaction since the first date, so a customer is sent before
//   anything that refers to it (a bounded stream sends the customers without any at its end:
//   the first instant after the range);
// - devices: the start of their first_use day (the first date's for devices in use before it),
//   not before their customer;
// - fraud_labels: the start of fraud_reported_date (Brasília), never before their transaction,
//   which is when a bank learns the label;
// - rides: when the ride is over, ended_at when COMPLETED, else cancelled_at (ride_events.h).
// On equal times a customer comes before its devices, devices before transactions, transactions
// before labels and labels before rides (so a ride comes after its payment); then customers in
// index order (a ride's rider); then, within a customer, devices by the suffix of their id,
// labels by their transaction's time and rides by their request time.
struct EventKey {
  int64_t time_ms;  // UTC
  uint8_t table;    // Table, whose order is also the kind order above
  uint64_t customer;  // 0-based index (of a ride's rider)
  uint64_t sub;     // devices: device_id_suffix; fraud_labels: the transaction's time; rides: the request time; else 0

  friend bool operator<(const EventKey& a, const EventKey& b) {
    if (a.time_ms != b.time_ms) return a.time_ms < b.time_ms;
    if (a.table != b.table) return a.table < b.table;
    if (a.customer != b.customer) return a.customer < b.customer;
    return a.sub < b.sub;
  }
  friend bool operator==(const EventKey&, const EventKey&) = default;
};

// One event ready to send: `payload` is the row as generate writes it in JSONL (no newline).
struct StreamEvent {
  uint64_t seq;  // 0-based position in the whole stream
  EventKey key;
  std::string_view payload;
  Table table() const { return static_cast<Table>(key.table); }
};

}  // namespace fraudgen
