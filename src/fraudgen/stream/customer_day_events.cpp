#include "fraudgen/stream/customer_day_events.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "fraudgen/sim/customer_table.h"
#include "fraudgen/sim/customer_window.h"
#include "fraudgen/sim/day_plan.h"
#include "fraudgen/sim/fraud_plan.h"
#include "fraudgen/sim/fraud_scenario.h"
#include "fraudgen/sim/ride_payments.h"
#include "fraudgen/sim/transaction_table.h"
#include "fraudgen/stream/world_events.h"

namespace fraudgen {

// What happens on the day: the customer (with the window its rows need) and the rows to send.
struct CustomerDayEvents::Day {
  Customer customer;
  std::vector<Transaction> transactions;  // of the day, in time order
  bool customer_event = false;            // the day of the customer's first transaction
  std::vector<Device> devices;            // sent that day, at device_ms
  int64_t device_ms = 0;
  std::vector<Transaction> labels;        // fraudulent transactions reported that day
};

CustomerDayEvents::CustomerDayEvents(const SimContext& ctx)
    : ctx_(ctx), day_(std::make_unique<Day>()) {
  for (Table t : kBankTables) batches_.emplace_back(schema_of(t));
  mark_keyed_transaction_columns(batches_[static_cast<size_t>(Table::Transactions)]);
}

CustomerDayEvents::~CustomerDayEvents() = default;

// Whether the customer has a transaction on a date in [start_date, day): a day's legitimate
// count is its first draw; fraudulent steps come from the scenarios started up to L days before.
bool CustomerDayEvents::any_rows_before(const Customer& c, int64_t day) {
  const int64_t first = ctx_.config().start_day, lookback = ctx_.scenario_lookback_days();
  std::vector<int64_t> fraud_days;  // step dates of the scenarios enumerated so far
  int64_t enumerated_from = day;    // scenarios started on [enumerated_from, day) are in fraud_days
  // In a world with rides a rider's card and Pix rides are transactions too.
  const RideMarket* market = ctx_.ride_market();
  const std::optional<Rider> rider = market ? market->rider_of(ctx_, c) : std::nullopt;
  for (int64_t x = day - 1; x >= first; --x) {
    if (plan_day(ctx_, c, x).legitimate() > 0) return true;
    if (rider && count_ride_payments(ctx_, *market, *rider, x, x) > 0) return true;
    for (; enumerated_from > x - lookback; ) {
      --enumerated_from;
      started_.clear();
      scenarios_started(ctx_, c, enumerated_from, started_);
      for (const FraudScenario& s : started_)
        for (int64_t local_ms : scenario_step_times(ctx_, c, s)) fraud_days.push_back(local_ms / kMillisPerDay);
    }
    if (std::find(fraud_days.begin(), fraud_days.end(), x) != fraud_days.end()) return true;
  }
  return false;
}

// Devices sent on the day: on the customer's first day every device first used by then (the
// profile's, its new ones, attackers' of scenarios with a step from the first date on); later,
// those first used that day.
void CustomerDayEvents::collect_devices(const Customer& c, int64_t day, bool first_day, Day& d) {
  const int64_t first = ctx_.config().start_day;
  if (first_day) {
    d.devices.assign(c.devices.begin(), c.devices.begin() + c.initial_device_count);
    const size_t from = d.devices.size();
    append_new_own_devices(ctx_, c, 0, device_period(ctx_, day), d.devices);
    d.devices.erase(std::remove_if(d.devices.begin() + static_cast<std::ptrdiff_t>(from), d.devices.end(),
                                   [&](const Device& x) { return x.first_use_day > day; }),
                    d.devices.end());
  } else {
    append_new_own_devices(ctx_, c, device_period(ctx_, day), device_period(ctx_, day), d.devices);
    d.devices.erase(std::remove_if(d.devices.begin(), d.devices.end(), [&](const Device& x) { return x.first_use_day != day; }),
                    d.devices.end());
  }
  // Attackers' devices: first used up to kMaxDeviceLeadDays before their scenario's start.
  for (int64_t s_day = first_day ? day - ctx_.scenario_lookback_days() : day; s_day <= day + kMaxDeviceLeadDays; ++s_day) {
    started_.clear();
    scenarios_started(ctx_, c, s_day, started_);
    for (const FraudScenario& s : started_) {
      if (s.attacker_devices == 0) continue;
      const int64_t first_use = s.day - s.device_lead_days;
      if (first_day ? first_use > day : first_use != day) continue;
      if (s.day < first) {  // a scenario under way on the first date: listed when a step is on or after it
        const std::vector<int64_t> steps = scenario_step_times(ctx_, c, s);
        if (steps.back() / kMillisPerDay < first) continue;
      }
      append_attacker_devices(ctx_, c, s, d.devices);
    }
  }
}

// Labels sent on the day: the steps (from the first date on) of scenarios reported that day, as
// the timeline has them (a step's time may have moved by a millisecond to stay unique).
void CustomerDayEvents::collect_labels(const Customer& c, int64_t day, Day& d) {
  const int64_t first = ctx_.config().start_day;
  struct Reported {
    int64_t day;
    int k;
  };
  std::vector<Reported> reported;
  int64_t first_step_day = day, last_step_day = first;
  for (int64_t s_day = day - ctx_.report_lookback_days(); s_day <= day; ++s_day) {
    started_.clear();
    scenarios_started(ctx_, c, s_day, started_);
    for (const FraudScenario& s : started_) {
      const std::vector<int64_t> steps = scenario_step_times(ctx_, c, s);
      if (scenario_reported_day(ctx_, c, s, steps.back()) != day || steps.back() / kMillisPerDay < first) continue;
      reported.push_back({s.day, s.k});
      first_step_day = std::min(first_step_day, std::max(first, steps.front() / kMillisPerDay));
      last_step_day = std::max(last_step_day, steps.back() / kMillisPerDay);
    }
  }
  if (reported.empty()) return;
  Customer w = c;
  open_window(ctx_, w, first_step_day, last_step_day);
  timeline_.clear();
  simulate_timeline(ctx_, w, 0, timeline_, true);
  for (const Transaction& t : timeline_)
    if (t.is_fraud() && std::any_of(reported.begin(), reported.end(), [&](const Reported& r) { return r.day == t.scenario_day && r.k == t.scenario_k; }))
      d.labels.push_back(t);
}

void CustomerDayEvents::collect(uint64_t customer, int64_t day, bool rows, Day& d) {
  d.customer = make_customer(ctx_, customer);
  Customer& c = d.customer;
  d.transactions.clear();
  d.devices.clear();
  d.labels.clear();
  d.customer_event = false;
  if (day < ctx_.config().start_day) return;

  // The day's transactions: their times need only the day; their features the days before.
  open_window(ctx_, c, rows ? day - kLookbackDays : day, day);
  timeline_.clear();
  simulate_timeline(ctx_, c, 0, timeline_, !rows);
  for (const Transaction& t : timeline_)
    if (local_day_of(t.time_ms) == day) d.transactions.push_back(t);

  // The customer, before its first transaction since the first date; its devices from their first use.
  bool appeared_before = false, known = false;
  auto seen_before = [&] {
    if (!known) appeared_before = any_rows_before(c, day), known = true;
    return appeared_before;
  };
  if (!d.transactions.empty() && !seen_before()) {
    d.customer_event = true;
    d.device_ms = d.transactions.front().time_ms;
    collect_devices(c, day, true, d);
  } else {
    collect_devices(c, day, false, d);
    if (!d.devices.empty() && !seen_before()) d.devices.clear();  // they wait for the customer
    d.device_ms = day_start_ms(day);
  }
  collect_labels(c, day, d);
}

void CustomerDayEvents::append_keys(const Day& d, uint64_t customer, std::vector<EventKey>& out) const {
  const uint64_t seed = ctx_.config().seed;
  if (d.customer_event) out.push_back(customer_event_key(customer, d.transactions.front().time_ms));
  for (const Device& dev : d.devices) out.push_back(device_event_key(seed, customer, dev, d.device_ms));
  for (const Transaction& t : d.transactions) out.push_back(transaction_event_key(customer, t));
  for (const Transaction& t : d.labels) out.push_back(label_event_key(customer, t));
}

void CustomerDayEvents::keys(uint64_t customer, int64_t day, std::vector<EventKey>& out) {
  collect(customer, day, false, *day_);
  append_keys(*day_, customer, out);
}

void CustomerDayEvents::render(uint64_t customer, int64_t day, std::vector<Event>& out) {
  Day& d = *day_;
  collect(customer, day, true, d);
  const Customer& c = d.customer;
  for (ColumnBatch& b : batches_) b.clear();
  // The rows by table, in the order append_keys gives their keys.
  if (d.customer_event) write_customer_row(batches_[0], ctx_, c);
  for (const Device& dev : d.devices) write_device_row(batches_[1], ctx_, c, dev);
  ColumnBatch& tb = batches_[2];
  const size_t first_row = tb.add_rows(d.transactions.size());
  for (size_t k = 0; k < d.transactions.size(); ++k) write_transaction_row(tb.row_writer(first_row + k), ctx_, c, d.transactions[k]);
  for (const Transaction& t : d.labels) write_fraud_label_row(batches_[3], ctx_, c, t);
  keys_.clear();
  append_keys(d, customer, keys_);
  const size_t first_event = out.size();
  size_t key = 0;
  for (Table t : kBankTables)
    for (std::string_view line : rows_.lines(batches_[static_cast<size_t>(t)])) out.push_back({keys_[key++], std::string(line)});
  if (key != keys_.size()) throw std::logic_error("a customer-day's keys do not match its rows");
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first_event), out.end(), [](const Event& a, const Event& b) { return a.key < b.key; });
}

}  // namespace fraudgen
