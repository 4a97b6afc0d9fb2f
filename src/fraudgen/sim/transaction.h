// One simulated transaction before it becomes a row: compact, typed, no strings.
#pragma once
#include <cstdint>
#include <vector>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/sim/customer.h"

namespace fraudgen {

struct Transaction {
  int64_t time_ms;          // UTC
  uint32_t seq;             // position in the customer's timeline
  uint32_t customer;        // position of the customer in its block
  int8_t type, channel, status;   // status: from the risk engine (risk_rules.h)
  int16_t fraud_score;            // 0-100, from observable fields only
  int8_t device_slot;       // -1 = no device (ATM, branch)
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
  int64_t since_last_ms;    // -1 = first transaction
  double distance_km;       // < 0 = first transaction
  int8_t new_device, new_beneficiary, new_merchant;  // -1 = not applicable
  // Ground truth (fraud_scenario.h); fraud_type -1 = legitimate.
  int8_t fraud_type, fraud_role;
  int16_t fraud_step;       // 1-based position in the scenario
  uint64_t scenario_id;     // fraud_scenario_id
  int32_t reported_day;     // local date the victim or the bank reports the fraud
  bool fraud_quiet;         // the scenario was done quietly (calibration.h)
  bool business_burst;      // legitimate: one of a burst of business payments
  // Direction IN (money arriving): then beneficiary is the sender's id, dest_bank the sender's
  // bank and payee_account_type the sender's account type (transaction_table.cpp writes them
  // to the payer columns); no device, merchant or card.
  bool inflow;
  bool is_fraud() const { return fraud_type >= 0; }
};

// The `unusual_time` column, also a risk rule: before 06:00 or from 22:00 in Brasília.
inline bool at_unusual_time(const Transaction& t) {
  const int hour = brasilia_hour(t.time_ms);
  return hour < 6 || hour >= 22;
}

// Simulates one customer's whole timeline over the date range, legitimate and fraudulent
// transactions merged and sorted by time, with history features and risk fields filled in.
// `local_index` is the customer's position in its block. With `labels_only`, only what the
// fraud_labels table needs is filled in: times, positions and the fraudulent rows.
void simulate_timeline(const SimContext& ctx, const Customer& c, uint32_t local_index, std::vector<Transaction>& out,
                       bool labels_only = false);

}  // namespace fraudgen
