#include "fraudgen/sim/risk_rules.h"

#include <algorithm>
#include <iterator>
#include <limits>

#include "fraudgen/core/civil_time.h"

#include "fraudgen/schema/vocabulary.h"

namespace fraudgen {
namespace {

using namespace vocab;

enum Signal {
  kNewDevice, kNewBeneficiaryLarge, kNewBeneficiary, kVelocityHigh, kVelocityElevated, kSpikeHigh, kSpike,
  kUnusualTime, kImpossibleTravel, kVpn, kEmulator, kMccHighRisk, kCvvFailed, kManualWithout3ds, kSignalCount
};

// Points are a data table so docs, code and the SQL in the tests read the same numbers.
constexpr RiskRule kRules[] = {
    {"device_new_for_customer", 20, "the customer's first transaction from this device"},
    {"new_beneficiary_large", 20, "PIX or TED to a new beneficiary, amount at least R$ 1,000.00"},
    {"new_beneficiary", 10, "PIX or TED to a new beneficiary, amount below R$ 1,000.00"},
    {"velocity_1h_high", 25, "10 or more transactions in the last hour (this one included)"},
    {"velocity_1h_elevated", 10, "5 to 9 transactions in the last hour"},
    {"amount_spike_high", 25, "amount at least 10x the average of the customer's earlier transactions of the last 30 days"},
    {"amount_spike", 12, "amount at least 5x (and under 10x) that average"},
    {"unusual_time", 8, "local time before 06:00 or from 22:00"},
    {"impossible_travel", 20, "more than 100 km from the previous transaction, faster than 900 km/h"},
    {"vpn_active", 10, "the device is on a VPN"},
    {"emulator_detected", 25, "the device is an emulator"},
    {"mcc_high_risk", 8, "the merchant's MCC is high risk"},
    {"cvv_failed", 15, "card payment whose CVV did not validate"},
    {"manual_entry_without_3ds", 6, "card number typed in, without 3-D Secure"},
};
static_assert(std::size(kRules) == kSignalCount);

constexpr uint64_t kRisk = 103;                   // Rng purpose
constexpr int64_t kLargeTransferCents = 100'000;  // R$ 1,000.00
constexpr double kIssuerDeclineShare = 0.012;     // insufficient funds, technical: not in the data
constexpr double kIssuerPendingShare = 0.004;
constexpr double kPixReturnShare = 0.012;         // MED returns among approved PIX

}  // namespace

int risk_score(const ReferenceData& ref, const Customer& c, const Transaction& t) {
  bool on[kSignalCount] = {};
  on[kNewDevice] = t.new_device == 1;
  const bool transfer = t.type == PIX || t.type == TED;
  if (transfer && t.new_beneficiary == 1) (t.amount_cents >= kLargeTransferCents ? on[kNewBeneficiaryLarge] : on[kNewBeneficiary]) = true;
  if (t.velocity[0] >= 10) on[kVelocityHigh] = true;
  else if (t.velocity[0] >= 5) on[kVelocityElevated] = true;
  // Average of the earlier transactions in the 30-day window, compared without division.
  const int64_t earlier = t.velocity[4] - 1, earlier_sum = t.accumulated[4] - t.amount_cents;
  if (earlier > 0) {
    if (t.amount_cents * earlier >= 10 * earlier_sum) on[kSpikeHigh] = true;
    else if (t.amount_cents * earlier >= 5 * earlier_sum) on[kSpike] = true;
  }
  on[kUnusualTime] = at_unusual_time(t);
  on[kImpossibleTravel] = t.since_last_ms >= 0 && t.distance_km > 100 &&
                          t.distance_km * 3'600'000.0 > 900.0 * static_cast<double>(t.since_last_ms);
  if (t.device_slot >= 0) {
    const Device& d = c.devices[static_cast<size_t>(t.device_slot)];
    on[kVpn] = d.vpn;
    on[kEmulator] = d.emulator;
  }
  on[kMccHighRisk] = t.merchant >= 0 && ref.mccs[ref.merchants[static_cast<size_t>(t.merchant)].mcc].risk == 2;
  const bool card = t.type == CREDIT_CARD || t.type == DEBIT_CARD;
  on[kCvvFailed] = card && !t.cvv_validated;
  on[kManualWithout3ds] = card && t.card_entry == 2 && !t.auth_3ds;
  int points = 0;
  for (int s = 0; s < kSignalCount; ++s) points += on[s] ? kRules[s].points : 0;
  return std::min(points, 100);
}

std::span<const RiskRule> risk_rules() { return kRules; }

void apply_risk_rules(const SimContext& ctx, const Customer& c, std::span<Transaction> timeline) {
  const ReferenceData& ref = ctx.ref();
  Rng rng(ctx.config().seed, EntityKind::Customer, c.index, 0);
  int64_t rng_day = std::numeric_limits<int64_t>::min();
  for (Transaction& t : timeline) {
    if (const int64_t day = local_day_of(t.time_ms); day != rng_day) {  // each day its own draws
      rng = customer_day_rng(ctx.config().seed, c.index, kRisk, day);
      rng_day = day;
    }
    t.fraud_score = static_cast<int16_t>(risk_score(ref, c, t));
    const bool holdable = t.type == PIX || t.type == TED || t.type == BOLETO;
    // Limits first: the card's credit limit, or 2.5 monthly incomes for everything else.
    const int64_t limit = t.type == CREDIT_CARD ? c.credit_limit_cents : c.income_cents * 5 / 2;
    const double u = rng.uniform();  // one draw per transaction, whatever the branch
    if (t.amount_cents > limit && !t.inflow) t.status = DECLINED;  // the limit is on money going out
    else if (t.fraud_score >= kBlockScore) t.status = BLOCKED;
    else if (t.fraud_score >= kReviewScore) t.status = holdable ? PENDING : DECLINED;
    else if (u < kIssuerDeclineShare) t.status = DECLINED;
    else if (holdable && u < kIssuerDeclineShare + kIssuerPendingShare) t.status = PENDING;
    else t.status = APPROVED;
    const double r = rng.uniform();
    t.return_reason = -1;
    if (t.type == PIX && t.status == APPROVED && r < kPixReturnShare) {
      const double v = r / kPixReturnShare;  // reuse the draw, uniform again below the share
      t.return_reason = static_cast<int8_t>(v < 0.35 ? 1 : v < 0.75 ? 2 : v < 0.95 ? 3 : 0);  // MD06, BE08, REFU, FR01
    }
  }
}

}  // namespace fraudgen
