// When fraud scenarios start, decided day by day.
//
// On each local date a customer starts a Poisson number of scenarios whose mean pays for the
// requested fraud rate: rate / (1 - rate) x the customer's expected legitimate transactions on
// an average day x their state's multiplier x the date's fraud weight (calendar volume and the
// month's multiplier), over the mean length of the month's scenarios. The k-th scenario started
// on a date is a pure function of (seed, customer, date, k), so any day can be simulated alone.
#pragma once
#include <cstdint>
#include <vector>

#include "fraudgen/sim/customer.h"

namespace fraudgen {

// Attackers' devices are first used on the account up to this many days before their scenario.
inline constexpr int kMaxDeviceLeadDays = 30;

// A scenario key: the entity index of its draws and of its payees' and devices' hashes.
uint64_t scenario_key(uint64_t customer, int64_t day, int k);

// Appends the scenarios `c` starts on local date `day` (attacker device slots left at -1).
void scenarios_started(const SimContext& ctx, const Customer& c, int64_t day, std::vector<FraudScenario>& out);

}  // namespace fraudgen
