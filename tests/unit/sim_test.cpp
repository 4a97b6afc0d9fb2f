#include <cstdio>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/block_simulator.h"
#include "fraudgen/sim/customer.h"
#include "fraudgen/sim/customer_window.h"
#include "fraudgen/sim/history.h"
#include "fraudgen/sim/inflows.h"
#include "fraudgen/sim/radix_sort.h"
#include "fraudgen/sim/fraud_plan.h"
#include "fraudgen/sim/fraud_types.h"
#include "fraudgen/sim/risk_rules.h"
#include "fraudgen/sim/transaction.h"
#include "shared_reference.h"

using namespace fraudgen;

namespace {

using fraudgen::test_support::ref;

SimConfig config(uint64_t seed = 42) { return {seed, 20089, 20453, true, 0.01}; }  // 2025-01-01 .. 2025-12-31

// The customer with the window of the whole date range, as generate simulates them.
Customer windowed(const SimContext& ctx, uint64_t index) {
  Customer c = make_customer(ctx, index);
  open_window(ctx, c, ctx.config().start_day, ctx.config().end_day);
  return c;
}

bool cpf_valid(const char* d) {
  for (int k = 9; k <= 10; ++k) {
    int sum = 0;
    for (int i = 0; i < k; ++i) sum += (d[i] - '0') * (k + 1 - i);
    int r = sum % 11;
    if (d[k] - '0' != (r < 2 ? 0 : 11 - r)) return false;
  }
  return true;
}

}  // namespace

TEST(ReferenceData, TablesAreCompleteAndConsistent) {
  const ReferenceData& r = ref();
  ASSERT_EQ(r.states.size(), 27u);
  std::set<std::string> ispbs, codes, ibge;
  for (const auto& b : r.banks) {
    EXPECT_TRUE(ispbs.insert(b.ispb).second) << "duplicate ISPB " << b.ispb;
    EXPECT_TRUE(codes.insert(b.code).second) << "duplicate COMPE " << b.code;
  }
  EXPECT_GE(r.municipalities.size(), 150u);
  for (const auto& m : r.municipalities) EXPECT_TRUE(ibge.insert(m.ibge_code).second) << m.name;
  for (const auto& s : r.states) EXPECT_FALSE(s.municipalities.empty()) << s.uf;
  EXPECT_GE(r.first_names[0].names.size(), 200u);
  EXPECT_GE(r.first_names[1].names.size(), 200u);
  EXPECT_GE(r.surnames.names.size(), 200u);
  for (const auto& m : r.merchants) EXPECT_EQ(m.id.substr(1, 4), r.mccs[m.mcc].code);
}

// Keyed transaction columns (mark_keyed_transaction_columns) build Parquet dictionaries by an
// index instead of the text: the output equals hashing the text only if distinct indices name
// distinct strings.
TEST(ReferenceData, KeyedColumnsNameStringsOneToOne) {
  const ReferenceData& r = ref();
  std::set<std::string> names, categories, mcc_codes, ufs, merchant_ids;
  for (const auto& m : r.municipalities) EXPECT_TRUE(names.insert(m.name).second) << "duplicate municipality name " << m.name;
  for (const auto& m : r.mccs) {
    EXPECT_TRUE(categories.insert(m.category).second) << "duplicate MCC category " << m.category;
    EXPECT_TRUE(mcc_codes.insert(m.code).second) << "duplicate MCC " << m.code;
  }
  for (const auto& s : r.states) EXPECT_TRUE(ufs.insert(s.uf).second) << s.uf;
  for (const auto& m : r.merchants) EXPECT_TRUE(merchant_ids.insert(m.id).second) << m.id;
}

TEST(Customer, CpfValidWithStateRegionDigit) {
  SimContext ctx(ref(), config());
  for (uint64_t i = 0; i < 3000; ++i) {
    Customer c = make_customer(ctx, i);
    ASSERT_TRUE(cpf_valid(c.cpf)) << std::string(c.cpf, 11);
    EXPECT_EQ(c.cpf[8] - '0', ref().states[c.state].cpf_region_digit);
    EXPECT_EQ(ref().municipalities[c.municipality].state, c.state);
    const auto& m = ref().municipalities[c.municipality];
    EXPECT_GE(c.cep, m.cep_min);
    EXPECT_LE(c.cep, m.cep_max);
  }
}

TEST(Customer, PureFunctionOfSeedAndIndex) {
  SimContext ctx(ref(), config());
  Customer late = make_customer(ctx, 777);
  for (uint64_t i = 0; i < 10; ++i) make_customer(ctx, i);
  Customer again = make_customer(ctx, 777);
  EXPECT_EQ(std::string(late.cpf, 11), std::string(again.cpf, 11));
  EXPECT_EQ(late.outgoing_per_day, again.outgoing_per_day);
  EXPECT_EQ(late.income_cents, again.income_cents);
  SimContext other(ref(), config(43));
  EXPECT_NE(std::string(make_customer(other, 777).cpf, 11), std::string(late.cpf, 11));
}

