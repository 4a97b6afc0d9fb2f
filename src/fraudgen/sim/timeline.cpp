// A customer's transaction timeline: when, what, where, with which device, to whom, how much.
#include <algorithm>
#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/history.h"
#include "fraudgen/sim/inflows.h"
#include "fraudgen/sim/radix_sort.h"
#include "fraudgen/sim/risk_rules.h"
#include "fraudgen/sim/fraud_scenario.h"
#include "fraudgen/sim/transaction.h"
#include "fraudgen/sim/transaction_parts.h"

namespace fraudgen {
namespace {

using namespace vocab;

enum Purpose : uint64_t { kTimes = 101, kEvents = 102 };
constexpr int kPoolSize = 14;                 // recurring payees per customer
constexpr int64_t kSessionGapMillis = 30 * 60'000;

const AliasTable& payee_pool_sampler() {
  static const AliasTable table = [] {
    std::vector<double> w;
    for (int k = 0; k < kPoolSize; ++k) w.push_back(1.0 / std::pow(k + 1, 1.1));
    return AliasTable(w);
  }();
  return table;
}

int pick_device(const Customer& c, Rng& rng, int channel, int64_t day) {
  if (channel == ATM || channel == BRANCH) return -1;
  int mobile[kMaxDevices], desktop[kMaxDevices], nm = 0, nd = 0;
  for (int s = 0; s < c.own_device_count; ++s) {
    const Device& d = c.devices[static_cast<size_t>(s)];
    if (d.first_use_day > day) continue;
    if (d.is_mobile()) mobile[nm++] = s;
    else desktop[nd++] = s;
  }
  const int newest = newest_own_device(c, day, DeviceForm::Phone);
  if (channel == WEB_BANKING && nd > 0) return desktop[rng.below(static_cast<uint64_t>(nd))];
  if (nm == 0) return desktop[rng.below(static_cast<uint64_t>(nd))];
  if (newest >= 0 && rng.chance(0.85)) return newest;
  return mobile[rng.below(static_cast<uint64_t>(nm))];
}

// A business pays its suppliers in bursts: 5-12 of its transactions moved into one hour of a
// working day (a look-alike of a fraudster's burst; the count of transactions does not change).
// `keys` are the legitimate transactions' time_ms * 2 + (1 when in a burst).
void add_business_bursts(const SimContext& ctx, const Customer& c, Rng& rng, std::vector<int64_t>& keys) {
  const SimConfig& cfg = ctx.config();
  const uint64_t n = keys.size();
  const uint64_t bursts = rng.poisson(cfg.calibration.business_bursts_per_year * static_cast<double>(cfg.days()) / 365.0);
  for (uint64_t b = 0; b < bursts; ++b) {
    const uint64_t size = static_cast<uint64_t>(rng.range(5, 12));
    if (size > n) return;
    const int64_t day = cfg.start_day + ctx.samplers(c.profile).day.sample(rng);
    const int64_t begin = day * kMillisPerDay + rng.range(8, 17) * 3'600'000LL - kBrasiliaOffsetMillis;
    const uint64_t at = rng.below(n);  // legitimate times are in random order: any run of them is a random pick
    for (uint64_t k = 0; k < size; ++k) keys[(at + k) % n] = (begin + rng.range(0, 3'599'999)) * 2 + 1;
  }
}

// Merges the legitimate outgoing times (sorted keys, see add_business_bursts) with the rows
// already simulated after `first` (incoming transfers, the fraud scenarios' steps) into one
// timeline in time order: on equal times legitimate outgoing rows come first, then inflows by
// sender, then scenarios by id and step. Sorting 8-byte keys and a few whole rows is much cheaper
// than sorting every transaction.
void merge_timeline(std::vector<int64_t>& keys, std::vector<Transaction>& out, size_t first, uint32_t local_index) {
  radix_sort(keys);
  std::vector<Transaction> steps(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
  std::sort(steps.begin(), steps.end(), [](const Transaction& a, const Transaction& b) {
    if (a.time_ms != b.time_ms) return a.time_ms < b.time_ms;
    if (a.is_fraud() != b.is_fraud()) return b.is_fraud();
    if (!a.is_fraud() && a.inflow) return a.beneficiary[0] < b.beneficiary[0];
    return a.scenario_id != b.scenario_id ? a.scenario_id < b.scenario_id : a.fraud_step < b.fraud_step;
  });
  out.resize(first);
  // Grow geometrically: the block's customers append one after another, and reserving the exact
  // size each time would move the whole block for every customer until it reaches its largest.
  const size_t need = first + keys.size() + steps.size();
  if (need > out.capacity()) out.reserve(std::max(need, out.capacity() * 2));
  const Transaction blank = blank_transaction(local_index);
  size_t s = 0;
  for (int64_t key : keys) {
    const int64_t time_ms = key >> 1;
    for (; s < steps.size() && steps[s].time_ms < time_ms; ++s) out.push_back(steps[s]);
    Transaction& t = out.emplace_back(blank);
    t.time_ms = time_ms;
    t.business_burst = key & 1;
  }
  out.insert(out.end(), steps.begin() + static_cast<std::ptrdiff_t>(s), steps.end());
}

}  // namespace

void simulate_timeline(const SimContext& ctx, const Customer& c, uint32_t local_index, std::vector<Transaction>& out,
                       bool labels_only) {
  const ReferenceData& ref = ctx.ref();
  const SimConfig& cfg = ctx.config();
  const Profile& prof = profile_or_default(c.profile);
  const ProfileSamplers& ps = ctx.samplers(c.profile);
  const size_t first = out.size();

  // When: day by calendar weight, hour by the profile's rhythm; then the fraud scenarios'
  // steps join, everything is sorted (legitimate first on equal times) and made unique.
  const Calibration& cal = cfg.calibration;
  Rng times(cfg.seed, EntityKind::Customer, c.index, kTimes);
  std::vector<int64_t> keys;
  keys.reserve(c.legit_count - c.inflow_count);
  for (uint64_t i = 0; i < c.legit_count - c.inflow_count; ++i) {
    int64_t day = cfg.start_day + ps.day.sample(times);
    int64_t hour = ps.hour.sample(times);
    if (times.chance(cal.night_share)) hour = (22 + times.range(0, 7)) % 24;  // a night-owl moment
    int64_t local_ms = day * kMillisPerDay + hour * 3'600'000LL + times.range(0, 3'599'999);
    keys.push_back((local_ms - kBrasiliaOffsetMillis) * 2);
  }
  if (prof.name == "micro_empreendedor" || prof.name == "business_owner") add_business_bursts(ctx, c, times, keys);
  add_inflows(ctx, c, local_index, out);
  for (const FraudScenario& s : c.scenarios) simulate_scenario(ctx, c, s, local_index, out);
  merge_timeline(keys, out, first, local_index);
  const uint64_t n = out.size() - first;
  for (size_t i = first + 1; i < out.size(); ++i)
    if (out[i].time_ms <= out[i - 1].time_ms) out[i].time_ms = out[i - 1].time_ms + 1;
  for (uint64_t i = 0; i < n; ++i) out[first + i].seq = static_cast<uint32_t>(i);
  if (labels_only) return;

  const Municipality& home = ref.municipalities[c.municipality];
  const double income_mult = income_scale(c);
  const NamedMccs& named = ctx.named_mccs();
  size_t trip = 0;

  Rng ev(cfg.seed, EntityKind::Customer, c.index, kEvents);
  for (uint64_t i = 0; i < n; ++i) {
    Transaction& t = out[first + i];
    if (t.is_fraud() || t.inflow) continue;  // filled in by its scenario or add_inflows
    const int64_t local_ms = t.time_ms + kBrasiliaOffsetMillis;
    const int64_t day = local_ms / kMillisPerDay;
    const int hour = brasilia_hour(t.time_ms);
    t.type = static_cast<int8_t>(t.business_burst ? static_cast<uint32_t>(PIX) : ps.type.sample(ev));
    t.channel = static_cast<int8_t>(ps.channel[static_cast<size_t>(t.type)].sample(ev));
    t.device_slot = static_cast<int8_t>(pick_device(c, ev, t.channel, day));

    // Where: the trip destination while travelling, otherwise home, work or around town.
    while (trip < c.trips.size() && c.trips[trip].last_day < day) ++trip;
    bool travelling = trip < c.trips.size() && c.trips[trip].first_day <= day;
    if (travelling) {
      const Municipality& m = ref.municipalities[c.trips[trip].municipality];
      t.municipality = c.trips[trip].municipality;
      t.lat = m.lat + ev.uniform(-0.03, 0.03);
      t.lon = m.lon + ev.uniform(-0.03, 0.03);
    } else {
      t.municipality = c.municipality;
      bool weekday = weekday_from_days(day) < 5, office_hours = hour >= 8 && hour < 18;
      double u = ev.uniform();
      if (t.channel == WEB_BANKING || (u < 0.55 && !(weekday && office_hours))) {
        t.lat = c.home_lat + ev.uniform(-0.002, 0.002);
        t.lon = c.home_lon + ev.uniform(-0.002, 0.002);
      } else if (weekday && office_hours && u < 0.6) {
        t.lat = c.work_lat + ev.uniform(-0.003, 0.003);
        t.lon = c.work_lon + ev.uniform(-0.003, 0.003);
      } else {
        t.lat = home.lat + ev.uniform(-0.04, 0.04);
        t.lon = home.lon + ev.uniform(-0.04, 0.04);
      }
    }
    t.lat = round6(t.lat);
    t.lon = round6(t.lon);

    // What and to whom.
    int32_t mcc = -1;
    auto pick_merchant = [&](uint32_t m, double favourite_share, int favourites) {
      mcc = static_cast<int32_t>(m);
      uint64_t bits = favourite_share > 0 && ev.chance(favourite_share)
                          ? key_hash(cfg.seed, c.index, 0x1000 + m, ev.below(static_cast<uint64_t>(favourites)))
                          : ev.next();
      t.merchant = merchant_of_mcc(ref, m, bits);
    };
    auto person_payee = [&] {
      bool one_off = ev.chance(t.business_burst ? 0.5 : cal.new_payee_share);
      uint64_t h = one_off ? key_hash(cfg.seed, c.index, 0x2000, 1 + i) : key_hash(cfg.seed, c.index, 0x2000 + 1, payee_pool_sampler().sample(ev));
      use_payee(t, payee_from_hash(ref, h, mix64(h ^ 7) % 100 < kBusinessPayeePercent));
    };
    double lo = prof.min_amount, hi = prof.max_amount, mult = type_amount_multiplier(t.type);
    switch (t.type) {
      case CREDIT_CARD:
      case DEBIT_CARD:
        pick_merchant(ps.mccs[ps.mcc.sample(ev)], 0.65, 4);
        break;
      case BOLETO:
        pick_merchant(named.bills[ev.below(named.bills.size())], 0.7, 3);
        t.dest_bank = static_cast<int16_t>(ref.bank_sampler.sample(key_hash(cfg.seed, 0x3000, static_cast<uint64_t>(t.merchant))));
        break;
      case AUTO_DEBIT:
        pick_merchant(named.subscriptions[ev.below(named.subscriptions.size())], 0.9, 2);
        break;
      case WITHDRAWAL:
        pick_merchant(named.atm, 0.5, 3);
        break;
      case MOBILE_TOPUP:
        pick_merchant(named.topup, 0.9, 1);
        break;
      case PIX:
        if (!t.business_burst && ev.chance(0.3)) {  // paying a merchant by QR code
          pick_merchant(ps.mccs[ps.mcc.sample(ev)], 0.5, 4);
          use_payee(t, payee_from_hash(ref, key_hash(cfg.seed, 0x4000, static_cast<uint64_t>(t.merchant)), true));
          t.initiation_mode = static_cast<int8_t>(ev.chance(0.6) ? 2 : 3);       // QRDN, QRES
        } else {
          person_payee();
          t.initiation_mode = static_cast<int8_t>(ev.chance(0.8) ? 1 : 0);       // DICT, MANU
        }
        break;
      case TED:
        person_payee();
        t.pix_key_type = -1;
        t.payee_account_type = -1;
        break;
    }
    if (mcc >= 0 && t.type != PIX) {
      const Mcc& info = ref.mccs[static_cast<size_t>(mcc)];
      double mlo = static_cast<double>(info.min_cents) / 100, mhi = static_cast<double>(info.max_cents) / 100;
      lo = std::max(lo, mlo * 0.5);
      hi = std::min(hi, mhi * 1.5);
      if (lo >= hi) { lo = mlo; hi = mhi; }
    }
    if (t.type == MOBILE_TOPUP) {
      constexpr int kTopups[] = {15, 20, 25, 30, 35, 40, 50, 60, 100};
      t.amount_cents = kTopups[ev.below(std::size(kTopups))] * 100LL;
    } else if (t.type == AUTO_DEBIT) {
      // A subscription bills the same amount every time.
      Rng fixed(cfg.seed, EntityKind::Merchant, static_cast<uint64_t>(t.merchant), c.index);
      t.amount_cents = draw_amount(fixed, lo, hi, mult);
    } else if (t.type == WITHDRAWAL) {
      t.amount_cents = std::max<int64_t>(2, std::llround(static_cast<double>(draw_amount(ev, lo, hi, mult * income_mult)) / 2000.0)) * 2000;
    } else {
      t.amount_cents = draw_amount(ev, lo, hi, mult * income_mult);
      // The occasional big purchase: a television, a sofa, a flight.
      if ((t.type == CREDIT_CARD || t.type == DEBIT_CARD) && ev.chance(cal.big_purchase_share))
        t.amount_cents = std::llround(static_cast<double>(t.amount_cents) * ev.uniform(5.0, 15.0));
    }

    if (t.type == CREDIT_CARD || t.type == DEBIT_CARD) {
      draw_card_reading(ev, t);
      constexpr int kInstallments[] = {1, 2, 3, 4, 5, 6, 10, 12};
      constexpr double kInstallmentWeights[] = {50, 10, 10, 5, 5, 10, 5, 5};
      const bool spread = t.type == CREDIT_CARD && t.amount_cents >= 10000;
      t.installments = static_cast<int8_t>(spread ? kInstallments[ev.weighted(kInstallmentWeights)] : 1);
    }

    // Status and MED returns come later, from the risk engine over the finished history.
    if (t.type == PIX) t.e2e_suffix = ev.next();

    // Network: home broadband is shared by the household; mobile data changes address daily.
    t.ip = t.device_slot >= 0 ? own_device_ip(cfg.seed, c, c.devices[static_cast<size_t>(t.device_slot)], day, travelling) : 0;
  }

  // Inflows are not a place the customer went: they keep the last known one (home at first), so
  // distance and travel features measure the customer's own movements only.
  for (uint64_t i = 0; i < n; ++i) {
    Transaction& t = out[first + i];
    if (!t.inflow) continue;
    if (i == 0) {
      t.municipality = c.municipality;
      t.lat = round6(c.home_lat);
      t.lon = round6(c.home_lon);
    } else {
      const Transaction& prev = out[first + i - 1];
      t.municipality = prev.municipality;
      t.lat = prev.lat;
      t.lon = prev.lon;
    }
  }

  // Sessions: same channel and device, less than 30 minutes since the previous transaction.
  uint64_t session = 0;
  for (uint64_t i = 0; i < n; ++i) {
    const Transaction* prev = i ? &out[first + i - 1] : nullptr;
    Transaction& t = out[first + i];
    if (!prev || t.time_ms - prev->time_ms > kSessionGapMillis || t.channel != prev->channel || t.device_slot != prev->device_slot)
      session = key_hash(cfg.seed, c.index, 0x8000, i);
    t.session = session;
  }
  compute_history(std::span<Transaction>(out.data() + first, n));
  apply_risk_rules(ctx, c, std::span<Transaction>(out.data() + first, n));
}

}  // namespace fraudgen
