// Money arriving (direction IN): the legitimate inflows' rates and determinism, and the mule
// scenario's inflows from several new senders before the outflows.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/customer.h"
#include "fraudgen/sim/customer_window.h"
#include "fraudgen/sim/day_plan.h"
#include "fraudgen/sim/fraud_types.h"
#include "fraudgen/sim/inflows.h"
#include "fraudgen/sim/profiles.h"
#include "fraudgen/sim/transaction.h"
#include "shared_reference.h"

using namespace fraudgen;

namespace {

using fraudgen::test_support::ref;

SimConfig config(uint64_t seed = 42, double fraud_rate = 0.01) { return {seed, 20089, 20453, true, fraud_rate}; }  // 2025

int local_day_of_month_business_index(int64_t utc_ms) {
  const int64_t day = (utc_ms + kBrasiliaOffsetMillis) / kMillisPerDay;
  const CivilDate d = civil_from_days(day);
  int n = 0;
  for (int64_t x = days_from_civil(d.year, d.month, 1); x <= day; ++x) n += weekday_from_days(x) < 5;
  return weekday_from_days(day) < 5 ? n : -1;
}

// The customer with the window of the whole date range, as generate simulates them.
Customer windowed(const SimContext& ctx, uint64_t index) {
  Customer c = make_customer(ctx, index);
  open_window(ctx, c, ctx.config().start_day, ctx.config().end_day);
  return c;
}

// The customer's inflows of every date of the range.
std::vector<PlannedInflow> inflows_of_range(const SimContext& ctx, const Customer& c) {
  std::vector<PlannedInflow> all;
  for (int64_t day = ctx.config().start_day; day <= ctx.config().end_day; ++day) {
    const DayPlan counts = plan_day(ctx, c, day);
    const auto some = plan_inflows(ctx, c, day, counts);
    EXPECT_EQ(some.size(), counts.inflows());
    all.insert(all.end(), some.begin(), some.end());
  }
  return all;
}

}  // namespace

TEST(Inflows, PlanIsAPureFunctionOfSeedCustomerAndDateAndCountedByTheDaysPlan) {
  SimContext ctx(ref(), config());
  SimContext other(ref(), config(43));
  int differ = 0;
  for (uint64_t i = 0; i < 50; ++i) {
    const Customer c = make_customer(ctx, i);
    const auto a = inflows_of_range(ctx, c), b = inflows_of_range(ctx, c);
    ASSERT_EQ(a.size(), b.size());
    for (size_t k = 0; k < a.size(); ++k) EXPECT_EQ(a[k].time_ms, b[k].time_ms);
    // A date's inflows do not depend on the dates simulated with it.
    const int64_t day = ctx.config().start_day + 100;
    SimContext later(ref(), {42, day - 3, day + 3, true, 0.01});
    const auto alone = plan_inflows(later, c, day, plan_day(later, c, day));
    const auto within = plan_inflows(ctx, c, day, plan_day(ctx, c, day));
    ASSERT_EQ(alone.size(), within.size());
    for (size_t k = 0; k < alone.size(); ++k) EXPECT_EQ(alone[k].time_ms, within[k].time_ms);
    const Customer d = make_customer(other, i);
    const auto e = inflows_of_range(other, d);
    differ += e.size() != a.size() || (!a.empty() && e[0].time_ms != a[0].time_ms);
  }
  EXPECT_GT(differ, 40);  // another seed, other inflows
}

