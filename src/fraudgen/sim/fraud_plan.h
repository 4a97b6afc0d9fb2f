// Which customers the fraud scenarios happen to, decided before anything is simulated.
//
// The run has one stream of scenarios: scenario k's date, type and length are a pure function
// of (seed, k). Customers take scenarios from the stream in order while their share of the
// requested fraud rate pays for them: each customer adds rate / (1 - rate) x their legitimate
// transactions x their state's multiplier to a running credit, and takes the next scenario while
// the credit covers at least half of its steps. The realised share of fraudulent transactions
// therefore stays within half a scenario of the request at every prefix of the customers,
// whatever the run's size, while the types keep their shares.
#pragma once
#include <cstdint>

#include "fraudgen/sim/customer.h"

namespace fraudgen {

// The allotment state between two customers; the plan keeps one per block so blocks can be
// simulated independently and still agree with the sequential allotment.
struct FraudCursor {
  uint64_t next_scenario = 0;
  double credit = 0;  // fraudulent transactions owed but not yet placed
};

FraudScenario describe_scenario(const SimContext& ctx, uint64_t id);

// Gives `c` (fresh from make_customer) the scenarios it pays for, their attackers' devices and
// their transactions; advances the cursor.
void allot_fraud(const SimContext& ctx, FraudCursor& cursor, Customer& c);

// make_customer followed by allot_fraud: the customer as simulated.
Customer make_customer_with_fraud(const SimContext& ctx, FraudCursor& cursor, uint64_t index);

}  // namespace fraudgen
