// The bank's risk engine: a score from observable fields only (the transaction, its history
// features, the device, the customer's limits), never from the fraud label, and the status that
// follows from it. docs/fraud-model.md lists the rules; tests/e2e/risk.test.mjs recomputes every
// score from the output with SQL.
#pragma once
#include <span>

#include "fraudgen/sim/sim_context.h"
#include "fraudgen/sim/transaction.h"

namespace fraudgen {

struct RiskRule {
  const char* signal;
  int points;
  const char* when;
};

// Every rule, in the order the score adds them (the score is capped at 100).
std::span<const RiskRule> risk_rules();

inline constexpr int kBlockScore = 80;   // at or above: BLOCKED
inline constexpr int kReviewScore = 60;  // at or above: PENDING (PIX, TED, boleto) or DECLINED (others)

// The score of one transaction whose history features are filled in.
int risk_score(const ReferenceData& ref, const Customer& c, const Transaction& t);

// Sets fraud_score and status of a customer's timeline (history features already computed),
// and draws PIX returns (MED) among the approved PIX.
void apply_risk_rules(const SimContext& ctx, const Customer& c, std::span<Transaction> timeline);

}  // namespace fraudgen