TEST(Inflows, RatesFollowTheProfileTableAndSalariesComeOnTheFifthBusinessDay) {
  SimContext ctx(ref(), config());
  const double months = static_cast<double>(ctx.config().days()) / (365.2425 / 12);
  struct Tally { int customers = 0, salaried = 0; double family = 0, buyers = 0, refunds = 0; };
  std::map<int, Tally> by_profile;
  for (uint64_t i = 0; i < 3000; ++i) {
    const Customer c = make_customer(ctx, i);
    if (c.account_status != 0) continue;  // blocked and inactive accounts barely move
    Tally& t = by_profile[c.profile];
    ++t.customers;
    int salaries = 0;
    for (const PlannedInflow& p : inflows_of_range(ctx, c)) {
      const int64_t local = p.time_ms + kBrasiliaOffsetMillis;
      EXPECT_GE(local / kMillisPerDay, ctx.config().start_day);
      EXPECT_LE(local / kMillisPerDay, ctx.config().end_day);
      switch (p.kind) {
        case InflowKind::Salary:
          ++salaries;
          EXPECT_EQ(local_day_of_month_business_index(p.time_ms), 5);
          EXPECT_GE(brasilia_hour(p.time_ms), 6);
          EXPECT_LE(brasilia_hour(p.time_ms), 10);
          break;
        case InflowKind::Family: t.family += 1; break;
        case InflowKind::CustomerPayment: t.buyers += 1; break;
        case InflowKind::Refund: t.refunds += 1; break;
      }
    }
    EXPECT_TRUE(salaries == 0 || salaries == 12) << salaries;  // every month of 2025, or never
    t.salaried += salaries > 0;
  }
  ASSERT_EQ(by_profile.size(), static_cast<size_t>(kProfileCount));
  for (const auto& [profile, t] : by_profile) {
    const InflowRates& want = inflow_rates(profile);
    const double n = t.customers;
    ASSERT_GT(n, 100) << profile;
    EXPECT_NEAR(t.salaried / n, want.salary_share, 0.1) << profile;
    EXPECT_NEAR(t.family / n / months, want.family_per_month, 0.15 * want.family_per_month + 0.1) << profile;
    EXPECT_NEAR(t.buyers / n / months, want.customer_payments_per_month, 0.15 * want.customer_payments_per_month + 0.1) << profile;
    EXPECT_NEAR(t.refunds / n / months, want.refunds_per_month, 0.2 * want.refunds_per_month + 0.05) << profile;
  }
}

TEST(Inflows, TimelineRowsAreTransfersToTheCustomerAtTheLastKnownPlace) {
  SimContext ctx(ref(), config());
  std::vector<Transaction> tl;
  uint64_t inflows = 0, salaries_at_income = 0, at_home = 0, where_last_seen = 0;
  for (uint64_t i = 0; i < 60; ++i) {
    const Customer c = windowed(ctx, i);
    tl.clear();
    simulate_timeline(ctx, c, 0, tl);
    ASSERT_EQ(tl.size(), count_timeline_rows(ctx, c).transactions);
    uint64_t mine = 0, planned = 0;
    for (int64_t day = ctx.config().start_day; day <= ctx.config().end_day; ++day) planned += plan_day(ctx, c, day).inflows();
    const Transaction* last_out = nullptr;
    for (size_t k = 0; k < tl.size(); ++k) {
      const Transaction& t = tl[k];
      if (!t.inflow) {
        last_out = &t;
        continue;
      }
      if (t.is_fraud()) continue;  // a mule's inflows, counted with the scenario
      ++mine;
      EXPECT_TRUE(t.type == vocab::PIX || t.type == vocab::TED);
      EXPECT_TRUE(t.channel == vocab::MOBILE_APP || t.channel == vocab::WEB_BANKING);
      EXPECT_EQ(t.device_slot, -1);
      EXPECT_EQ(t.ip, 0u);
      EXPECT_EQ(t.merchant, -1);
      EXPECT_NE(t.beneficiary[0], 0u);  // the sender
      EXPECT_EQ(t.new_beneficiary, -1);
      // The place of the latest OUT row of the 30 days before, else home.
      if (last_out && t.time_ms - last_out->time_ms <= 30 * kMillisPerDay) {
        ++where_last_seen;
        EXPECT_EQ(t.lat, last_out->lat);
        EXPECT_EQ(t.lon, last_out->lon);
        EXPECT_EQ(t.municipality, last_out->municipality);
      } else {
        ++at_home;
        EXPECT_EQ(t.municipality, c.municipality);
      }
      if (k > 0 && tl[k - 1].lat == t.lat && tl[k - 1].lon == t.lon && t.since_last_ms >= 0) {
        EXPECT_EQ(t.distance_km, 0.0);
      }
      const double ratio = static_cast<double>(t.amount_cents) / static_cast<double>(c.income_cents);
      salaries_at_income += ratio >= 0.95 && ratio <= 1.05;
    }
    EXPECT_EQ(mine, planned);
    inflows += mine;
  }
  EXPECT_GT(inflows, 60u * 12);
  EXPECT_GT(where_last_seen, 100u);
  EXPECT_GT(at_home, 0u);
  EXPECT_GT(salaries_at_income, 20u * 12);
}