TEST(Customer, DevicesBelongToTheirFormFactorAndHaveUniqueCodes) {
  SimContext ctx(ref(), config());
  int new_own = 0, attackers = 0;
  for (uint64_t i = 0; i < 500; ++i) {
    Customer c = windowed(ctx, i);
    ASSERT_GE(c.initial_device_count, 1);
    EXPECT_LT(c.devices[0].first_use_day, ctx.config().start_day);  // usable from day one
    std::set<uint32_t> codes, suffixes;
    for (size_t s = 0; s < c.devices.size(); ++s) {
      const Device& d = c.devices[s];
      EXPECT_TRUE(codes.insert(d.code).second);
      EXPECT_TRUE(suffixes.insert(device_id_suffix(ctx.config().seed, d.code)).second);
      EXPECT_EQ(ref().device_models[d.model].kind, d.kind);
      if (static_cast<int>(s) >= c.initial_device_count && static_cast<int>(s) < c.own_device_count) {
        ++new_own;
        EXPECT_GT(d.first_use_day, ctx.config().start_day);
        EXPECT_LT(d.last_use_day, std::numeric_limits<int64_t>::max());
      }
      attackers += static_cast<int>(s) >= c.own_device_count;
    }
  }
  EXPECT_GT(new_own, 300);  // 1.5 a year by default
  EXPECT_GT(attackers, 0);
}

TEST(Timeline, SortedUniqueTimesAndCoherentFields) {
  SimConfig cfg = config();
  cfg.fraud_rate = 0.05;  // enough scenarios for every pattern among 40 customers
  SimContext ctx(ref(), cfg);
  std::vector<Transaction> tl;
  std::set<int> types_seen;
  for (uint64_t i = 0; i < 40; ++i) {
    Customer c = windowed(ctx, i);
    tl.clear();
    simulate_timeline(ctx, c, 0, tl);
    const TimelineRows counted = count_timeline_rows(ctx, c);
    ASSERT_EQ(tl.size(), counted.transactions);
    uint64_t fraud = 0;
    for (size_t k = 0; k < tl.size(); ++k) {
      EXPECT_GE(local_day_of(tl[k].time_ms), cfg.start_day);
      EXPECT_LE(local_day_of(tl[k].time_ms), cfg.end_day);
      if (tl[k].is_fraud()) {
        ++fraud;
        types_seen.insert(tl[k].fraud_type);
      }
    }
    EXPECT_EQ(fraud, counted.fraudulent);
    for (size_t k = 0; k < tl.size(); ++k) {
      const Transaction& t = tl[k];
      if (k) {
        ASSERT_GT(t.time_ms, tl[k - 1].time_ms);
      }
      EXPECT_GT(t.amount_cents, 0);
      bool physical = t.channel == vocab::ATM || t.channel == vocab::BRANCH;
      EXPECT_EQ(t.device_slot < 0, physical || t.inflow);  // money arriving: the customer used no device
      if (t.inflow) {
        EXPECT_TRUE(t.type == vocab::PIX || t.type == vocab::TED);
        EXPECT_EQ(t.merchant, -1);
        EXPECT_EQ(t.new_beneficiary, -1);
      }
      if (t.device_slot >= 0) {
        const Device& d = c.devices[static_cast<size_t>(t.device_slot)];
        EXPECT_LE(d.first_use_day, local_day_of(t.time_ms));
        EXPECT_TRUE(device_listed(c, static_cast<size_t>(t.device_slot)));
        if (t.device_slot < c.own_device_count) {
          EXPECT_GE(d.last_use_day, local_day_of(t.time_ms));
        }
      }
      if (t.type == vocab::WITHDRAWAL) {
        EXPECT_EQ(t.amount_cents % 2000, 0);
      }
      bool transfer = t.type == vocab::PIX || t.type == vocab::TED;
      EXPECT_EQ(t.beneficiary[0] != 0, transfer);
    }
  }
  EXPECT_GE(types_seen.size(), 20u);
}

