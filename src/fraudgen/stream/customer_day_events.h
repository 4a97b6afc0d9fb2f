// The events one customer makes on one local date of an unbounded stream, computed from that
// date and the days around it alone (the simulator's window, customer_window.h), so the stream
// needs no customer's history in memory: the date's transactions; the customer itself before its
// first transaction since the first date; its devices from their first use (stream_event.h); the
// labels of its fraud reported that date. A bounded stream (world_events.cpp) times the same
// rows by the same rules, so both agree on every event they share.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fraudgen/schema/column_batch.h"
#include "fraudgen/sim/customer.h"
#include "fraudgen/sim/transaction.h"
#include "fraudgen/stream/jsonl_rows.h"
#include "fraudgen/stream/stream_event.h"

namespace fraudgen {

class CustomerDayEvents {
 public:
  explicit CustomerDayEvents(const SimContext& ctx);
  ~CustomerDayEvents();
  CustomerDayEvents(const CustomerDayEvents&) = delete;
  CustomerDayEvents& operator=(const CustomerDayEvents&) = delete;

  // Appends the keys of customer `customer`'s events on `day`, in no particular order. The cheap
  // half: times without the features that need the days before.
  void keys(uint64_t customer, int64_t day, std::vector<EventKey>& out);

  struct Event {
    EventKey key;
    std::string payload;  // the row as generate writes it in JSONL
  };
  // The same events with their rows, in key order (appended to `out`).
  void render(uint64_t customer, int64_t day, std::vector<Event>& out);

 private:
  struct Day;
  void collect(uint64_t customer, int64_t day, bool rows, Day& d);
  bool any_rows_before(const Customer& c, int64_t day);
  void collect_devices(const Customer& c, int64_t day, bool first_day, Day& d);
  void collect_labels(const Customer& c, int64_t day, Day& d);
  // The day's event keys: customer, devices, transactions, labels (the order of its rows by table).
  void append_keys(const Day& d, uint64_t customer, std::vector<EventKey>& out) const;

  const SimContext& ctx_;
  std::unique_ptr<Day> day_;
  std::vector<Transaction> timeline_;
  std::vector<FraudScenario> started_;
  std::vector<ColumnBatch> batches_;  // by table
  std::vector<EventKey> keys_;
  JsonlRows rows_;
};

}  // namespace fraudgen
