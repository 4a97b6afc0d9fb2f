#include "fraudgen/sim/fraud_plan.h"

#include <algorithm>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/sim/day_plan.h"

namespace fraudgen {
namespace {

enum Purpose : uint64_t { kStarts = 1 };
constexpr int kMaxScenariosPerDay = 16;  // the scenario number takes one hex digit in ids

}  // namespace

uint64_t scenario_key(uint64_t customer, int64_t day, int k) {
  return hash_combine(pair_key(customer, static_cast<uint64_t>(day)), static_cast<uint64_t>(k));
}

void scenarios_started(const SimContext& ctx, const Customer& c, int64_t day, std::vector<FraudScenario>& out) {
  const SimConfig& cfg = ctx.config();
  const double rate = cfg.fraud_rate;
  if (rate <= 0) return;
  const int month = static_cast<int>(civil_from_days(day).month);
  const double legit = expected_legitimate_per_day(ctx, c);
  const double mean = rate / (1 - rate) * legit * ctx.fraud().state_weight[c.state] * ctx.fraud_day_rate(day) / ctx.mean_scenario_steps(month);
  // One stream of draws for the day: the count, then each scenario's description.
  Rng r(cfg.seed, EntityKind::FraudScenario, pair_key(c.index, static_cast<uint64_t>(day)), kStarts);
  const int count = static_cast<int>(std::min<uint64_t>(kMaxScenariosPerDay, r.poisson(mean)));
  for (int k = 0; k < count; ++k) {
    FraudScenario s{};
    s.day = day;
    s.k = k;
    s.type = static_cast<int>(ctx.fraud().type[static_cast<size_t>(month - 1)].sample(r));
    const FraudType& ft = fraud_types()[static_cast<size_t>(s.type)];
    s.steps = static_cast<int>(r.range(ft.min_steps, ft.max_steps));
    s.quiet = r.chance(cfg.calibration.quiet_fraud_share);
    if (!s.quiet)
      s.attacker_devices = ft.device == FraudDevice::Attacker ? 1 : ft.device == FraudDevice::SeveralAttackers ? static_cast<int>(r.range(2, 3)) : 0;
    s.device_lead_days = s.attacker_devices > 0 && r.chance(cfg.calibration.aged_attacker_device_share) ? static_cast<int>(r.range(1, 30)) : 0;
    s.device_slots = {-1, -1, -1};
    out.push_back(s);
  }
}

}  // namespace fraudgen
