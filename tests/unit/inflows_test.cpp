// Money arriving (direction IN): the legitimate inflows' rates and determinism, and the mule
// scenario's inflows from several new senders before the outflows.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/customer.h"
#include "fraudgen/sim/fraud_plan.h"
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

}  // namespace

TEST(Inflows, PlanIsAPureFunctionOfSeedAndCustomerAndCountedByTheCustomer) {
  SimContext ctx(ref(), config());
  SimContext other(ref(), config(43));
  int differ = 0;
  for (uint64_t i = 0; i < 50; ++i) {
    const Customer c = make_customer(ctx, i);
    const auto a = plan_inflows(ctx, c), b = plan_inflows(ctx, c);
    ASSERT_EQ(a.size(), b.size());
    for (size_t k = 0; k < a.size(); ++k) EXPECT_EQ(a[k].time_ms, b[k].time_ms);
    EXPECT_EQ(c.inflow_count, a.size());
    EXPECT_LE(c.inflow_count, c.legit_count);
    const Customer d = make_customer(other, i);
    const auto e = plan_inflows(other, d);
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
    for (const PlannedInflow& p : plan_inflows(ctx, c)) {
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
  uint64_t inflows = 0, salaries_at_income = 0;
  for (uint64_t i = 0; i < 60; ++i) {
    const Customer c = make_customer(ctx, i);
    tl.clear();
    simulate_timeline(ctx, c, 0, tl);
    ASSERT_EQ(tl.size(), c.transaction_count);
    uint64_t mine = 0;
    for (size_t k = 0; k < tl.size(); ++k) {
      const Transaction& t = tl[k];
      if (!t.inflow) continue;
      ++mine;
      EXPECT_TRUE(t.type == vocab::PIX || t.type == vocab::TED);
      EXPECT_TRUE(t.channel == vocab::MOBILE_APP || t.channel == vocab::WEB_BANKING);
      EXPECT_EQ(t.device_slot, -1);
      EXPECT_EQ(t.ip, 0u);
      EXPECT_EQ(t.merchant, -1);
      EXPECT_NE(t.beneficiary[0], 0u);  // the sender
      EXPECT_EQ(t.new_beneficiary, -1);
      if (k == 0) {
        EXPECT_EQ(t.municipality, c.municipality);
      } else {
        EXPECT_EQ(t.lat, tl[k - 1].lat);
        EXPECT_EQ(t.lon, tl[k - 1].lon);
        EXPECT_EQ(t.distance_km, 0.0);
      }
      const double ratio = static_cast<double>(t.amount_cents) / static_cast<double>(c.income_cents);
      salaries_at_income += ratio >= 0.95 && ratio <= 1.05;
    }
    EXPECT_EQ(mine, c.inflow_count);
    inflows += mine;
  }
  EXPECT_GT(inflows, 60u * 12);
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
  FraudCursor cursor;
  std::vector<Transaction> tl;
  int scenarios = 0, loud = 0;
  for (uint64_t i = 0; i < 600; ++i) {
    const Customer c = make_customer_with_fraud(ctx, cursor, i);
    bool any = false;
    for (const FraudScenario& s : c.scenarios) any = any || s.type == mule;
    if (!any) continue;
    tl.clear();
    simulate_timeline(ctx, c, 0, tl);
    std::map<uint64_t, std::vector<const Transaction*>> steps;
    for (const Transaction& t : tl)
      if (t.fraud_type == mule) steps[t.scenario_id].push_back(&t);
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