TEST(Inflows, MuleScenariosStartWithInflowsFromSeveralNewSendersThenPassTheMoneyOnWithinSixHours) {
  SimContext ctx(ref(), config(7, 0.1));
  const int mule = [] {
    for (int t = 0; t < kFraudTypeCount; ++t)
      if (fraud_types()[static_cast<size_t>(t)].pattern == FraudPattern::PassThrough) return t;
    return -1;
  }();
  ASSERT_GE(mule, 0);
  std::vector<Transaction> tl;
  int scenarios = 0, loud = 0;
  for (uint64_t i = 0; i < 600; ++i) {
    const Customer c = windowed(ctx, i);
    std::set<std::pair<int64_t, int>> whole;  // mule scenarios with every step in the range
    for (const FraudScenario& s : c.scenarios)
      if (s.type == mule && s.steps_in_window == s.steps) whole.insert({s.day, s.k});
    if (whole.empty()) continue;
    tl.clear();
    simulate_timeline(ctx, c, 0, tl);
    std::map<std::pair<int64_t, int>, std::vector<const Transaction*>> steps;
    for (const Transaction& t : tl)
      if (t.fraud_type == mule && whole.contains({t.scenario_day, t.scenario_k})) steps[{t.scenario_day, t.scenario_k}].push_back(&t);
    for (const auto& [id, rows] : steps) {
      ++scenarios;
      int ins = 0;
      while (ins < static_cast<int>(rows.size()) && rows[static_cast<size_t>(ins)]->inflow) ++ins;
      const int outs = static_cast<int>(rows.size()) - ins;
      EXPECT_GE(ins, 2);
      EXPECT_LE(ins, 6);
      EXPECT_GE(outs, 3);
      EXPECT_LE(outs, 8);
      std::set<uint64_t> senders;
      int64_t in_sum = 0, out_sum = 0;
      for (int k = 0; k < static_cast<int>(rows.size()); ++k) {
        const Transaction& t = *rows[static_cast<size_t>(k)];
        EXPECT_EQ(t.fraud_step, k + 1);
        if (k < ins) {
          EXPECT_EQ(t.fraud_role, static_cast<int8_t>(FraudRole::Inflow));
          senders.insert(t.beneficiary[0]);
          in_sum += t.amount_cents;
        } else {
          EXPECT_FALSE(t.inflow);  // every inflow comes before every outflow
          EXPECT_EQ(t.fraud_role, static_cast<int8_t>(FraudRole::Laundering));
          out_sum += t.amount_cents;
        }
      }
      EXPECT_EQ(senders.size(), static_cast<size_t>(ins));
      // New to the account: no earlier row came from these senders.
      for (const Transaction& t : tl) {
        if (t.inflow && t.time_ms < rows[0]->time_ms) {
          EXPECT_FALSE(senders.contains(t.beneficiary[0]));
        }
      }
      EXPECT_GT(out_sum, in_sum / 2);
      EXPECT_LT(out_sum, in_sum * 3 / 2);
      if (!rows[0]->fraud_quiet) {
        ++loud;
        EXPECT_LE(rows.back()->time_ms - rows[0]->time_ms, 6 * 3'600'000LL + 60'000);
      }
    }
  }
  EXPECT_GE(scenarios, 10);
  EXPECT_GE(loud, 5);
}
