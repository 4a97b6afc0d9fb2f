// Money arriving in a customer's account (direction IN): salaries and pensions, PIX from family
// and friends, a business's customers paying it, refunds. So that direction IN is ordinary, not a
// sign of the mule scenario whose inflows (fraud_scenario.cpp) use the same fill_inflow.
#pragma once
#include <cstdint>
#include <vector>

#include "fraudgen/sim/customer.h"
#include "fraudgen/sim/day_plan.h"
#include "fraudgen/sim/transaction.h"

namespace fraudgen {

enum class InflowKind : uint8_t { Salary, Family, CustomerPayment, Refund };

// One incoming transfer as the plan knows it: when and what, before its fields are drawn.
struct PlannedInflow {
  int64_t time_ms;  // UTC
  InflowKind kind;
};

// Rates per profile (docs/fraud-model.md, "Legitimate inflows").
struct InflowRates {
  double salary_share;                 // customers paid a salary or pension, monthly
  double family_per_month;             // PIX from relatives and friends
  double customer_payments_per_month;  // a business's customers paying it
  double refunds_per_month;            // shops giving money back
};
const InflowRates& inflow_rates(int profile);

// When the inflows `counts` (plan_day) has for local date `day` arrive.
std::vector<PlannedInflow> plan_inflows(const SimContext& ctx, const Customer& c, int64_t day, const DayPlan& counts);

// Appends the customer's legitimate inflows of local date `day`, every field set except the
// place (set once the timeline is sorted), session, history and risk.
void add_inflows(const SimContext& ctx, const Customer& c, int64_t day, const DayPlan& counts, uint32_t local_index,
                 std::vector<Transaction>& out);

// Makes `t` an incoming PIX or TED to the customer from the sender named by `sender` (a hash,
// stable per sender): sender's id, bank and account, the customer's PIX key, the sender's channel
// and initiation; no device, merchant or card. The amount is the caller's.
void fill_inflow(const SimContext& ctx, const Customer& c, Rng& r, uint64_t sender, bool business_sender, int8_t type,
                 Transaction& t);

}  // namespace fraudgen