// The rows of a date are a pure function of the date and the kLookbackDays before it: simulated
// in a year-long window (as generate does) or in a window of just those days (as an unbounded
// stream does), in a run whose range ends that day or much later, they are the same. The dates
// are enough to meet the longest dependency: a row whose previous transaction is an inflow that
// took its place from the customer's own transaction more than 31 days before the row.
TEST(Timeline, AnyDateSimulatedAloneEqualsTheSameDateInALongerWindow) {
  SimConfig cfg = config();
  cfg.fraud_rate = 0.05;
  SimContext year(ref(), cfg);
  std::map<uint64_t, std::pair<Customer, std::vector<Transaction>>> simulated;  // as generate does
  auto whole_year = [&](uint64_t i) -> const std::pair<Customer, std::vector<Transaction>>& {
    auto [it, inserted] = simulated.try_emplace(i);
    if (inserted) {
      it->second.first = windowed(year, i);
      simulate_timeline(year, it->second.first, 0, it->second.second);
    }
    return it->second;
  };
  struct Case {
    uint64_t customer;
    int64_t day;
  };
  std::vector<Case> cases;
  for (uint64_t i = 0; i < 60; ++i)
    for (int64_t day : {cfg.start_day + 3, cfg.start_day + 45, cfg.start_day + 200, cfg.end_day}) cases.push_back({i, day});
  // Rows whose distance reaches furthest back: the previous row an inflow, placed by the
  // customer's own row of more than 31 days before the row.
  uint64_t reaching_far = 0;
  for (uint64_t i = 0; i < 3000 && reaching_far < 6; ++i) {
    Customer c = windowed(year, i);
    std::vector<Transaction> whole;
    simulate_timeline(year, c, 0, whole);
    for (size_t k = 2; k < whole.size(); ++k) {
      if (!whole[k - 1].inflow || whole[k].time_ms - whole[k - 1].time_ms > 30 * kMillisPerDay) continue;
      size_t j = k - 2;
      while (j > 0 && whole[j].inflow) --j;
      const int64_t day = local_day_of(whole[k].time_ms);
      if (!whole[j].inflow && whole[k - 1].time_ms - whole[j].time_ms <= 30 * kMillisPerDay && local_day_of(whole[j].time_ms) < day - 31) {
        cases.push_back({i, day});
        ++reaching_far;
        break;
      }
    }
  }
  ASSERT_GT(reaching_far, 0u);
  std::vector<Transaction> alone;
  uint64_t compared = 0, fraudulent = 0, with_device = 0, attackers = 0;
  for (const Case& cs : cases) {
    const int64_t day = cs.day;
    const uint64_t i = cs.customer;
    SimConfig shorter = cfg;
    shorter.end_day = day;  // a run that ends that day
    SimContext ctx(ref(), shorter);
    {
      const auto& [c, whole] = whole_year(i);
      Customer d = make_customer(ctx, i);
      open_window(ctx, d, day - kLookbackDays, day);
      alone.clear();
      simulate_timeline(ctx, d, 0, alone);
      std::vector<const Transaction*> a, b;
      for (const Transaction& t : whole) if (local_day_of(t.time_ms) == day) a.push_back(&t);
      for (const Transaction& t : alone) if (local_day_of(t.time_ms) == day) b.push_back(&t);
      ASSERT_EQ(a.size(), b.size()) << "customer " << i << " day " << day;
      for (size_t k = 0; k < a.size(); ++k) {
        const Transaction &x = *a[k], &y = *b[k];
        ++compared;
        fraudulent += x.is_fraud();
        ASSERT_EQ(x.time_ms, y.time_ms);
        ASSERT_EQ(x.device_slot < 0, y.device_slot < 0);
        if (x.device_slot >= 0) {
          ++with_device;
          attackers += x.device_slot >= c.own_device_count;
          EXPECT_EQ(c.devices[static_cast<size_t>(x.device_slot)].code, d.devices[static_cast<size_t>(y.device_slot)].code);
        }
        EXPECT_EQ(x.type, y.type);
        EXPECT_EQ(x.channel, y.channel);
        EXPECT_EQ(x.status, y.status);
        EXPECT_EQ(x.fraud_score, y.fraud_score);
        EXPECT_EQ(x.amount_cents, y.amount_cents);
        EXPECT_EQ(x.merchant, y.merchant);
        EXPECT_EQ(x.municipality, y.municipality);
        EXPECT_EQ(x.lat, y.lat);
        EXPECT_EQ(x.lon, y.lon);
        EXPECT_EQ(x.ip, y.ip);
        EXPECT_EQ(x.session, y.session);
        EXPECT_EQ(x.card_entry, y.card_entry);
        EXPECT_EQ(x.installments, y.installments);
        EXPECT_EQ(x.cvv_validated, y.cvv_validated);
        EXPECT_EQ(x.auth_3ds, y.auth_3ds);
        EXPECT_EQ(x.beneficiary[0], y.beneficiary[0]);
        EXPECT_EQ(x.beneficiary[1], y.beneficiary[1]);
        EXPECT_EQ(x.dest_bank, y.dest_bank);
        EXPECT_EQ(x.pix_key_type, y.pix_key_type);
        EXPECT_EQ(x.payee_account_type, y.payee_account_type);
        EXPECT_EQ(x.payee_holder_type, y.payee_holder_type);
        EXPECT_EQ(x.initiation_mode, y.initiation_mode);
        EXPECT_EQ(x.return_reason, y.return_reason);
        EXPECT_EQ(x.e2e_suffix, y.e2e_suffix);
        for (int w = 0; w < 5; ++w) {
          EXPECT_EQ(x.velocity[w], y.velocity[w]);
          EXPECT_EQ(x.accumulated[w], y.accumulated[w]);
        }
        EXPECT_EQ(x.unique_merchants_7d, y.unique_merchants_7d);
        EXPECT_EQ(x.unique_devices_7d, y.unique_devices_7d);
        EXPECT_EQ(x.since_last_ms, y.since_last_ms);
        EXPECT_EQ(x.distance_km, y.distance_km);
        EXPECT_EQ(x.new_device, y.new_device);
        EXPECT_EQ(x.new_beneficiary, y.new_beneficiary);
        EXPECT_EQ(x.new_merchant, y.new_merchant);
        EXPECT_EQ(x.fraud_type, y.fraud_type);
        EXPECT_EQ(x.fraud_role, y.fraud_role);
        EXPECT_EQ(x.fraud_step, y.fraud_step);
        EXPECT_EQ(x.scenario_day, y.scenario_day);
        EXPECT_EQ(x.scenario_k, y.scenario_k);
        EXPECT_EQ(x.reported_day, y.reported_day);
        EXPECT_EQ(x.fraud_quiet, y.fraud_quiet);
        EXPECT_EQ(x.business_burst, y.business_burst);
        EXPECT_EQ(x.inflow, y.inflow);
      }
    }
  }
  EXPECT_GT(compared, 300u);
  EXPECT_GT(fraudulent, 5u);
  EXPECT_GT(with_device, 100u);
  EXPECT_GT(attackers, 0u);
}

