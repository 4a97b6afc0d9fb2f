#include "fraudgen/sim/fraud_scenario.h"

#include <algorithm>
#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/fraud_plan.h"
#include "fraudgen/sim/fraud_types.h"
#include "fraudgen/sim/inflows.h"
#include "fraudgen/sim/profiles.h"
#include "fraudgen/sim/transaction_parts.h"

namespace fraudgen {
namespace {

using namespace vocab;

enum Purpose : uint64_t { kSteps = 2, kReport = 3 };
constexpr int64_t kMinute = 60'000, kHour = 3'600'000;
constexpr double kProbeShare = 0.4;   // Probe pattern: scenarios that test the payee or card first
constexpr int64_t kQuietMaxGapDays = 4;  // low and slow: steps 1-4 days apart
constexpr uint64_t kFraudsterPayees = 0xF200, kFraudsterIps = 0xF100, kFakeBoletoBanks = 0xF300, kMuleSenders = 0xF400;
// PassThrough: the mule's account first receives 2-6 transfers, then passes on 3-8.
constexpr int kMinInflows = 2, kMaxInflows = 6, kMinOutflows = 3, kMaxOutflows = 8;

int draw_hour(Rng& r, int first, int last) {
  const int span = first <= last ? last - first + 1 : 24 - first + last + 1;
  return (first + static_cast<int>(r.below(static_cast<uint64_t>(span)))) % 24;
}

// Offsets of the steps from the first one, in milliseconds, ascending, the first 0; never more
// than longest_span_ms.
std::vector<int64_t> step_offsets(Rng& r, const FraudType& ft, int steps) {
  std::vector<int64_t> off(static_cast<size_t>(steps), 0);
  switch (ft.pattern) {
    case FraudPattern::Escalating:  // every 7-30 days, at a similar time of day
      for (size_t j = 1; j < off.size(); ++j) off[j] = off[j - 1] + r.range(7, 30) * kMillisPerDay + r.range(-2 * kHour, 2 * kHour);
      return off;
    case FraudPattern::Scheduled:  // executed on the following days, early in the morning
      for (size_t j = 1; j < off.size(); ++j) off[j] = off[j - 1] + r.range(1, 3) * kMillisPerDay + r.range(-20 * kMinute, 20 * kMinute);
      return off;
    case FraudPattern::BustOut:  // over one to five days
      for (size_t j = 1; j < off.size(); ++j) off[j] = r.range(10 * kMinute, 5 * kMillisPerDay);
      break;
    default:
      for (size_t j = 1; j < off.size(); ++j) off[j] = r.range(kMinute / 2, std::max<int64_t>(ft.window_minutes, 1) * kMinute);
  }
  std::sort(off.begin(), off.end());
  return off;
}

}  // namespace

int64_t longest_span_ms(const FraudType& ft, int steps, bool quiet) {
  const int64_t gaps = std::max(steps - 1, 0);
  if (quiet && ft.pattern != FraudPattern::Escalating) return gaps * (kQuietMaxGapDays + 1) * kMillisPerDay;
  switch (ft.pattern) {
    case FraudPattern::Escalating: return gaps * (30 * kMillisPerDay + 2 * kHour);
    case FraudPattern::Scheduled: return gaps * (3 * kMillisPerDay + 20 * kMinute);
    case FraudPattern::BustOut: return 5 * kMillisPerDay;
    default: return std::max<int64_t>(ft.window_minutes, 1) * kMinute;
  }
}

namespace {

// The steps' local times (ms since the epoch, Brasilia), the first draws of the scenario's Rng.
std::vector<int64_t> draw_step_times(const SimContext& ctx, const Customer& c, const FraudScenario& s, Rng& r) {
  const FraudType& ft = fraud_types()[static_cast<size_t>(s.type)];
  // The first step in the type's hours, the rest after it. A quiet scenario keeps to the
  // customer's own rhythm: the profile's hours, not the type's, every step on a later day.
  const AliasTable& usual_hours = ctx.samplers(c.profile).hour;
  const int64_t hour = s.quiet ? static_cast<int64_t>(usual_hours.sample(r)) : draw_hour(r, ft.first_hour, ft.last_hour);
  const int64_t start = s.day * kMillisPerDay + hour * kHour + r.range(0, kHour - 1);
  std::vector<int64_t> off;
  if (s.quiet && ft.pattern != FraudPattern::Escalating) {
    off.assign(static_cast<size_t>(s.steps), 0);
    int64_t day = s.day;
    for (size_t j = 1; j < off.size(); ++j) {
      day += r.range(1, kQuietMaxGapDays);
      off[j] = day * kMillisPerDay + static_cast<int64_t>(usual_hours.sample(r)) * kHour + r.range(0, kHour - 1) - start;
    }
  } else {
    off = step_offsets(r, ft, s.steps);
  }
  for (int64_t& o : off) o += start;
  return off;
}

}  // namespace

std::vector<int64_t> scenario_step_times(const SimContext& ctx, const Customer& c, const FraudScenario& s) {
  Rng r(ctx.config().seed, EntityKind::FraudScenario, scenario_key(c.index, s.day, s.k), kSteps);
  return draw_step_times(ctx, c, s, r);
}

int32_t scenario_reported_day(const SimContext& ctx, const Customer& c, const FraudScenario& s, int64_t last_step_local_ms) {
  const FraudType& ft = fraud_types()[static_cast<size_t>(s.type)];
  Rng r(ctx.config().seed, EntityKind::FraudScenario, scenario_key(c.index, s.day, s.k), kReport);
  return static_cast<int32_t>(last_step_local_ms / kMillisPerDay + r.range(ft.min_report_days, ft.max_report_days));
}

void simulate_scenario(const SimContext& ctx, const Customer& c, const FraudScenario& s, uint32_t local_index,
                       std::vector<Transaction>& out) {
  const ReferenceData& ref = ctx.ref();
  const SimConfig& cfg = ctx.config();
  const FraudType& ft = fraud_types()[static_cast<size_t>(s.type)];
  const Profile& prof = profile_or_default(c.profile);
  const uint64_t key = scenario_key(c.index, s.day, s.k);
  Rng r(cfg.seed, EntityKind::FraudScenario, key, kSteps);
  const std::vector<int64_t> times = draw_step_times(ctx, c, s, r);

  // Where: the attacker's municipality in another state, or the victim's own surroundings.
  uint32_t place = c.municipality;
  const FraudPlace where = s.quiet ? FraudPlace::Usual : ft.place;
  if (where == FraudPlace::OtherState) {
    uint32_t state = c.state;
    for (int tries = 0; state == c.state && tries < 16; ++tries) state = ref.state_sampler.sample(r);
    const State& st = ref.states[state];
    place = st.municipalities[st.municipality_sampler.sample(r)];
  }
  const Municipality& town = ref.municipalities[place];
  double lat = where == FraudPlace::OtherState ? town.lat + r.uniform(-0.03, 0.03) : c.home_lat + r.uniform(-0.002, 0.002);
  double lon = where == FraudPlace::OtherState ? town.lon + r.uniform(-0.03, 0.03) : c.home_lon + r.uniform(-0.002, 0.002);

  // How much: the customer's typical transfer (the profile's median, scaled by income) times the type's factor.
  const double typical = std::sqrt(prof.min_amount * prof.max_amount) * income_scale(c);
  // Quiet: no probes, amounts near the customer's usual ones (0.5-1.5x instead of the type's factors).
  const bool probe_first = !s.quiet && ft.pattern == FraudPattern::Probe && s.steps >= 2 && r.chance(kProbeShare);
  const bool card_testing = !s.quiet && ft.pattern == FraudPattern::CardTesting;
  const int large_tests = card_testing ? static_cast<int>(r.range(1, std::min(3, s.steps - 1))) : 0;
  const double min_factor = s.quiet ? 0.5 : ft.min_amount_factor, max_factor = s.quiet ? 1.5 : ft.max_amount_factor;
  const int payees = ft.role == FraudRole::CashOut ? static_cast<int>(r.range(1, 3)) : 1;
  // PassThrough: the first `inflows` steps bring in what the others pass on (the mule keeps a cut).
  const bool mule = ft.pattern == FraudPattern::PassThrough;
  const int inflows = mule ? static_cast<int>(std::clamp<int64_t>(r.range(kMinInflows, kMaxInflows), s.steps - kMaxOutflows, s.steps - kMinOutflows)) : 0;
  const int outflows = s.steps - inflows;
  const double inflow = typical * r.uniform(min_factor, max_factor) * outflows;
  // What comes in goes out in uneven parts, less the mule's 5% cut.
  std::vector<double> out_shares(static_cast<size_t>(mule ? outflows : 0));
  double share_sum = 0;
  for (double& w : out_shares) share_sum += w = r.uniform(0.6, 1.4);
  int64_t received_cents = 0;
  const int32_t reported = scenario_reported_day(ctx, c, s, times.back());
  int ntypes = 0;
  while (ntypes < 3 && ft.tx_types[static_cast<size_t>(ntypes)] >= 0) ++ntypes;
  const auto& mccs = ctx.fraud().mccs[static_cast<size_t>(s.type)];
  const ProfileSamplers& ps = ctx.samplers(c.profile);
  const NamedMccs& named = ctx.named_mccs();
  // Escalating: one recurring transfer of one type, each 1.5x the previous (a little noise).
  const int8_t recurring_type = ft.tx_types[static_cast<size_t>(r.below(static_cast<uint64_t>(ntypes)))];
  const double first_factor = r.uniform(min_factor, max_factor);
  double escalation = 1.0;

  for (int j = 0; j < s.steps; ++j) {
    Transaction& t = out.emplace_back(blank_transaction(local_index));
    const int64_t local_ms = times[static_cast<size_t>(j)];
    t.time_ms = local_ms - kBrasiliaOffsetMillis;
    const int64_t day = local_ms / kMillisPerDay;
    t.fraud_type = static_cast<int8_t>(s.type);
    t.fraud_step = static_cast<int16_t>(j + 1);
    t.scenario_day = static_cast<int32_t>(s.day);
    t.scenario_k = static_cast<int8_t>(s.k);
    t.reported_day = reported;
    t.fraud_quiet = s.quiet;
    const bool probe = card_testing ? j < s.steps - large_tests : probe_first && j == 0;
    t.fraud_role = static_cast<int8_t>(probe ? FraudRole::Probe : ft.role);
    if (j < inflows) {
      // Several people, new to the account, mostly individuals, each sending part of the money.
      const uint64_t sender = key_hash(cfg.seed, kMuleSenders, key, static_cast<uint64_t>(j));
      fill_inflow(ctx, c, r, sender, mix64(sender ^ 7) % 100 < kBusinessPayeePercent, static_cast<int8_t>(r.chance(0.85) ? PIX : TED), t);
      t.fraud_role = static_cast<int8_t>(FraudRole::Inflow);
      t.amount_cents = std::max<int64_t>(100, std::llround(inflow / inflows * r.uniform(0.7, 1.3) * 100 / 0.95));
      received_cents += t.amount_cents;
      continue;  // its place is the previous row's, set once the timeline is sorted
    }

    // What, through which channel and device.
    t.type = ft.tx_types[static_cast<size_t>(r.below(static_cast<uint64_t>(ntypes)))];
    if (mule && j == s.steps - 1 && outflows > 2) t.type = WITHDRAWAL;  // the rest in cash
    if (ft.pattern == FraudPattern::Escalating) t.type = recurring_type;
    t.channel = static_cast<int8_t>(t.type == WITHDRAWAL ? ATM : r.chance(ft.web_share) ? WEB_BANKING : MOBILE_APP);
    if (t.type != WITHDRAWAL) {
      if (s.attacker_devices > 0) {
        t.device_slot = s.device_slots[static_cast<size_t>(j % s.attacker_devices)];
        const Device& d = c.devices[static_cast<size_t>(t.device_slot)];
        if (!d.is_mobile()) t.channel = WEB_BANKING;
      } else {
        // The usual device: the newest desktop for web banking if there is one, else the newest
        // phone in use that day, else the first device (in use since before the range).
        int slot = t.channel == WEB_BANKING ? newest_own_device(c, day, DeviceForm::Desktop) : -1;
        if (slot < 0) slot = newest_own_device(c, day, DeviceForm::Phone);
        t.device_slot = static_cast<int16_t>(std::max(slot, 0));
      }
    }

    // Where; a victim driven around town moves a little at every step.
    if (where == FraudPlace::Moving) {
      // The walk stays in town: coordinates lie within 0.05 degrees of their municipality.
      constexpr double kTown = 0.045;
      lat = std::clamp(lat + r.uniform(-0.015, 0.015), town.lat - kTown, town.lat + kTown);
      lon = std::clamp(lon + r.uniform(-0.015, 0.015), town.lon - kTown, town.lon + kTown);
    }
    t.municipality = place;
    t.lat = round6(lat + r.uniform(-0.0005, 0.0005));
    t.lon = round6(lon + r.uniform(-0.0005, 0.0005));

    // Network: the attacker's own exit, or the victim's usual connection.
    if (t.device_slot >= 0) {
      const Device& d = c.devices[static_cast<size_t>(t.device_slot)];
      if (t.device_slot >= c.own_device_count) {
        const bool datacenter = d.ip_type == IP_DATACENTER || d.ip_type == IP_VPN;
        t.ip = make_ip(key_hash(cfg.seed, kFraudsterIps, key, d.code), datacenter);
      } else {
        t.ip = own_device_ip(cfg.seed, c, d, day, false);
      }
    }

    // How much.
    double reais = typical * type_amount_multiplier(t.type) * r.uniform(min_factor, max_factor) *
                   std::max(0.65, r.lognormal_median(1.0, 0.2));
    if (probe) reais = card_testing ? r.uniform(0.01, 1.0) : r.uniform(1.0, 5.0);
    else if (card_testing) reais = r.uniform(500, 3000);
    else if (ft.pattern == FraudPattern::Escalating) {
      reais = typical * type_amount_multiplier(t.type) * first_factor * escalation * r.lognormal_median(1.0, 0.08);
      escalation *= 1.5;
    }
    else if (mule) reais = static_cast<double>(received_cents) / 100 * 0.95 * out_shares[static_cast<size_t>(j - inflows)] / share_sum;
    else if (ft.pattern == FraudPattern::BustOut && t.type == CREDIT_CARD && !s.quiet)
      reais = static_cast<double>(c.credit_limit_cents) / 100 * r.uniform(0.15, 0.35) + r.uniform(50, 300);
    t.amount_cents = std::max<int64_t>(probe ? 1 : 100, std::llround(reais * 100));  // probes may be a cent
    if (t.type == WITHDRAWAL) t.amount_cents = std::clamp<int64_t>(t.amount_cents / 2000 * 2000, 2000, 300000);

    // To whom.
    switch (t.type) {
      case CREDIT_CARD:
      case DEBIT_CARD: {
        // Card testing hits the same one to three shops; other card fraud any shop of its kinds.
        const uint64_t shop = card_testing ? key_hash(cfg.seed, kFraudsterPayees, key, 100 + r.below(3)) : r.next();
        // Quiet card fraud buys what the customer buys, read as the customer's card would be.
        const uint32_t mcc = mccs.empty() || s.quiet ? ps.mccs[ps.mcc.sample(r)] : mccs[mix64(shop) % mccs.size()];
        t.merchant = merchant_of_mcc(ref, mcc, shop);
        const bool spread = t.type == CREDIT_CARD && t.amount_cents >= 10000 && r.chance(0.5);
        constexpr int kInstallments[] = {2, 3, 6, 10, 12};
        t.installments = static_cast<int8_t>(spread ? kInstallments[r.below(5)] : 1);
        if (s.quiet) {
          draw_card_reading(r, t);
        } else {
          t.card_entry = 2;  // MANUAL: card-not-present, the card's data was stolen
          t.cvv_validated = r.chance(probe ? 0.7 : 0.97);
          t.auth_3ds = r.chance(0.1);
        }
        break;
      }
      case BOLETO: {
        // A forged boleto: a real biller's name on it, the fraudster's bank behind it.
        t.merchant = merchant_of_mcc(ref, named.bills[r.below(named.bills.size())], r.next());
        t.dest_bank = static_cast<int16_t>(ref.bank_sampler.sample(key_hash(cfg.seed, kFakeBoletoBanks, key)));
        break;
      }
      case WITHDRAWAL:
        t.merchant = merchant_of_mcc(ref, named.atm, r.next());
        break;
      default: {  // PIX, TED: the fraudster's (or the mule's next) accounts
        const uint64_t who = ft.pattern == FraudPattern::PassThrough ? static_cast<uint64_t>(j) : r.below(static_cast<uint64_t>(payees));
        const bool qr = ft.pattern == FraudPattern::ForgedQr;
        // Shell companies among the fraudsters' accounts, as often as businesses among people's payees.
        const uint64_t payee = key_hash(cfg.seed, kFraudsterPayees, key, who);
        use_payee(t, payee_from_hash(ref, payee, qr || mix64(payee ^ 7) % 100 < kBusinessPayeePercent));
        if (t.type == TED) t.pix_key_type = t.payee_account_type = -1;
        if (t.type == PIX) {
          if (qr) {
            t.merchant = merchant_of_mcc(ref, ps.mccs[ps.mcc.sample(r)], r.next());
            t.initiation_mode = static_cast<int8_t>(r.chance(0.6) ? 2 : 3);  // QRDN, QRES
          } else {
            t.initiation_mode = static_cast<int8_t>(r.chance(0.85) ? 1 : 0);  // DICT, MANU
          }
          t.e2e_suffix = r.next();
        }
      }
    }
  }
}

}  // namespace fraudgen
