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
constexpr double kDaysPerMonth = 365.2425 / 12;

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
// Share of a business's customer payments that come in rushes: 3-8 buyers within two hours
// (lunch, a fair, a sale), a legitimate look-alike of a mule's several new senders.
constexpr double kRushShare = 0.5;

// Local midnight of the 5th business day (Monday to Friday) of the month of `day`, in days.
int64_t fifth_business_day(int64_t day) {
  const CivilDate d = civil_from_days(day);
  int64_t x = days_from_civil(d.year, d.month, 1);
  for (int n = 0;; ++x)
    if (weekday_from_days(x) < 5 && ++n == 5) return x;
}

int64_t utc_at(int64_t day, int64_t local_ms_of_day) { return day * kMillisPerDay + local_ms_of_day - kBrasiliaOffsetMillis; }

}  // namespace

const InflowRates& inflow_rates(int profile) { return kRates[profile < 0 ? kProfileCount : profile]; }

std::vector<PlannedInflow> plan_inflows(const SimContext& ctx, const Customer& c) {
  const SimConfig& cfg = ctx.config();
  const InflowRates& rate = inflow_rates(c.profile);
  const ProfileSamplers& ps = ctx.samplers(c.profile);
  Rng r(cfg.seed, EntityKind::Customer, c.index, kSchedule);
  std::vector<PlannedInflow> plan;
  const double months = static_cast<double>(cfg.days()) / kDaysPerMonth;
  // Blocked and inactive accounts barely move (as in make_customer).
  const double activity = c.account_status != 0 ? 0.1 : 1.0;

  // Salary: early on the 5th business day of every month in the range (payroll batches).
  if (c.account_status == 0 && r.chance(rate.salary_share)) {
    const int64_t hour = r.range(6, 10);
    for (int64_t month_day = cfg.start_day;;) {
      const int64_t pay = fifth_business_day(month_day);
      if (pay > cfg.end_day) break;
      if (pay >= cfg.start_day) plan.push_back({utc_at(pay, hour * kHour + r.range(0, kHour - 1)), InflowKind::Salary});
      const CivilDate d = civil_from_days(month_day);
      month_day = d.month == 12 ? days_from_civil(d.year + 1, 1, 1) : days_from_civil(d.year, d.month + 1, 1);
    }
  }
  auto any_time = [&](int64_t first_hour, int64_t last_hour) {
    const int64_t day = cfg.start_day + r.range(0, cfg.days() - 1);
    return utc_at(day, r.range(first_hour * kHour, (last_hour + 1) * kHour - 1));
  };
  for (uint64_t k = r.poisson(rate.family_per_month * months * activity); k > 0; --k)
    plan.push_back({any_time(8, 22), InflowKind::Family});
  for (uint64_t k = r.poisson(rate.refunds_per_month * months * activity); k > 0; --k)
    plan.push_back({any_time(8, 20), InflowKind::Refund});
  // Customers pay when the business works: its calendar and hours.
  uint64_t buyers = r.poisson(rate.customer_payments_per_month * months * activity);
  while (buyers > 0) {
    const int64_t day = cfg.start_day + static_cast<int64_t>(ps.day.sample(r));
    const int64_t begin = utc_at(day, static_cast<int64_t>(ps.hour.sample(r)) * kHour);
    const uint64_t rush = r.chance(kRushShare) ? std::min<uint64_t>(buyers, static_cast<uint64_t>(r.range(3, 8))) : 1;
    for (uint64_t k = 0; k < rush; ++k) plan.push_back({begin + r.range(0, (rush > 1 ? 2 : 1) * kHour - 1), InflowKind::CustomerPayment});
    buyers -= rush;
  }
  // Late hours of the last day must stay inside the range.
  const int64_t range_end = utc_at(cfg.end_day + 1, 0) - 1;
  for (PlannedInflow& p : plan) p.time_ms = std::min(p.time_ms, range_end);
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

void add_inflows(const SimContext& ctx, const Customer& c, uint32_t local_index, std::vector<Transaction>& out) {
  const uint64_t seed = ctx.config().seed;
  const Profile& prof = profile_or_default(c.profile);
  const double scale = income_scale(c);
  Rng r(seed, EntityKind::Customer, c.index, kFields);
  const uint64_t employer = key_hash(seed, c.index, kEmployer);
  const int8_t salary_type = static_cast<int8_t>(mix64(employer) % 100 < 60 ? TED : PIX);
  uint64_t n = 0;
  for (const PlannedInflow& p : plan_inflows(ctx, c)) {
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
        const uint64_t who = r.chance(0.15) ? key_hash(seed, c.index, kOneOffFriend, n)
                                            : key_hash(seed, c.index, kFamily + 1 + std::min<uint64_t>(r.below(kFamilyPool), r.below(kFamilyPool)));
        fill_inflow(ctx, c, r, who, false, static_cast<int8_t>(r.chance(0.95) ? PIX : TED), t);
        t.amount_cents = draw_amount(r, 20, 400, scale);
        break;
      }
      case InflowKind::CustomerPayment: {
        // Mostly people paying once, some regulars; a fifth are companies.
        const uint64_t who = r.chance(0.7) ? key_hash(seed, c.index, kOneOffBuyer, n)
                                           : key_hash(seed, c.index, kRegularBuyer + 1 + r.below(kRegularBuyers));
        fill_inflow(ctx, c, r, who, mix64(who ^ 7) % 100 < 20, static_cast<int8_t>(r.chance(0.9) ? PIX : TED), t);
        t.amount_cents = draw_amount(r, prof.min_amount, prof.max_amount, 1.0);
        break;
      }
      case InflowKind::Refund:
        fill_inflow(ctx, c, r, key_hash(seed, c.index, kRefunder, n), true, PIX, t);
        t.amount_cents = draw_amount(r, 15, 400, scale);
        break;
    }
  }
}

}  // namespace fraudgen
