// A customer's transaction timeline: when, what, where, with which device, to whom, how much.
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/day_plan.h"
#include "fraudgen/sim/history.h"
#include "fraudgen/sim/inflows.h"
#include "fraudgen/sim/radix_sort.h"
#include "fraudgen/sim/ride_payments.h"
#include "fraudgen/sim/risk_rules.h"
#include "fraudgen/sim/fraud_scenario.h"
#include "fraudgen/sim/transaction.h"
#include "fraudgen/sim/transaction_parts.h"

namespace fraudgen {
namespace {

using namespace vocab;

enum Purpose : uint64_t { kTimes = 101, kEvents = 102, kBursts = 106 };
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

// A business pays its suppliers in bursts: 5-12 payments within one hour of a working day, a
// look-alike of a fraudster's burst. `keys` are the legitimate times: time_ms * 2 + (1 in a burst).
void add_business_burst(const SimContext& ctx, const Customer& c, int64_t day, uint32_t size, std::vector<int64_t>& keys) {
  Rng rng = customer_day_rng(ctx.config().seed, c.index, kBursts, day);
  const int64_t begin = day * kMillisPerDay + rng.range(8, 17) * 3'600'000LL - kBrasiliaOffsetMillis;
  for (uint32_t k = 0; k < size; ++k) keys.push_back((begin + rng.range(0, 3'599'999)) * 2 + 1);
}

// The times of the customer's `n` legitimate outgoing transactions of one day: the hour by the
// profile's rhythm, now and then a night-owl moment.
void add_outgoing_times(const SimContext& ctx, const Customer& c, int64_t day, uint32_t n, std::vector<int64_t>& keys) {
  const SimConfig& cfg = ctx.config();
  const ProfileSamplers& ps = ctx.samplers(c.profile);
  Rng times = customer_day_rng(cfg.seed, c.index, kTimes, day);
  for (uint32_t i = 0; i < n; ++i) {
    int64_t hour = ps.hour.sample(times);
    if (times.chance(cfg.calibration.night_share)) hour = (22 + times.range(0, 7)) % 24;  // a night-owl moment
    const int64_t local_ms = day * kMillisPerDay + hour * 3'600'000LL + times.range(0, 3'599'999);
    keys.push_back((local_ms - kBrasiliaOffsetMillis) * 2);
  }
}

// Makes times strictly increasing without leaving their local day: a millisecond later than a
// row with the same time, or earlier at the day's very end. Days are settled on their own, so
// a day's times do not depend on the days simulated with it.
void separate_equal_times(std::span<Transaction> tl) {
  for (size_t a = 0; a < tl.size();) {
    const int64_t day = local_day_of(tl[a].time_ms);
    size_t b = a + 1;
    while (b < tl.size() && local_day_of(tl[b].time_ms) == day) ++b;
    for (size_t i = a + 1; i < b; ++i) tl[i].time_ms = std::max(tl[i].time_ms, tl[i - 1].time_ms + 1);
    const int64_t last_ms = (day + 1) * kMillisPerDay - 1 - kBrasiliaOffsetMillis;
    if (tl[b - 1].time_ms > last_ms) {
      tl[b - 1].time_ms = last_ms;
      for (size_t i = b - 1; i > a; --i) tl[i - 1].time_ms = std::min(tl[i - 1].time_ms, tl[i].time_ms - 1);
    }
    a = b;
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
  // Stable: inflows of one sender at one instant keep the order their day made them in, whatever
  // the days simulated with it (an unstable sort would order them by their place in the window).
  std::stable_sort(steps.begin(), steps.end(), [](const Transaction& a, const Transaction& b) {
    if (a.time_ms != b.time_ms) return a.time_ms < b.time_ms;
    if (a.is_fraud() != b.is_fraud()) return b.is_fraud();
    if (!a.is_fraud() && a.inflow) return a.beneficiary[0] < b.beneficiary[0];
    if (a.scenario_day != b.scenario_day) return a.scenario_day < b.scenario_day;
    return a.scenario_k != b.scenario_k ? a.scenario_k < b.scenario_k : a.fraud_step < b.fraud_step;
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

TimelineRows count_timeline_rows(const SimContext& ctx, const Customer& c) {
  TimelineRows rows;
  for (int64_t day = c.window_first_day; day <= c.window_last_day; ++day) rows.transactions += plan_day(ctx, c, day).legitimate();
  if (const RideMarket* market = ctx.ride_market())
    if (const std::optional<Rider> rider = market->rider_of(ctx, c))
      rows.transactions += count_ride_payments(ctx, *market, *rider, c.window_first_day, c.window_last_day);
  for (const FraudScenario& s : c.scenarios) rows.fraudulent += static_cast<uint64_t>(s.steps_in_window);
  rows.transactions += rows.fraudulent;
  return rows;
}

void count_timeline_rows_by_day(const SimContext& ctx, const Customer& c, std::span<uint32_t> transactions, std::span<uint32_t> fraudulent) {
  const int64_t first = c.window_first_day, last = c.window_last_day;
  for (int64_t day = first; day <= last; ++day) transactions[static_cast<size_t>(day - first)] += plan_day(ctx, c, day).legitimate();
  if (const RideMarket* market = ctx.ride_market())
    if (const std::optional<Rider> rider = market->rider_of(ctx, c)) count_ride_payments_by_day(ctx, *market, *rider, first, last, transactions);
  for (const FraudScenario& s : c.scenarios)
    for (int64_t local_ms : scenario_step_times(ctx, c, s)) {
      const int64_t day = local_ms / kMillisPerDay;
      if (day < first || day > last) continue;
      ++transactions[static_cast<size_t>(day - first)];
      ++fraudulent[static_cast<size_t>(day - first)];
    }
}

void simulate_timeline(const SimContext& ctx, const Customer& c, uint32_t local_index, std::vector<Transaction>& out,
                       bool labels_only) {
  const ReferenceData& ref = ctx.ref();
  const SimConfig& cfg = ctx.config();
  const Profile& prof = profile_or_default(c.profile);
  const ProfileSamplers& ps = ctx.samplers(c.profile);
  const Calibration& cal = cfg.calibration;
  const size_t first = out.size();
  const int64_t first_day = c.window_first_day, last_day = c.window_last_day;

  // When: each day's own draws; then the fraud scenarios' steps of the window join, everything
  // is sorted (legitimate first on equal times) and made unique.
  std::vector<int64_t> keys;
  keys.reserve(static_cast<size_t>(c.outgoing_per_day * static_cast<double>(last_day - first_day + 1) * 1.2) + 8);
  for (int64_t day = first_day; day <= last_day; ++day) {
    const DayPlan counts = plan_day(ctx, c, day);
    add_outgoing_times(ctx, c, day, counts.outgoing, keys);
    if (counts.burst) add_business_burst(ctx, c, day, counts.burst, keys);
    add_inflows(ctx, c, day, counts, local_index, out);
  }
  // A rider's rides paid by card or Pix (a world with rides); the banking model's own purchases
  // at the ride apps' brands then go to other ride and taxi brands.
  const RideMarket* market = ctx.ride_market();
  const std::optional<Rider> rider = market ? market->rider_of(ctx, c) : std::nullopt;
  if (rider) add_ride_payments(ctx, *market, *rider, c, first_day, last_day, local_index, out);
  for (const FraudScenario& s : c.scenarios) {
    const size_t before = out.size();
    simulate_scenario(ctx, c, s, local_index, out);
    // Keep the steps of the window's days (the others belong to days simulated elsewhere).
    out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                             [&](const Transaction& t) {
                               const int64_t day = local_day_of(t.time_ms);
                               return day < first_day || day > last_day;
                             }),
              out.end());
  }
  merge_timeline(keys, out, first, local_index);
  const uint64_t n = out.size() - first;
  separate_equal_times(std::span<Transaction>(out.data() + first, n));
  if (labels_only) return;

  const Municipality& home = ref.municipalities[c.municipality];
  const double income_mult = income_scale(c);
  const NamedMccs& named = ctx.named_mccs();
  size_t trip = 0;

  Rng ev(cfg.seed, EntityKind::Customer, c.index, 0);
  int64_t ev_day = std::numeric_limits<int64_t>::min();
  for (uint64_t i = 0; i < n; ++i) {
    Transaction& t = out[first + i];
    if (t.is_fraud() || t.inflow || t.ride_payment) continue;  // filled in by its scenario, add_inflows or add_ride_payments
    const int64_t day = local_day_of(t.time_ms);
    if (day != ev_day) {  // each day its own draws
      ev = customer_day_rng(cfg.seed, c.index, kEvents, day);
      ev_day = day;
    }
    const int hour = brasilia_hour(t.time_ms);
    t.type = static_cast<int8_t>(t.business_burst ? static_cast<uint32_t>(PIX) : ps.type.sample(ev));
    t.channel = static_cast<int8_t>(ps.channel[static_cast<size_t>(t.type)].sample(ev));
    t.device_slot = static_cast<int16_t>(pick_device(c, ev, t.channel, day));

    // Where: the destination of the latest trip under way, otherwise home, work or around town.
    while (trip < c.trips.size() && c.trips[trip].first_day <= day - kMaxTripDays) ++trip;
    const Trip* away = nullptr;
    for (size_t k = trip; k < c.trips.size() && c.trips[k].first_day <= day; ++k)
      if (c.trips[k].last_day >= day) away = &c.trips[k];
    const bool travelling = away != nullptr;
    if (travelling) {
      const Municipality& m = ref.municipalities[away->municipality];
      t.municipality = away->municipality;
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
      if (rider) t.merchant = market->outside_the_apps(t.merchant);
    };
    auto person_payee = [&] {
      bool one_off = ev.chance(t.business_burst ? 0.5 : cal.new_payee_share);
      uint64_t h = one_off ? key_hash(cfg.seed, c.index, 0x2000 + 2, static_cast<uint64_t>(t.time_ms))
                           : key_hash(cfg.seed, c.index, 0x2000 + 1, payee_pool_sampler().sample(ev));
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

  // Inflows are not a place the customer went: they keep the place of the customer's latest own
  // transaction of the last 30 days (home without one), so distance and travel features measure
  // the customer's own movements only.
  const Transaction* last_own = nullptr;
  for (uint64_t i = 0; i < n; ++i) {
    Transaction& t = out[first + i];
    if (!t.inflow) {
      last_own = &t;
      continue;
    }
    if (last_own && t.time_ms - last_own->time_ms <= kWindowMillis[4]) {
      t.municipality = last_own->municipality;
      t.lat = last_own->lat;
      t.lon = last_own->lon;
    } else {
      t.municipality = c.municipality;
      t.lat = round6(c.home_lat);
      t.lon = round6(c.home_lon);
    }
  }

  // Sessions: same channel and device, less than 30 minutes since the previous transaction; a
  // session is named by the time of its first.
  uint64_t session = 0;
  for (uint64_t i = 0; i < n; ++i) {
    const Transaction* prev = i ? &out[first + i - 1] : nullptr;
    Transaction& t = out[first + i];
    if (!prev || t.time_ms - prev->time_ms > kSessionGapMillis || t.channel != prev->channel || t.device_slot != prev->device_slot)
      session = key_hash(cfg.seed, c.index, 0x8000 + 1, static_cast<uint64_t>(t.time_ms));
    t.session = session;
  }
  compute_history(std::span<Transaction>(out.data() + first, n), c.devices.size());
  apply_risk_rules(ctx, c, std::span<Transaction>(out.data() + first, n));
}

}  // namespace fraudgen