TEST(FraudPlan, RealisedFraudMatchesTheRequest) {
  for (double rate : {0.02, 0.2}) {
    SimConfig cfg = config();
    cfg.fraud_rate = rate;
    SimContext ctx(ref(), cfg);
    uint64_t fraud = 0, all = 0, scenarios = 0;
    for (uint64_t i = 0; i < 3000; ++i) {
      Customer c = windowed(ctx, i);
      const TimelineRows rows = count_timeline_rows(ctx, c);
      fraud += rows.fraudulent;
      all += rows.transactions;
      scenarios += c.scenarios.size();
    }
    const double share = static_cast<double>(fraud) / static_cast<double>(all);
    // Scenarios are Poisson counts: about 1/sqrt(scenarios) of noise, a few times that of slack.
    EXPECT_NEAR(share, rate, rate * 4 * (1.5 / std::sqrt(static_cast<double>(scenarios)))) << rate << ", " << scenarios << " scenarios";
    EXPECT_GT(scenarios, 1000u);
  }
}

TEST(FraudPlan, ScenariosStartedOnADateArePureFunctionsOfCustomerAndDate) {
  SimConfig cfg = config();
  cfg.fraud_rate = 0.2;
  SimContext ctx(ref(), cfg);
  SimConfig other = cfg;
  other.start_day -= 100;
  other.end_day += 300;
  SimContext wider(ref(), other);
  std::vector<FraudScenario> a, b;
  int started = 0;
  for (uint64_t i = 0; i < 200; ++i) {
    const Customer c = make_customer(ctx, i);
    for (int64_t day = cfg.start_day; day <= cfg.start_day + 60; ++day) {
      a.clear();
      b.clear();
      scenarios_started(ctx, c, day, a);
      scenarios_started(wider, make_customer(wider, i), day, b);
      ASSERT_EQ(a.size(), b.size());
      for (size_t k = 0; k < a.size(); ++k) {
        ++started;
        EXPECT_EQ(a[k].type, b[k].type);
        EXPECT_EQ(a[k].steps, b[k].steps);
        EXPECT_EQ(a[k].quiet, b[k].quiet);
        EXPECT_EQ(a[k].k, static_cast<int>(k));
      }
    }
  }
  EXPECT_GT(started, 50);
}

TEST(BlockSimulator, EveryRowHasEveryColumnAndRequiredColumnsAreNeverNull) {
  for (bool profiles : {true, false}) {
    SimConfig cfg = config();
    cfg.profiles = profiles;
    SimContext ctx(ref(), cfg);
    BlockSimulator sim(ctx);
    for (Table t : kBankTables) {
      for (uint64_t first = 0; first < 40; first += 4) {
        sim.run({first, first + 4}, t);
        EXPECT_GT(sim.batch(t).rows(), 0u) << schema_of(t).name;
        EXPECT_TRUE(sim.batch(t).consistent()) << schema_of(t).name << " block at customer " << first;
      }
    }
  }
}

