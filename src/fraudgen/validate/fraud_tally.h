// Fraud counted in the transactions, to compare with the manifest's fraud section.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "fraudgen/validate/check_context.h"

namespace fraudgen::validate {

struct FraudTally {
  uint64_t transactions = 0, fraudulent = 0, scenarios = 0;
  std::map<std::string, uint64_t> by_type;
};

// Counts and rates equal the manifest's; the realised rate lies within 5% (relative) of the
// requested one when there are at least a million transactions.
void check_fraud_share(const CheckContext& ctx, const FraudTally& tally);

}  // namespace fraudgen::validate
