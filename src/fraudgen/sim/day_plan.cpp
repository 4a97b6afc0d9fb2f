#include "fraudgen/sim/day_plan.h"

#include "fraudgen/sim/inflows.h"
#include "fraudgen/sim/profiles.h"

namespace fraudgen {
namespace {

constexpr uint64_t kCounts = 107;  // Rng purpose, keyed with the date
constexpr double kDaysPerMonth = 365.2425 / 12;
// A business's buyers come alone or in rushes of 3-8 (a lunch hour, a fair, a sale), a
// legitimate look-alike of a mule's several new senders.
constexpr double kRushShare = 0.5;
constexpr double kMeanGroup = (1 - kRushShare) * 1 + kRushShare * 5.5;

// Blocked and inactive accounts barely move (as in make_customer).
double activity_of(const Customer& c) { return c.account_status != 0 ? 0.1 : 1.0; }

bool is_business(const Customer& c) {
  const std::string_view name = profile_or_default(c.profile).name;
  return name == "micro_empreendedor" || name == "business_owner";
}

}  // namespace

double expected_legitimate_per_day(const SimContext& ctx, const Customer& c) {
  const InflowRates& rate = inflow_rates(c.profile);
  const double salary = c.salaried ? 1 / kDaysPerMonth : 0;
  const double bursts = is_business(c) ? ctx.config().calibration.business_bursts_per_year / 365.2425 * 8.5 : 0;  // 5-12 payments each
  return c.outgoing_per_day + salary + bursts +
         (rate.family_per_month + rate.refunds_per_month + rate.customer_payments_per_month) * activity_of(c) / kDaysPerMonth;
}

DayPlan plan_day(const SimContext& ctx, const Customer& c, int64_t day) {
  const InflowRates& rate = inflow_rates(c.profile);
  const double weight = ctx.day_rate(c.profile, day), activity = activity_of(c);
  // One Poisson count for the day, each event's kind drawn in proportion to its mean: the same
  // law as a Poisson count per kind, with one exponential instead of four.
  const double kinds[4] = {c.outgoing_per_day * weight, rate.family_per_month / kDaysPerMonth * activity,
                           rate.refunds_per_month / kDaysPerMonth * activity,
                           rate.customer_payments_per_month / kDaysPerMonth * activity * weight / kMeanGroup};
  const double total = kinds[0] + kinds[1] + kinds[2] + kinds[3];
  Rng r = customer_day_rng(ctx.config().seed, c.index, kCounts, day);
  DayPlan plan;
  for (uint64_t n = r.poisson(total); n > 0; --n) {
    double u = r.uniform() * total;
    if ((u -= kinds[0]) < 0) ++plan.outgoing;
    else if ((u -= kinds[1]) < 0) ++plan.family;
    else if ((u -= kinds[2]) < 0 || kinds[3] <= 0) ++plan.refunds;
    else if (plan.groups < DayPlan::kMaxGroups) plan.group_sizes[plan.groups++] = static_cast<uint8_t>(r.chance(kRushShare) ? r.range(3, 8) : 1);
  }
  if (is_business(c) && r.chance(ctx.config().calibration.business_bursts_per_year / 365.2425 * weight))
    plan.burst = static_cast<uint32_t>(r.range(5, 12));
  plan.salary = c.salaried && ctx.is_payday(day);
  return plan;
}

}  // namespace fraudgen
