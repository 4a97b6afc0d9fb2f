#include "fraudgen/sim/fraud_plan.h"

#include <algorithm>
#include <cmath>

#include "fraudgen/core/civil_time.h"

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
  if (c.fraud_per_day <= 0) return;
  // How many start: a Poisson count by inversion of one uniform, a SplitMix64 draw of the
  // customer's key and the date. Most days start none, and a stream asks about hundreds of days
  // for every customer-day it sends, so that answer costs one mix and one comparison.
  const double mean = c.fraud_per_day * ctx.scenario_start_rate(day);
  const double u = static_cast<double>(mix64(c.fraud_key + 0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(day)) >> 11) * 0x1.0p-53;
  if (u <= 1.0 - mean) return;  // 1 - mean <= exp(-mean): none
  int count = 0;
  for (double p = std::exp(-mean), cdf = p; u > cdf && count < kMaxScenariosPerDay;) {
    ++count;
    p *= mean / count;
    cdf += p;
  }
  if (count == 0) return;
  // Each scenario's description: one stream of draws for the day.
  Rng r(cfg.seed, EntityKind::FraudScenario, pair_key(c.index, static_cast<uint64_t>(day)), kStarts);
  const int month = static_cast<int>(civil_from_days(day).month);
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
    s.device_lead_days = s.attacker_devices > 0 && r.chance(cfg.calibration.aged_attacker_device_share) ? static_cast<int>(r.range(1, kMaxDeviceLeadDays)) : 0;
    s.device_slots = {-1, -1, -1};
    out.push_back(s);
  }
}

}  // namespace fraudgen
