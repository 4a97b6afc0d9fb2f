#include "fraudgen/sim/fraud_plan.h"

#include <algorithm>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/sim/fraud_scenario.h"

namespace fraudgen {
namespace {

enum Purpose : uint64_t { kDescribe = 1 };

}  // namespace

FraudScenario describe_scenario(const SimContext& ctx, uint64_t id) {
  const SimConfig& cfg = ctx.config();
  Rng r(cfg.seed, EntityKind::FraudScenario, id, kDescribe);
  FraudScenario s{};
  s.id = id;
  s.day = cfg.start_day + ctx.fraud().day.sample(r);
  const int month = static_cast<int>(civil_from_days(s.day).month);
  s.type = static_cast<int>(ctx.fraud().type[static_cast<size_t>(month - 1)].sample(r));
  const FraudType& ft = fraud_types()[static_cast<size_t>(s.type)];
  s.steps = static_cast<int>(r.range(ft.min_steps, ft.max_steps));
  const Calibration& cal = cfg.calibration;
  s.quiet = r.chance(cal.quiet_fraud_share);
  // Early enough for the whole scenario to end inside the range (the first step may be as late
  // as 23:59 of its day).
  const int64_t days_needed = 1 + longest_span_ms(ft, s.steps, s.quiet) / kMillisPerDay;
  if (s.day + days_needed > cfg.end_day) s.day = std::max(cfg.start_day, cfg.end_day - days_needed);
  if (!s.quiet)
    s.attacker_devices = ft.device == FraudDevice::Attacker ? 1 : ft.device == FraudDevice::SeveralAttackers ? static_cast<int>(r.range(2, 3)) : 0;
  s.device_lead_days = s.attacker_devices > 0 && r.chance(cal.aged_attacker_device_share) ? static_cast<int>(r.range(1, 30)) : 0;
  s.device_slots = {-1, -1, -1};
  return s;
}

void allot_fraud(const SimContext& ctx, FraudCursor& cursor, Customer& c) {
  const double rate = ctx.config().fraud_rate;
  if (rate <= 0) return;
  cursor.credit += rate / (1 - rate) * static_cast<double>(c.legit_count) * ctx.fraud().state_weight[c.state];
  int attackers = 0;  // attacker devices handed out so far on this account
  const int free_slots = kMaxDevices - c.own_device_count;
  for (;;) {
    FraudScenario s = describe_scenario(ctx, cursor.next_scenario);
    if (cursor.credit < 0.5 * s.steps) break;
    cursor.credit -= s.steps;
    ++cursor.next_scenario;
    // New devices take the free slots; an account attacked more often than that sees the
    // same attackers' devices again (fraud rings reuse their phones).
    for (int j = 0; j < s.attacker_devices; ++j, ++attackers) {
      const int slot = c.own_device_count + attackers % free_slots;
      s.device_slots[static_cast<size_t>(j)] = static_cast<int8_t>(slot);
      Device& d = c.devices[static_cast<size_t>(slot)];
      const int64_t first_use = s.day - s.device_lead_days;
      if (attackers < free_slots) d = make_attacker_device(ctx, c.index, slot, first_use);
      else d.first_use_day = std::min(d.first_use_day, first_use);
    }
    c.transaction_count += static_cast<uint64_t>(s.steps);
    c.scenarios.push_back(s);
  }
  c.device_count = c.own_device_count + std::min(attackers, free_slots);
}

Customer make_customer_with_fraud(const SimContext& ctx, FraudCursor& cursor, uint64_t index) {
  Customer c = make_customer(ctx, index);
  allot_fraud(ctx, cursor, c);
  return c;
}

}  // namespace fraudgen
