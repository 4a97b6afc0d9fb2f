#include "fraudgen/sim/inflows.h"

#include <algorithm>
#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/transaction_parts.h"

namespace fraudgen {
namespace {

using namespace vocab;

enum Purpose : uint64_t { kSchedule = 104, kFields = 105 };
// key_hash spaces of the senders, apart from the payees' (timeline.cpp) and the fraudsters'.
constexpr uint64_t kEmployer = 0x9100, kFamily = 0x9200, kOneOffFriend = 0x9210, kOneOffBuyer = 0x9220,
                   kRegularBuyer = 0x9230, kRefunder = 0x9240, kOwnPixKey = 0x9300;
constexpr int kFamilyPool = 4, kRegularBuyers = 10;
constexpr int64_t kHour = 3'600'000;

// Profile order of profiles.cpp; the last row is --no-profiles. Salaried profiles are mostly paid
// a salary (seniors a pension); micro-entrepreneurs and business owners live on their customers'
// payments and draw a pro-labore less often.
constexpr InflowRates kRates[kProfileCount + 1] = {
    {0.70, 3.0, 0.0, 0.4},   // young_digital
    {0.85, 2.0, 0.0, 0.5},   // subscription_heavy
    {0.85, 2.5, 0.0, 0.3},   // family_provider
    {0.95, 2.0, 0.0, 0.1},   // traditional_senior: pension
    {0.15, 2.0, 20.0, 0.2},  // micro_empreendedor
    {0.30, 1.0, 15.0, 0.2},  // business_owner
    {0.90, 1.0, 0.0, 0.6},   // high_spender
    {0.75, 2.0, 2.0, 0.3},   // no profiles
};

int64_t utc_at(int64_t day, int64_t local_ms_of_day) { return day * kMillisPerDay + local_ms_of_day - kBrasiliaOffsetMillis; }

}  // namespace

const InflowRates& inflow_rates(int profile) { return kRates[profile < 0 ? kProfileCount : profile]; }

std::vector<PlannedInflow> plan_inflows(const SimContext& ctx, const Customer& c, int64_t day, const DayPlan& counts) {
  const ProfileSamplers& ps = ctx.samplers(c.profile);
  std::vector<PlannedInflow> plan;
  Rng r = customer_day_rng(ctx.config().seed, c.index, kSchedule, day);
  // Salary: early on the 5th business day of the month (payroll batches).
  if (counts.salary) plan.push_back({utc_at(day, c.salary_hour * kHour + r.range(0, kHour - 1)), InflowKind::Salary});
  auto any_time = [&](int64_t first_hour, int64_t last_hour) { return utc_at(day, r.range(first_hour * kHour, (last_hour + 1) * kHour - 1)); };
  for (uint32_t k = 0; k < counts.family; ++k) plan.push_back({any_time(8, 22), InflowKind::Family});
  for (uint32_t k = 0; k < counts.refunds; ++k) plan.push_back({any_time(8, 20), InflowKind::Refund});
  // Customers pay when the business works: its hours; a rush within two hours.
  for (uint32_t g = 0; g < counts.groups; ++g) {
    const int64_t begin = utc_at(day, static_cast<int64_t>(ps.hour.sample(r)) * kHour);
    const uint32_t size = counts.group_sizes[g];
    for (uint32_t k = 0; k < size; ++k) plan.push_back({begin + r.range(0, (size > 1 ? 2 : 1) * kHour - 1), InflowKind::CustomerPayment});
  }
  // A late rush stays on its day.
  const int64_t day_end = utc_at(day + 1, 0) - 1;
  for (PlannedInflow& p : plan) p.time_ms = std::min(p.time_ms, day_end);
  return plan;
}

void fill_inflow(const SimContext& ctx, const Customer& c, Rng& r, uint64_t sender, bool business_sender, int8_t type,
                 Transaction& t) {
  const uint64_t seed = ctx.config().seed;
  t.inflow = true;
  t.type = type;
  use_payee(t, payee_from_hash(ctx.ref(), sender, business_sender));  // the sender, in the counterparty fields
  t.channel = static_cast<int8_t>(r.chance(business_sender ? 0.6 : 0.15) ? WEB_BANKING : MOBILE_APP);
  t.device_slot = -1;
  t.merchant = -1;
  t.ip = 0;
  if (type == PIX) {
    // The key the sender typed is the customer's own: CPF, phone, e-mail or random.
    t.pix_key_type = static_cast<int8_t>(mix64(key_hash(seed, c.index, kOwnPixKey)) % 4);
    t.initiation_mode = static_cast<int8_t>(r.chance(0.8) ? 1 : 0);  // DICT, MANU
    t.e2e_suffix = r.next();
  } else {
    t.pix_key_type = -1;
    t.payee_account_type = -1;
  }
}

void add_inflows(const SimContext& ctx, const Customer& c, int64_t day, const DayPlan& counts, uint32_t local_index,
                 std::vector<Transaction>& out) {
  const uint64_t seed = ctx.config().seed;
  const Profile& prof = profile_or_default(c.profile);
  const double scale = income_scale(c);
  Rng r = customer_day_rng(seed, c.index, kFields, day);
  const uint64_t day_key = static_cast<uint64_t>(day) << 16;  // one-off senders: (day, n)
  const uint64_t employer = key_hash(seed, c.index, kEmployer);
  const int8_t salary_type = static_cast<int8_t>(mix64(employer) % 100 < 60 ? TED : PIX);
  uint64_t n = 0;
  for (const PlannedInflow& p : plan_inflows(ctx, c, day, counts)) {
    Transaction& t = out.emplace_back(blank_transaction(local_index));
    t.time_ms = p.time_ms;
    ++n;
    switch (p.kind) {
      case InflowKind::Salary:
        fill_inflow(ctx, c, r, employer, true, salary_type, t);
        t.amount_cents = std::llround(static_cast<double>(c.income_cents) * r.uniform(0.95, 1.05));
        break;
      case InflowKind::Family: {
        // A few relatives and friends again and again, now and then someone else.
        const uint64_t who = r.chance(0.15) ? key_hash(seed, c.index, kOneOffFriend, day_key + n)
                                            : key_hash(seed, c.index, kFamily + 1 + std::min<uint64_t>(r.below(kFamilyPool), r.below(kFamilyPool)));
        fill_inflow(ctx, c, r, who, false, static_cast<int8_t>(r.chance(0.95) ? PIX : TED), t);
        t.amount_cents = draw_amount(r, 20, 400, scale);
        break;
      }
      case InflowKind::CustomerPayment: {
        // Mostly people paying once, some regulars; a fifth are companies.
        const uint64_t who = r.chance(0.7) ? key_hash(seed, c.index, kOneOffBuyer, day_key + n)
                                           : key_hash(seed, c.index, kRegularBuyer + 1 + r.below(kRegularBuyers));
        fill_inflow(ctx, c, r, who, mix64(who ^ 7) % 100 < 20, static_cast<int8_t>(r.chance(0.9) ? PIX : TED), t);
        t.amount_cents = draw_amount(r, prof.min_amount, prof.max_amount, 1.0);
        break;
      }
      case InflowKind::Refund:
        fill_inflow(ctx, c, r, key_hash(seed, c.index, kRefunder, day_key + n), true, PIX, t);
        t.amount_cents = draw_amount(r, 15, 400, scale);
        break;
    }
  }
}

}  // namespace fraudgen
