#include <cstdio>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>
#include <set>
#include <sstream>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/block_simulator.h"
#include "fraudgen/sim/customer.h"
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
  EXPECT_EQ(late.transaction_count, again.transaction_count);
  EXPECT_EQ(late.income_cents, again.income_cents);
  SimContext other(ref(), config(43));
  EXPECT_NE(std::string(make_customer(other, 777).cpf, 11), std::string(late.cpf, 11));
}

TEST(Customer, DevicesBelongToTheirFormFactor) {
  SimContext ctx(ref(), config());
  for (uint64_t i = 0; i < 500; ++i) {
    Customer c = make_customer(ctx, i);
    ASSERT_GE(c.device_count, 1);
    EXPECT_LT(c.devices[0].first_use_day, ctx.config().start_day);  // usable from day one
    for (int s = 0; s < c.device_count; ++s) {
      const Device& d = c.devices[static_cast<size_t>(s)];
      EXPECT_EQ(d.slot, s);
      EXPECT_EQ(ref().device_models[d.model].kind, d.kind);
    }
  }
}

TEST(Timeline, SortedUniqueTimesAndCoherentFields) {
  SimConfig cfg = config();
  cfg.fraud_rate = 0.05;  // enough scenarios for every pattern among 40 customers
  SimContext ctx(ref(), cfg);
  std::vector<Transaction> tl;
  FraudCursor cursor;
  std::set<int> types_seen;
  for (uint64_t i = 0; i < 40; ++i) {
    Customer c = make_customer_with_fraud(ctx, cursor, i);
    tl.clear();
    simulate_timeline(ctx, c, 0, tl);
    ASSERT_EQ(tl.size(), c.transaction_count);
    uint64_t fraud = 0, planned = 0;
    for (const FraudScenario& s : c.scenarios) planned += static_cast<uint64_t>(s.steps);
    for (size_t k = 0; k < tl.size(); ++k) {
      EXPECT_EQ(tl[k].seq, k);
      if (tl[k].is_fraud()) {
        ++fraud;
        types_seen.insert(tl[k].fraud_type);
        EXPECT_GE(tl[k].time_ms + kBrasiliaOffsetMillis, cfg.start_day * kMillisPerDay);
        EXPECT_LT(tl[k].time_ms + kBrasiliaOffsetMillis, (cfg.end_day + 1) * kMillisPerDay);
      }
    }
    EXPECT_EQ(fraud, planned);
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
        EXPECT_LE(c.devices[static_cast<size_t>(t.device_slot)].first_use_day * kMillisPerDay, t.time_ms + kBrasiliaOffsetMillis);
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

TEST(FraudPlan, RealisedFraudTracksTheRequestAtEveryPrefix) {
  SimConfig cfg = config();
  cfg.fraud_rate = 0.02;
  SimContext ctx(ref(), cfg);
  FraudCursor cursor;
  double owed = 0;
  uint64_t fraud = 0, legit = 0, scenarios = 0;
  int longest = 0;
  for (const FraudType& t : fraud_types()) longest = std::max(longest, t.max_steps);
  for (uint64_t i = 0; i < 3000; ++i) {
    Customer c = make_customer_with_fraud(ctx, cursor, i);
    owed += cfg.fraud_rate / (1 - cfg.fraud_rate) * static_cast<double>(c.legit_count) * ctx.fraud().state_weight[c.state];
    legit += c.legit_count;
    uint64_t mine = 0;
    for (const FraudScenario& s : c.scenarios) {
      mine += static_cast<uint64_t>(s.steps);
      EXPECT_EQ(s.id, scenarios++);  // the stream is taken in order, nothing skipped
    }
    fraud += mine;
    EXPECT_EQ(c.transaction_count, c.legit_count + mine);
    ASSERT_LE(std::abs(static_cast<double>(fraud) - owed), longest) << "after customer " << i;
    ASSERT_LE(c.device_count, kMaxDevices);
  }
  const double share = static_cast<double>(fraud) / static_cast<double>(fraud + legit);
  EXPECT_NEAR(share, cfg.fraud_rate, 0.01 * cfg.fraud_rate);
}

TEST(FraudPlan, BlocksResumeTheSequentialAllotment) {
  // A block simulated from the cursor the plan saved sees exactly the customers the sequential
  // allotment made, fraud included.
  SimConfig cfg = config();
  cfg.fraud_rate = 0.03;
  SimContext ctx(ref(), cfg);
  FraudCursor cursor;
  for (uint64_t i = 0; i < 20; ++i) make_customer_with_fraud(ctx, cursor, i);
  FraudCursor saved = cursor;
  std::vector<Customer> sequential;
  for (uint64_t i = 20; i < 24; ++i) sequential.push_back(make_customer_with_fraud(ctx, cursor, i));
  for (uint64_t i = 20; i < 24; ++i) {
    Customer c = make_customer_with_fraud(ctx, saved, i);
    const Customer& s = sequential[i - 20];
    ASSERT_EQ(c.scenarios.size(), s.scenarios.size());
    for (size_t k = 0; k < c.scenarios.size(); ++k) EXPECT_EQ(c.scenarios[k].id, s.scenarios[k].id);
    EXPECT_EQ(c.transaction_count, s.transaction_count);
    EXPECT_EQ(c.device_count, s.device_count);
  }
  BlockSimulator sim(ctx);
  sim.run({20, 24, FraudCursor{}}, Table::FraudLabels);
  const uint64_t without = sim.batch(Table::FraudLabels).rows();
  FraudCursor again;
  for (uint64_t i = 0; i < 20; ++i) make_customer_with_fraud(ctx, again, i);
  BlockSimulator sim2(ctx);
  sim2.run({20, 24, again}, Table::FraudLabels);
  uint64_t expected = 0;
  for (const Customer& s : sequential)
    for (const FraudScenario& f : s.scenarios) expected += static_cast<uint64_t>(f.steps);
  EXPECT_EQ(sim2.batch(Table::FraudLabels).rows(), expected);
  // The cursor matters: a fresh one allots other scenarios (their count may coincide).
  ASSERT_GT(without, 0u);
  ASSERT_GT(expected, 0u);
  EXPECT_NE(sim.batch(Table::FraudLabels).column(label_col::fraud_scenario_id).str(0),
            sim2.batch(Table::FraudLabels).column(label_col::fraud_scenario_id).str(0));
}

TEST(BlockSimulator, EveryRowHasEveryColumnAndRequiredColumnsAreNeverNull) {
  for (bool profiles : {true, false}) {
    SimConfig cfg = config();
    cfg.profiles = profiles;
    SimContext ctx(ref(), cfg);
    BlockSimulator sim(ctx);
    for (Table t : kAllTables) {
      for (uint64_t first = 0; first < 40; first += 4) {
        sim.run({first, first + 4}, t);
        EXPECT_GT(sim.batch(t).rows(), 0u) << schema_of(t).name;
        EXPECT_TRUE(sim.batch(t).consistent()) << schema_of(t).name << " block at customer " << first;
      }
    }
  }
}

TEST(History, WindowsAreInclusiveAndCountsExact) {
  auto tx = [](int64_t minute, int64_t cents, int32_t merchant, int8_t device, uint64_t payee) {
    Transaction t{};
    t.time_ms = minute * 60'000;
    t.amount_cents = cents;
    t.merchant = merchant;
    t.device_slot = device;
    t.beneficiary[0] = payee;
    return t;
  };
  std::vector<Transaction> tl = {tx(0, 100, 1, 0, 0), tx(30, 200, 2, 0, 0), tx(60, 300, -1, 1, 9),
                                 tx(61, 400, 1, -1, 9), tx(60 * 24 * 7 + 61, 500, 3, 0, 0)};
  compute_history(tl);
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
  std::mt19937_64 gen(5);
  auto below = [&](uint64_t n) { return gen() % n; };
  auto coordinate = [&](double from, double span) { return std::round((from + span * static_cast<double>(below(1'000'000)) / 1e6) * 1e6) / 1e6; };
  std::vector<Transaction> tl(4000);
  int64_t time_ms = 1'735'700'000'000;
  for (size_t i = 0; i < tl.size(); ++i) {
    Transaction& t = tl[i];
    t = Transaction{};
    time_ms += 1 + static_cast<int64_t>(below(i % 100 < 10 ? 60'000 : 5'000'000));  // bursts and gaps
    t.time_ms = time_ms;
    t.amount_cents = static_cast<int64_t>(below(100'000));
    const uint64_t merchant_kind = below(20);
    t.merchant = merchant_kind < 2 ? -1 : static_cast<int32_t>(merchant_kind < 7 ? below(50) : below(1'000'000));
    t.device_slot = static_cast<int8_t>(static_cast<int>(below(kMaxDevices + 1)) - 1);
    const uint64_t payee_kind = below(5);
    t.beneficiary[0] = payee_kind == 0 ? 0 : payee_kind == 1 ? 1 + below(20) : gen() | 1;
    t.inflow = below(10) == 0;
    const bool stays = i > 0 && below(4) == 0, same_latitude = i > 0 && below(10) == 0;
    t.lat = stays || same_latitude ? tl[i - 1].lat : coordinate(-33.0, 28.0);
    t.lon = stays ? tl[i - 1].lon : coordinate(-73.0, 39.0);
  }
  tl[2000].lat = tl[2001].lat = std::numeric_limits<double>::infinity();  // equal, yet not "unmoved"
  tl[2001].lon = tl[2000].lon;
  compute_history(tl);

  std::set<int32_t> merchants_seen;
  std::set<uint64_t> payees_seen;
  std::set<int> devices_seen;
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
    ASSERT_EQ(t.new_merchant, t.merchant < 0 ? -1 : merchants_seen.insert(t.merchant).second) << i;
    ASSERT_EQ(t.new_device, t.device_slot < 0 ? -1 : devices_seen.insert(t.device_slot).second) << i;
    const bool has_payee = t.beneficiary[0] != 0 && !t.inflow;
    ASSERT_EQ(t.new_beneficiary, has_payee ? payees_seen.insert(t.beneficiary[0]).second : -1) << i;
    ASSERT_EQ(t.since_last_ms, i == 0 ? -1 : t.time_ms - tl[i - 1].time_ms) << i;
    // Bit for bit what the formula gives, unmoved (+0) and infinite cases included.
    const double km = i == 0 ? -1 : std::round(haversine_km(tl[i - 1].lat, tl[i - 1].lon, t.lat, t.lon) * 1000.0) / 1000.0;
    ASSERT_EQ(std::memcmp(&t.distance_km, &km, sizeof km), 0) << i << ": " << t.distance_km << " vs " << km;
  }
  EXPECT_GT(merchants_seen.size(), 2048u);
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
  for (Table t : kAllTables) {
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
