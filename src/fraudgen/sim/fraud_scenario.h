// One fraud scenario as the transactions it really is: the steps of its type (fraud_types.h)
// placed in the victim's (or the mule's) timeline, with the devices, places, payees, merchants
// and amounts of that kind of fraud, and the ground truth on every step.
#pragma once
#include <vector>

#include "fraudgen/sim/fraud_types.h"
#include "fraudgen/sim/transaction.h"

namespace fraudgen {

// The longest time a scenario of this type and length can take from its first step to its last.
int64_t longest_span_ms(const FraudType& ft, int steps, bool quiet);

// The local times (ms since the epoch, Brasilia) of the scenario's steps, in order: where
// simulate_scenario puts them.
std::vector<int64_t> scenario_step_times(const SimContext& ctx, const Customer& c, const FraudScenario& s);

// The local date the scenario is reported: its last step's date plus the type's detection delay.
int32_t scenario_reported_day(const SimContext& ctx, const Customer& c, const FraudScenario& s, int64_t last_step_local_ms);

// Appends the scenario's transactions, every field set except session and the history and
// risk fields (computed later over the merged timeline). Steps outside the customer's window are
// the caller's to drop.
void simulate_scenario(const SimContext& ctx, const Customer& c, const FraudScenario& s, uint32_t local_index,
                       std::vector<Transaction>& out);

}  // namespace fraudgen
