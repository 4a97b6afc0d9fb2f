#include "fraudgen/sim/customer.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/customer_window.h"
#include "fraudgen/sim/documents.h"
#include "fraudgen/sim/day_plan.h"
#include "fraudgen/sim/inflows.h"

namespace fraudgen {
namespace {

// Separate draw streams per concern, so adding a draw to one never shifts another.
enum Purpose : uint64_t { kIdentity = 1, kAddress, kFinance, kAccount, kDevices, kActivity, kCards = 8, kAttackerDevices = 100, kSchedule = 104 };

// PNAD-style income brackets in reais (minimum wage 2024 = R$1,412), poorest first: E, D, C2, C1, B2, B1, A.
struct Bracket { double lo, hi, weight; int cls; };
constexpr Bracket kBrackets[] = {{300, 1412, 25, 6}, {1412, 4236, 30, 5}, {4236, 8472, 22, 4}, {8472, 14120, 12, 3},
                                 {14120, 35300, 8, 2}, {35300, 84720, 2, 1}, {84720, 300000, 1, 0}};
// Credit limit range per income class (vocab::kIncomeClass order A..E).
constexpr double kLimitLo[7] = {50000, 20000, 5000, 2000, 500, 0, 0};
constexpr double kLimitHi[7] = {500000, 150000, 50000, 15000, 5000, 2000, 500};

int income_class_of(double reais) {
  for (const auto& b : kBrackets) if (reais < b.hi) return b.cls;
  return 0;
}

Device make_device(const SimContext& ctx, Rng& rng, uint32_t code, int kind, int64_t first_use_day) {
  const ReferenceData& ref = ctx.ref();
  Device d{};
  d.code = code;
  d.kind = kind;
  d.model = ref.device_models_of_kind[static_cast<size_t>(kind)][ref.device_model_sampler[static_cast<size_t>(kind)].sample(rng)];
  d.os = ref.device_os[static_cast<size_t>(kind)].sampler.sample(rng);
  d.first_use_day = first_use_day;
  d.last_use_day = std::numeric_limits<int64_t>::max();
  d.fingerprint[0] = rng.next();
  d.fingerprint[1] = rng.next();
  d.trusted = rng.chance(0.85);
  d.rooted = rng.chance(0.02);
  d.emulator = rng.chance(0.004);
  d.vpn = rng.chance(0.06);
  if (d.vpn) d.ip_type = rng.chance(0.7) ? vocab::IP_VPN : vocab::IP_DATACENTER;
  else if (d.is_mobile()) d.ip_type = rng.chance(0.55) ? vocab::IP_MOBILE : vocab::IP_RESIDENTIAL;
  else d.ip_type = rng.chance(0.94) ? vocab::IP_RESIDENTIAL : vocab::IP_DATACENTER;
  return d;
}

}  // namespace

Device make_attacker_device(const SimContext& ctx, uint64_t customer, uint32_t code, int64_t first_use_day) {
  Rng rng(ctx.config().seed, EntityKind::Device, (customer << 32) | code, kAttackerDevices);
  const int kind = rng.chance(0.75) ? (rng.chance(0.85) ? vocab::PHONE_ANDROID : vocab::PHONE_IOS) : vocab::DESKTOP_WINDOWS;
  Device d = make_device(ctx, rng, code, kind, first_use_day);
  d.trusted = false;
  d.rooted = d.is_mobile() && rng.chance(0.35);
  d.emulator = kind == vocab::PHONE_ANDROID && rng.chance(0.3);
  d.vpn = rng.chance(0.3);
  const double u = rng.uniform();
  if (d.vpn) d.ip_type = u < 0.6 ? vocab::IP_VPN : vocab::IP_DATACENTER;
  else d.ip_type = u < 0.15 ? vocab::IP_DATACENTER : d.is_mobile() && u < 0.75 ? vocab::IP_MOBILE : vocab::IP_RESIDENTIAL;
  return d;
}

Device make_new_own_device(const SimContext& ctx, const Customer& c, uint32_t code, int64_t first_use_day) {
  Rng dev(ctx.config().seed, EntityKind::Device, (c.index << 32) | code, kDevices);
  int kind = c.devices[0].kind;
  if (dev.chance(0.25)) kind = dev.chance(0.7) ? vocab::DESKTOP_WINDOWS : vocab::DESKTOP_MAC;
  else if (kind > vocab::PHONE_IOS || dev.chance(0.2)) kind = dev.chance(0.7) ? vocab::PHONE_ANDROID : vocab::PHONE_IOS;
  return make_device(ctx, dev, code, kind, first_use_day);
}

Customer make_customer(const SimContext& ctx, uint64_t index) {
  const ReferenceData& ref = ctx.ref();
  const SimConfig& cfg = ctx.config();
  Customer c{};
  c.index = index;

  Rng id(cfg.seed, EntityKind::Customer, index, kIdentity);
  c.profile = cfg.profiles ? static_cast<int>(ctx.profile_sampler().sample(id)) : -1;
  const Profile& prof = profile_or_default(c.profile);
  c.sex = static_cast<int>(id.below(2));
  c.first_name = ref.first_names[static_cast<size_t>(c.sex)].sampler.sample(id);
  c.surname1 = ref.surnames.sampler.sample(id);
  c.surname2 = id.chance(0.7) ? static_cast<int32_t>(ref.surnames.sampler.sample(id)) : -1;
  if (c.surname2 == static_cast<int32_t>(c.surname1)) c.surname2 = -1;
  int age = static_cast<int>(id.range(prof.min_age, prof.max_age));
  c.birth_day = cfg.start_day - static_cast<int64_t>(age * 365.2425) - id.range(0, 364);
  c.email_domain = static_cast<int>(id.below(1000));
  c.email_suffix = id.chance(0.55) ? static_cast<int>(id.range(1, 999)) : 0;
  c.phone_subscriber = static_cast<int>(id.range(10000000, 99999999));

  Rng addr(cfg.seed, EntityKind::Customer, index, kAddress);
  c.state = ref.state_sampler.sample(addr);
  const State& st = ref.states[c.state];
  c.municipality = st.municipalities[st.municipality_sampler.sample(addr)];
  const Municipality& m = ref.municipalities[c.municipality];
  make_cpf(id, st.cpf_region_digit, c.cpf);
  c.street = ref.streets.sampler.sample(addr);
  c.neighborhood = ref.neighborhoods.sampler.sample(addr);
  c.house_number = static_cast<int>(std::min(9999.0, addr.lognormal_median(180, 1.1))) + 1;
  c.cep = static_cast<int32_t>(addr.range(m.cep_min, m.cep_max));
  // Home and work points inside the municipality; larger cities spread wider.
  double spread = 0.01 + 0.03 * std::min(1.0, std::sqrt(static_cast<double>(m.population) / 12e6) * 2);
  c.home_lat = m.lat + addr.uniform(-spread, spread);
  c.home_lon = m.lon + addr.uniform(-spread, spread);
  c.work_lat = m.lat + addr.uniform(-spread, spread) * 0.6;
  c.work_lon = m.lon + addr.uniform(-spread, spread) * 0.6;

  Rng fin(cfg.seed, EntityKind::Customer, index, kFinance);
  double bracket_w[7];
  for (int i = 0; i < 7; ++i) bracket_w[i] = kBrackets[i].weight;
  // Profile bias as an order statistic: richer profiles take the max of several draws.
  double mid = (prof.income_multiplier_lo + prof.income_multiplier_hi) / 2;
  int draws = c.profile < 0 ? 1 : std::clamp(static_cast<int>(std::lround(mid / 2.6)), 1, 6);
  double income = 0;
  for (int k = 0; k < draws; ++k) {
    int b = fin.weighted(bracket_w);
    income = std::max(income, fin.uniform(kBrackets[b].lo, kBrackets[b].hi));
  }
  income *= st.income_multiplier;
  c.income_cents = std::llround(income * 100);
  c.income_class = income_class_of(income);
  const auto& profs = ref.professions[static_cast<size_t>(c.income_class)];
  c.profession = static_cast<uint32_t>(fin.below(profs.size()));
  c.credit_limit_cents = std::llround(fin.uniform(kLimitLo[c.income_class], kLimitHi[c.income_class])) * 100;

  Rng acc(cfg.seed, EntityKind::Customer, index, kAccount);
  bool senior = prof.name == "traditional_senior";
  int64_t age_days = senior ? acc.range(730, 3650) : acc.range(30, 1825);
  c.account_created_ms = (cfg.start_day - age_days) * kMillisPerDay + acc.range(8 * 3600, 22 * 3600) * 1000LL - kBrasiliaOffsetMillis;
  bool digital_first = prof.name == "young_digital" || prof.name == "subscription_heavy";
  c.account_type = digital_first ? acc.weighted({25, 5, 70}) : acc.weighted({40, 20, 40});
  c.account_status = acc.weighted({95, 3, 2});
  double score = 300 + (static_cast<double>(age_days) / 30) * 5 + (income > 10000 ? 100 : income > 5000 ? 50 : 0) + acc.normal(100, 50);
  c.credit_score = static_cast<int>(std::clamp(score, 300.0, 900.0));
  if (prof.name == "high_spender") c.risk_level = acc.weighted({50, 35, 15});
  else if (senior) c.risk_level = acc.weighted({40, 40, 20});
  else if (age_days < 30) c.risk_level = acc.weighted({20, 50, 30});
  else if (age_days < 180) c.risk_level = acc.weighted({50, 40, 10});
  else c.risk_level = acc.weighted({70, 25, 5});
  c.bank = ref.bank_sampler.sample(acc);
  c.branch = static_cast<int>(acc.range(1, 9999));
  c.account_number = static_cast<int>(acc.range(10000, 999999));
  c.account_digit = c.account_number % 11 % 10;
  switch (c.risk_level) {
    case vocab::RISK_HIGH:
      c.address_age_days = static_cast<int>(acc.range(5, 120)); c.phone_age_days = static_cast<int>(acc.range(3, 90));
      c.address_changes = 2 + acc.weighted({30, 40, 20, 10}); c.phone_changes = 2 + acc.weighted({20, 30, 30, 15, 5});
      c.bureau_10d = acc.weighted({5, 5, 10, 15, 20, 15, 10, 8, 5, 3, 2, 2});
      c.bureau_30d = c.bureau_10d + static_cast<int>(acc.range(2, 15)); c.bureau_180d = c.bureau_30d + static_cast<int>(acc.range(5, 40));
      c.restrictions = acc.weighted({20, 25, 25, 15, 10, 5}); c.restrictions_resolved = static_cast<int>(acc.range(0, 3));
      break;
    case vocab::RISK_MEDIUM:
      c.address_age_days = static_cast<int>(acc.range(60, 730)); c.phone_age_days = static_cast<int>(acc.range(30, 365));
      c.address_changes = acc.weighted({40, 40, 20}); c.phone_changes = acc.weighted({30, 50, 20});
      c.bureau_10d = acc.weighted({30, 30, 20, 10, 7, 3});
      c.bureau_30d = c.bureau_10d + static_cast<int>(acc.range(0, 5)); c.bureau_180d = c.bureau_30d + static_cast<int>(acc.range(1, 15));
      c.restrictions = acc.weighted({60, 30, 10}); c.restrictions_resolved = acc.weighted({70, 30});
      break;
    default:
      c.address_age_days = static_cast<int>(acc.range(365, 3650)); c.phone_age_days = static_cast<int>(acc.range(180, 2555));
      c.address_changes = acc.weighted({80, 20}); c.phone_changes = acc.weighted({70, 30});
      c.bureau_10d = acc.weighted({60, 30, 10});
      c.bureau_30d = c.bureau_10d + static_cast<int>(acc.range(0, 2)); c.bureau_180d = c.bureau_30d + static_cast<int>(acc.range(0, 5));
      c.restrictions = acc.weighted({90, 10}); c.restrictions_resolved = 0;
  }

  Rng cards(cfg.seed, EntityKind::Customer, index, kCards);
  c.credit_brand = cards.weighted({40, 40, 15, 3, 2});
  c.debit_brand = cards.weighted({45, 45, 10, 0, 0});
  c.credit_card_hash = cards.next();
  c.debit_card_hash = cards.next();

  // Devices: the first takes the profile's main kind. Later ones are first used on days of the
  // window (customer_window.cpp).
  Rng dev(cfg.seed, EntityKind::Customer, index, kDevices);
  c.initial_device_count = static_cast<int>(dev.range(prof.min_devices, prof.max_devices));
  for (int s = 0; s < c.initial_device_count; ++s) {
    int kind = s == 0 ? prof.device_preference[0]
                      : prof.device_preference[dev.below(prof.device_preference.size())];
    c.devices.push_back(make_device(ctx, dev, initial_device_code(s), kind, cfg.start_day - dev.range(20, 1500)));
  }
  c.own_device_count = c.initial_device_count;

  Rng act(cfg.seed, EntityKind::Customer, index, kActivity);
  // Capped, so the busiest possible customer (and so the largest block) has a hard bound.
  double per_month = act.uniform(prof.min_tx_month, prof.max_tx_month) * std::min(3.0, act.lognormal_median(1.0, 0.35));
  if (c.account_status != 0) per_month *= 0.1;  // blocked and inactive accounts barely move
  c.outgoing_per_day = per_month * 12.0 / 365.2425;

  Rng pay(cfg.seed, EntityKind::Customer, index, kSchedule);
  c.salaried = c.account_status == 0 && pay.chance(inflow_rates(c.profile).salary_share);
  c.salary_hour = static_cast<int>(pay.range(6, 10));
  const double rate = cfg.fraud_rate;
  c.fraud_key = pair_key(mix64(cfg.seed ^ 0xF5A7D5ULL), index);
  c.fraud_per_day = rate > 0 ? rate / (1 - rate) * expected_legitimate_per_day(ctx, c) * ctx.fraud().state_weight[c.state] : 0;
  return c;
}

}  // namespace fraudgen