TEST(History, WindowsAreInclusiveAndCountsExact) {
  auto tx = [](int64_t minute, int64_t cents, int32_t merchant, int16_t device, uint64_t payee) {
    Transaction t{};
    t.time_ms = minute * 60'000;
    t.amount_cents = cents;
    t.merchant = merchant;
    t.device_slot = device;
    t.beneficiary[0] = payee;
    return t;
  };
  std::vector<Transaction> tl = {tx(0, 100, 1, 0, 0), tx(30, 200, 2, 0, 0), tx(60, 300, -1, 1, 9),
                                 tx(61, 400, 1, -1, 9), tx(60 * 24 * 7 + 61, 500, 3, 0, 0),
                                 tx(60 * 24 * 37 + 62, 600, 3, 0, 9), tx(60 * 24 * 38 + 61, 700, 1, 0, 9)};
  compute_history(tl, 2);
  // At minute 60 the window [0, 60] includes the transaction at exactly t - 1h.
  EXPECT_EQ(tl[2].velocity[0], 3);
  EXPECT_EQ(tl[2].accumulated[0], 600);
  EXPECT_EQ(tl[3].velocity[0], 3);  // minute 61: [1, 61] drops minute 0
  EXPECT_EQ(tl[3].accumulated[0], 900);
  EXPECT_EQ(tl[3].velocity[2], 4);
  EXPECT_EQ(tl[3].unique_merchants_7d, 2);
  EXPECT_EQ(tl[3].unique_devices_7d, 2);
  EXPECT_EQ(tl[4].velocity[3], 2);  // exactly 7 days after minute 61
  EXPECT_EQ(tl[4].unique_merchants_7d, 2);
  EXPECT_EQ(tl[4].unique_devices_7d, 1);
  EXPECT_EQ(tl[0].since_last_ms, -1);
  EXPECT_EQ(tl[1].since_last_ms, 30 * 60'000);
  EXPECT_EQ(tl[0].new_device, 1);
  EXPECT_EQ(tl[1].new_device, 0);
  EXPECT_EQ(tl[2].new_device, 1);
  EXPECT_EQ(tl[3].new_device, -1);
  EXPECT_EQ(tl[3].new_merchant, 0);
  EXPECT_EQ(tl[2].new_merchant, -1);
  EXPECT_EQ(tl[2].new_beneficiary, 1);
  EXPECT_EQ(tl[3].new_beneficiary, 0);
  // 30 days and a minute after the previous row: nothing of the 30 days before to compare with.
  EXPECT_EQ(tl[5].since_last_ms, -1);
  EXPECT_LT(tl[5].distance_km, 0);
  EXPECT_EQ(tl[5].velocity[4], 1);
  EXPECT_EQ(tl[5].new_device, 1);      // last used 30 days and a minute before
  EXPECT_EQ(tl[5].new_merchant, 1);
  EXPECT_EQ(tl[5].new_beneficiary, 1);  // last paid 37 days before
  // Used again within 30 days: not new; merchant 1 was last used 38 days before: new again.
  EXPECT_EQ(tl[6].new_device, 0);
  EXPECT_EQ(tl[6].new_beneficiary, 0);
  EXPECT_EQ(tl[6].new_merchant, 1);
  EXPECT_EQ(tl[6].since_last_ms, 60 * 24 * 60'000 - 60'000);
}

TEST(History, HaversineKnownDistance) {
  // Exact on a sphere of radius 6371 km: one degree of meridian, a quarter of the equator.
  const double pi = 3.14159265358979323846;
  EXPECT_NEAR(haversine_km(0, 0, 1, 0), 6371.0 * pi / 180, 1e-9);
  EXPECT_NEAR(haversine_km(0, 0, 0, 90), 6371.0 * pi / 2, 1e-6);
  EXPECT_NEAR(haversine_km(-10, 20, -10, 20.5), haversine_km(-10, 20.5, -10, 20), 1e-12);
  EXPECT_DOUBLE_EQ(haversine_km(1, 2, 1, 2), 0.0);
}

// compute_history against the definitions, recomputed naively for every row: a long timeline
// with thousands of merchants (past its table's first size), repeated places and an infinity.
TEST(History, MatchesNaiveRecomputation) {
  constexpr size_t kDevices = 10;
  std::mt19937_64 gen(5);
  auto below = [&](uint64_t n) { return gen() % n; };
  auto coordinate = [&](double from, double span) { return std::round((from + span * static_cast<double>(below(1'000'000)) / 1e6) * 1e6) / 1e6; };
  std::vector<Transaction> tl(4000);
  int64_t time_ms = 1'735'700'000'000;
  for (size_t i = 0; i < tl.size(); ++i) {
    Transaction& t = tl[i];
    t = Transaction{};
    time_ms += 1 + static_cast<int64_t>(below(i % 100 < 10 ? 60'000 : 5'000'000));  // bursts and gaps
    if (i % 1000 == 999) time_ms += 30 * kMillisPerDay - 30'000 + static_cast<int64_t>(below(60'000));  // a month away, about
    t.time_ms = time_ms;
    t.amount_cents = static_cast<int64_t>(below(100'000));
    const uint64_t merchant_kind = below(20);
    t.merchant = merchant_kind < 2 ? -1 : static_cast<int32_t>(merchant_kind < 7 ? below(50) : below(1'000'000));
    t.device_slot = static_cast<int16_t>(static_cast<int>(below(kDevices + 1)) - 1);
    const uint64_t payee_kind = below(5);
    t.beneficiary[0] = payee_kind == 0 ? 0 : payee_kind == 1 ? 1 + below(20) : gen() | 1;
    t.inflow = below(10) == 0;
    const bool stays = i > 0 && below(4) == 0, same_latitude = i > 0 && below(10) == 0;
    t.lat = stays || same_latitude ? tl[i - 1].lat : coordinate(-33.0, 28.0);
    t.lon = stays ? tl[i - 1].lon : coordinate(-73.0, 39.0);
  }
  tl[2000].lat = tl[2001].lat = std::numeric_limits<double>::infinity();  // equal, yet not "unmoved"
  tl[2001].lon = tl[2000].lon;
  compute_history(tl, kDevices);

  // New: no row in [t - 30 days, t) with the same id.
  auto seen_in_30d = [&](size_t i, auto same) {
    for (size_t j = i; j-- > 0 && tl[j].time_ms >= tl[i].time_ms - kWindowMillis[4];)
      if (same(tl[j])) return true;
    return false;
  };
  size_t merchants_new_again = 0, first_after_a_month = 0;
  std::set<int32_t> merchants_seen;
  for (size_t i = 0; i < tl.size(); ++i) {
    const Transaction& t = tl[i];
    for (int w = 0; w < 5; ++w) {
      int32_t count = 0;
      int64_t sum = 0;
      for (size_t j = i + 1; j-- > 0 && tl[j].time_ms >= t.time_ms - kWindowMillis[w];) {
        ++count;
        sum += tl[j].amount_cents;
      }
      ASSERT_EQ(t.velocity[w], count) << i << " window " << w;
      ASSERT_EQ(t.accumulated[w], sum) << i << " window " << w;
    }
    std::set<int32_t> merchants_7d;
    std::set<int> devices_7d;
    for (size_t j = i + 1; j-- > 0 && tl[j].time_ms >= t.time_ms - kWindowMillis[3];) {
      if (tl[j].merchant >= 0) merchants_7d.insert(tl[j].merchant);
      if (tl[j].device_slot >= 0) devices_7d.insert(tl[j].device_slot);
    }
    ASSERT_EQ(t.unique_merchants_7d, static_cast<int32_t>(merchants_7d.size())) << i;
    ASSERT_EQ(t.unique_devices_7d, static_cast<int32_t>(devices_7d.size())) << i;
    const bool merchant_new = !seen_in_30d(i, [&](const Transaction& o) { return o.merchant == t.merchant; });
    ASSERT_EQ(t.new_merchant, t.merchant < 0 ? -1 : merchant_new) << i;
    if (t.merchant >= 0) merchants_new_again += merchant_new && !merchants_seen.insert(t.merchant).second;
    ASSERT_EQ(t.new_device, t.device_slot < 0 ? -1 : !seen_in_30d(i, [&](const Transaction& o) { return o.device_slot == t.device_slot; })) << i;
    const bool has_payee = t.beneficiary[0] != 0 && !t.inflow;
    ASSERT_EQ(t.new_beneficiary,
              has_payee ? !seen_in_30d(i, [&](const Transaction& o) { return o.beneficiary[0] == t.beneficiary[0] && !o.inflow; }) : -1)
        << i;
    const bool recent = i > 0 && t.time_ms - tl[i - 1].time_ms <= kWindowMillis[4];
    first_after_a_month += i > 0 && !recent;
    ASSERT_EQ(t.since_last_ms, recent ? t.time_ms - tl[i - 1].time_ms : -1) << i;
    // Bit for bit what the formula gives, unmoved (+0) and infinite cases included.
    const double km = !recent ? -1 : std::round(haversine_km(tl[i - 1].lat, tl[i - 1].lon, t.lat, t.lon) * 1000.0) / 1000.0;
    ASSERT_EQ(std::memcmp(&t.distance_km, &km, sizeof km), 0) << i << ": " << t.distance_km << " vs " << km;
  }
  EXPECT_GT(merchants_seen.size(), 2048u);
  EXPECT_GT(merchants_new_again, 10u);  // a merchant seen before, but not in the last 30 days
  EXPECT_GT(first_after_a_month, 0u);
  EXPECT_LE(first_after_a_month, 4u);  // one per month away
  EXPECT_GT(tl[2001].distance_km, 0);
}

TEST(RadixSort, SortsLikeStdSort) {
  std::mt19937_64 gen(11);
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min(), kMax = std::numeric_limits<int64_t>::max();
  std::vector<std::vector<int64_t>> cases = {{}, {5}, std::vector<int64_t>(500, -7), {kMax, kMin, 0, -1, 1}};
  for (size_t n : {63, 64, 65, 1000, 20'000}) {
    std::vector<int64_t> times, full, few, negative, extremes;
    for (size_t i = 0; i < n; ++i) {
      times.push_back((1'735'700'000'000 + static_cast<int64_t>(gen() % 31'536'000'000)) * 2 + static_cast<int64_t>(gen() % 2));
      full.push_back(static_cast<int64_t>(gen()));
      few.push_back(static_cast<int64_t>(gen() % 3) << 40);
      negative.push_back(-static_cast<int64_t>(gen() % 5'000));
      extremes.push_back(gen() % 2 ? kMin + static_cast<int64_t>(gen() % 4) : kMax - static_cast<int64_t>(gen() % 4));
    }
    std::vector<int64_t> ascending = times, descending = times;
    std::sort(ascending.begin(), ascending.end());
    std::sort(descending.rbegin(), descending.rend());
    for (auto* keys : {&times, &full, &few, &negative, &extremes, &ascending, &descending}) cases.push_back(*keys);
  }
  for (size_t c = 0; c < cases.size(); ++c) {
    std::vector<int64_t> expected = cases[c], actual = cases[c];
    std::sort(expected.begin(), expected.end());
    radix_sort(actual);
    EXPECT_EQ(actual, expected) << "case " << c << ", " << cases[c].size() << " keys";
  }
}

// Rules that legitimate timelines rarely trigger (tests/e2e/risk.test.mjs checks the rest on
// real output): crafted transactions, one signal at a time.
TEST(RiskRules, ImpossibleTravelVelocityAndCapAreScored) {
  SimContext ctx(ref(), config());
  Customer c = make_customer(ctx, 7);
  Transaction quiet{};
  quiet.time_ms = 20100LL * kMillisPerDay + 15 * 3'600'000LL;  // 12:00 in Brasília
  quiet.type = vocab::WITHDRAWAL;
  quiet.device_slot = -1;
  quiet.merchant = -1;
  quiet.amount_cents = 10'000;
  quiet.velocity[0] = 1;
  quiet.velocity[4] = 1;
  quiet.accumulated[4] = 10'000;
  quiet.since_last_ms = 10 * 3'600'000LL;
  quiet.distance_km = 500;
  quiet.new_device = quiet.new_beneficiary = quiet.new_merchant = -1;
  EXPECT_EQ(risk_score(ref(), c, quiet), 0);  // 500 km in 10 h is 50 km/h

  Transaction jump = quiet;
  jump.since_last_ms = 10 * 60'000;  // 500 km in 10 minutes
  EXPECT_EQ(risk_score(ref(), c, jump), 20);
  jump.distance_km = 90;  // too close to count, however fast
  EXPECT_EQ(risk_score(ref(), c, jump), 0);

  Transaction burst = quiet;
  burst.velocity[0] = 12;
  EXPECT_EQ(risk_score(ref(), c, burst), 25);
  burst.velocity[0] = 5;
  EXPECT_EQ(risk_score(ref(), c, burst), 10);

  Transaction spike = quiet;  // 3 earlier transactions averaging R$ 10, then R$ 100
  spike.velocity[4] = 4;
  spike.accumulated[4] = 3 * 1'000 + 10'000;
  EXPECT_EQ(risk_score(ref(), c, spike), 25);

  Transaction everything = jump;  // big new beneficiary, burst, night, travel: 20 + 25 + 8 + 20
  everything.distance_km = 500;
  everything.type = vocab::PIX;
  everything.new_beneficiary = 1;
  everything.amount_cents = 500'000;
  everything.velocity[0] = 15;
  everything.time_ms = 20100LL * kMillisPerDay + 5 * 3'600'000LL;  // 02:00 in Brasília
  EXPECT_EQ(risk_score(ref(), c, everything), 73);
  everything.velocity[4] = 4;  // + a spike over three earlier R$ 10 transactions: 98
  everything.accumulated[4] = 3 * 1'000 + 500'000;
  EXPECT_EQ(risk_score(ref(), c, everything), 98);
  everything.new_device = 1;  // + 20 would make 118: capped
  EXPECT_EQ(risk_score(ref(), c, everything), 100);
}

// docs/fraud-model.md lists the rules by hand; it must say what the code does.
TEST(FraudTypes, DocumentedTableMatchesTheCode) {
  std::ifstream doc(std::string(FRAUDGEN_SOURCE_DIR) + "/docs/fraud-model.md");
  std::stringstream text;
  text << doc.rdbuf();
  double total = 0;
  for (const FraudType& t : fraud_types()) {
    char prevalence[16];
    std::snprintf(prevalence, sizeof prevalence, "%g", t.prevalence);
    std::string taxonomy(t.taxonomy);
    for (size_t p = taxonomy.find('|'); p != std::string::npos; p = taxonomy.find('|', p)) taxonomy.replace(p, 1, ", ");
    std::string row = "| `" + std::string(t.name) + "` | " + prevalence + " | " + std::to_string(t.min_steps) + "-" +
                      std::to_string(t.max_steps) + " | " + std::to_string(t.min_report_days) + "-" +
                      std::to_string(t.max_report_days) + " | " + taxonomy + " |";
    EXPECT_NE(text.str().find(row), std::string::npos) << "docs/fraud-model.md lacks the row: " << row;
    EXPECT_NE(text.str().find("- **" + std::string(t.name) + "**"), std::string::npos) << t.name << " is not described";
    total += t.prevalence;
  }
  EXPECT_NEAR(total, 1.86, 1e-9);  // the anchor's prevalences (anchor spec 2.2)
}

TEST(RiskRules, DocumentedTableMatchesTheCode) {
  std::ifstream doc(std::string(FRAUDGEN_SOURCE_DIR) + "/docs/fraud-model.md");
  std::stringstream text;
  text << doc.rdbuf();
  for (const RiskRule& r : risk_rules()) {
    std::string row = std::string("| `") + r.signal + "` | " + std::to_string(r.points) + " | " + r.when + " |";
    EXPECT_NE(text.str().find(row), std::string::npos) << "docs/fraud-model.md lacks the row: " << row;
  }
}

namespace {

// Row `ra` of `a` and row `rb` of `b` (same schema) hold the same values, column by column.
void expect_same_row(const ColumnBatch& a, size_t ra, const ColumnBatch& b, size_t rb) {
  const auto& columns = a.schema().columns;
  for (size_t c = 0; c < columns.size(); ++c) {
    const ColumnData& x = a.column(static_cast<int>(c));
    const ColumnData& y = b.column(static_cast<int>(c));
    ASSERT_EQ(x.valid[ra], y.valid[rb]) << columns[c].name << " at rows " << ra << "/" << rb;
    if (!x.valid[ra]) continue;
    switch (columns[c].type) {
      case ColumnType::String:
        ASSERT_EQ(x.str(ra), y.str(rb)) << columns[c].name << " at rows " << ra << "/" << rb;
        ASSERT_EQ(x.keys.empty(), y.keys.empty()) << columns[c].name << " at rows " << ra << "/" << rb;
        if (!x.keys.empty()) {
          ASSERT_EQ(x.keys[ra], y.keys[rb]) << columns[c].name << " at rows " << ra << "/" << rb;
        }
        break;
      case ColumnType::Double: ASSERT_EQ(x.doubles[ra], y.doubles[rb]) << columns[c].name << " at rows " << ra << "/" << rb; break;
      default: ASSERT_EQ(x.ints[ra], y.ints[rb]) << columns[c].name << " at rows " << ra << "/" << rb;
    }
  }
}

}  // namespace

TEST(BlockSimulator, SlicesHoldTheRowsOfTheWholeBlock) {
  SimContext ctx(ref(), config());
  const BlockRange block{8, 30};
  for (Table t : kBankTables) {
    BlockSimulator whole(ctx), sliced(ctx);
    whole.run(block, t);
    const ColumnBatch& all = whole.batch(t);
    sliced.prepare(block, t);
    ASSERT_EQ(sliced.rows(t), all.rows()) << schema_of(t).name;
    ASSERT_GT(all.rows(), 20u) << schema_of(t).name;
    // Odd-sized slices from an offset, as a row group that starts inside the block takes them:
    // short ones first, then long ones.
    for (uint64_t at = 3; at < all.rows(); at += at < 200 ? 7 : 997) {
      const uint64_t end = std::min<uint64_t>(all.rows(), at + (at < 200 ? 7 : 997));
      const BlockSimulator::Slice s = sliced.slice(t, at, end);
      ASSERT_EQ(s.last - s.first, end - at) << schema_of(t).name;
      EXPECT_TRUE(s.batch->consistent()) << schema_of(t).name;
      for (uint64_t r = at; r < end; ++r) expect_same_row(all, r, *s.batch, s.first + (r - at));
    }
    // Asked for the whole block after a slice, run() writes every row again.
    sliced.run(block, t);
    ASSERT_EQ(sliced.batch(t).rows(), all.rows()) << schema_of(t).name;
    for (uint64_t r = 0; r < all.rows(); r += 5) expect_same_row(all, r, sliced.batch(t), r);
    EXPECT_THROW(sliced.slice(t, 0, all.rows() + 1), std::logic_error);
  }
  BlockSimulator fresh(ctx);
  EXPECT_THROW(fresh.rows(Table::Transactions), std::logic_error);
}
