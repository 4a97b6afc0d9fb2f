// One simulated transaction before it becomes a row: compact, typed, no strings.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/sim/customer.h"

namespace fraudgen {

struct Transaction {
  int64_t time_ms;          // UTC; strictly increasing along a customer's timeline
  uint32_t customer;        // position of the customer in its block
  int8_t type, channel, status;   // status: from the risk engine (risk_rules.h)
  int16_t fraud_score;            // 0-100, from observable fields only
  int16_t device_slot;      // position in Customer::devices; -1 = no device (ATM, branch)
  int64_t amount_cents;
  int32_t merchant;         // -1 = none
  uint32_t municipality;
  double lat, lon;          // already rounded to 6 decimals
  uint32_t ip;              // 0 = none
  uint64_t session;
  // Card payments.
  int8_t card_entry, installments;
  bool cvv_validated, auth_3ds;
  // PIX and TED.
  uint64_t beneficiary[2];  // 0 = none
  int16_t dest_bank;        // -1 = none
  int8_t pix_key_type, payee_account_type, payee_holder_type, initiation_mode;
  int8_t return_reason;     // -1 = not returned
  uint64_t e2e_suffix;
  // History features (computed from the customer's earlier transactions).
  int32_t velocity[5];      // 1h, 6h, 24h, 7d, 30d
  int64_t accumulated[5];
  int32_t unique_merchants_7d, unique_devices_7d;
  int64_t since_last_ms;    // -1 = no transaction in the 30 days before
  double distance_km;       // < 0 = no transaction in the 30 days before
  int8_t new_device, new_beneficiary, new_merchant;  // -1 = not applicable
  // Ground truth (fraud_scenario.h); fraud_type -1 = legitimate.
  int8_t fraud_type, fraud_role;
  int16_t fraud_step;       // 1-based position in the scenario
  int32_t scenario_day;     // fraud_scenario_id: the customer, the scenario's start date and
  int8_t scenario_k;        // its number among the scenarios started that day
  int32_t reported_day;     // local date the victim or the bank reports the fraud
  bool fraud_quiet;         // the scenario was done quietly (calibration.h)
  bool business_burst;      // legitimate: one of a burst of business payments
  // Direction IN (money arriving): then beneficiary is the sender's id, dest_bank the sender's
  // bank and payee_account_type the sender's account type (transaction_table.cpp writes them
  // to the payer columns); no device, merchant or card.
  bool inflow;
  bool ride_payment;        // a ride's fare paid to the app (ride_payments.h)
  bool is_fraud() const { return fraud_type >= 0; }
};

// The `unusual_time` column, also a risk rule: before 06:00 or from 22:00 in Brasília.
inline bool at_unusual_time(const Transaction& t) {
  const int hour = brasilia_hour(t.time_ms);
  return hour < 6 || hour >= 22;
}

// Simulates the customer's timeline over the days of their window (open_window), legitimate
// and fraudulent transactions merged and sorted by time, with history features and risk fields
// filled in. Every field of a row on day d is a pure function of (seed, customer, the days from
// d - kLookbackDays to d): the rows of a window's first kLookbackDays days see less history than
// they would in a longer window. `local_index` is the customer's position in its block. With
// `labels_only`, only what the fraud_labels table needs is filled in: times and the fraudulent rows.
void simulate_timeline(const SimContext& ctx, const Customer& c, uint32_t local_index, std::vector<Transaction>& out,
                       bool labels_only = false);

// The rows simulate_timeline makes, counted from the days' first draws without simulating them.
struct TimelineRows {
  uint64_t transactions = 0, fraudulent = 0;
};
TimelineRows count_timeline_rows(const SimContext& ctx, const Customer& c);
// The same by date, for partitioned output: adds each local date d's rows of the window to
// transactions[d - window_first_day] and its fraudulent ones to fraudulent[...] (a row stays on
// the date its day drew it for).
void count_timeline_rows_by_day(const SimContext& ctx, const Customer& c, std::span<uint32_t> transactions, std::span<uint32_t> fraudulent);

}  // namespace fraudgen
