#include "fraudgen/rides/rider_fraud.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/rides/rider_account.h"
#include "fraudgen/sim/history.h"

namespace fraudgen {
namespace {

constexpr int64_t kEpochDays = 32;  // own-ride scenarios are drawn per rider and epoch; none lasts longer
constexpr int64_t kLongestLined = 8;  // the longest scenario of kLinedTypes, in days
constexpr uint64_t kScenarioDraws = 0x5CE7, kScenarioRides = 0x5C1D, kScenarioQuiet = 0x5C17, kLinePhase = 0x5C11;
using T = RideFraudType;
// Types started on the customers' line (a fixed number of starts over any range); the ones that
// use the rider's own rides start in proportion to them, drawn per rider and epoch.
constexpr T kLinedTypes[] = {T::PromoAbuse, T::AccountTakeover, T::PaymentChargeback};
constexpr T kOwnRideTypes[] = {T::RefundAbuse, T::SplitFareFraud};
// Account numbers (rider_account_key): promotions take 1-27, stolen cards 28-31.
constexpr uint8_t kPromoAccounts = 9, kCardAccountFirst = 28;
// 2-6 referral credits, a ride each, most completed; a rider on neither UBER nor 99 makes none
// (3.35 per start measured at 20,000 customers over six months, realistic and hard).
constexpr double kQuietPromoMeanRides = 3.35;
// SPLIT_FARE_FRAUD's fake riders: a few rings sell shares to fraudsters anywhere (their accounts
// never ride, so no city holds them).
constexpr uint64_t kRings = 4, kAccountsPerRing = 8;
// Scenario numbers (tell apart a rider's scenarios started the same day): a lined type's starts
// take kStartsPerTypeDay numbers each, the own-ride draws of an epoch from kOwnRideNumbers on.
constexpr uint8_t kStartsPerTypeDay = 8, kOwnRideNumbers = 64;

struct Scenario {
  T type;
  int64_t start;
  uint8_t number;  // tells apart the rider's scenarios started the same day
  int64_t key;     // with number, keys the scenario's draws: the start day (lined) or the epoch (own-ride)
};

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

double rides_per_day(const RideReference& rides, const Rider& rd) { return rides.profiles[rd.profile].rides_per_week / 7.0 * rd.activity; }

}  // namespace

static_assert(std::size(kLinedTypes) == std::tuple_size_v<decltype(RiderFraudRates::lined_rate)>);

// Start rate per rider-day of a type: the type's share of the fraudulent rides that pay for the
// fraud rate, over the rides a scenario makes. Types that use the rider's own rides start more
// often with riders who ride more.
RiderFraudRates::RiderFraudRates(const SimContext& ctx) {
  const SimConfig& cfg = ctx.config();
  if (cfg.fraud_rate > 0) {
    const double fraud_per_legit = cfg.fraud_rate / (1.0 - cfg.fraud_rate);
    // Quiet promotion abuse (referral credits) makes fewer rides than the loud form's accounts.
    const double q = cfg.calibration.ride_quiet_fraud_share;
    for (size_t t = 0; t < kRideFraudTypeCount; ++t) {
      const T type = static_cast<T>(t);
      const RideFraudTypeInfo& info = ride_fraud_type(type);
      const double share = ride_fraud_share(cfg.calibration.ride_type_weight, type);
      const double mean_rides = type == T::PromoAbuse ? (1 - q) * info.mean_rides + q * kQuietPromoMeanRides : info.mean_rides;
      per_start[t] = fraud_per_legit * share * kRequestsPerRiderDay / mean_rides;
    }
  }
  for (size_t t = 0; t < std::size(kLinedTypes); ++t) {
    lined_rate[t] = start_rate(kLinedTypes[t], kRequestsPerRiderDay) * kRiderShare;
    lined_phase[t] = Rng(cfg.seed, EntityKind::RideFraud, static_cast<uint64_t>(kLinedTypes[t]), kLinePhase).uniform();
  }
}

double RiderFraudRates::start_rate(T type, double rider_rides) const {
  const double own = type == T::RefundAbuse || type == T::SplitFareFraud ? rider_rides / kRequestsPerRiderDay : 1.0;
  return per_start[static_cast<size_t>(type)] * own;
}

namespace {

// Starts of the lined types by day: each customer has a line of its own per type, days end to
// end, a start every 1 / (rate per customer-day) days, its phase the type's plus the customer's
// index times the golden ratio. The phases of consecutive customers are as evenly spread as any
// sequence can be, so the starts of a day (or of any range of days) over all the customers come
// to the expected number within a few, where a draw per customer would miss it by its square root.
// Returns starts[t][i], type kLinedTypes[t]'s starts on day first + i over the customers the rider
// takes (itself and the non-riders just before it).
using LinedStarts = std::array<std::array<int64_t, kLongestLined>, std::size(kLinedTypes)>;
LinedStarts lined_starts(const RiderFraudRates& rates, const Rider& rd, int64_t first) {
  constexpr double kGolden = 0.6180339887498949;
  // x - floor(x) of a non-negative x is its fractional part exactly, as fmod(x, 1) is, and cheaper.
  auto fraction = [](double x) { return x - std::floor(x); };
  LinedStarts starts{};
  for (size_t t = 0; t < std::size(kLinedTypes); ++t) {
    const double rate = rates.lined_rate[t], type_phase = rates.lined_phase[t];
    for (uint64_t c = rd.customer + 1 - rd.customers_taken; c <= rd.customer; ++c) {
      const double phase = fraction(type_phase + fraction(static_cast<double>(c) * kGolden));
      double before = std::floor(phase + rate * static_cast<double>(first));
      // Most customers start nothing in the 8 days (the line is monotonic): one test instead of 8.
      if (std::floor(phase + rate * static_cast<double>(first + kLongestLined)) == before) continue;
      for (int64_t i = 0; i < kLongestLined; ++i) {
        const double after = std::floor(phase + rate * static_cast<double>(first + i + 1));
        starts[t][static_cast<size_t>(i)] += static_cast<int64_t>(after - before);
        before = after;
      }
    }
  }
  return starts;
}

// The rider's lined scenarios started on days [first, first + kLongestLined), by day, then type.
void lined_scenarios(const RiderFraudRates& rates, const Rider& rd, int64_t first, std::vector<Scenario>& out) {
  const LinedStarts starts = lined_starts(rates, rd, first);
  for (int64_t i = 0; i < kLongestLined; ++i)
    for (size_t t = 0; t < std::size(kLinedTypes); ++t)
      for (int64_t k = 0; k < std::min<int64_t>(starts[t][static_cast<size_t>(i)], kStartsPerTypeDay); ++k)
        out.push_back({kLinedTypes[t], first + i, static_cast<uint8_t>(t * kStartsPerTypeDay + static_cast<size_t>(k)), first + i});
}

// The rider's own-ride scenarios of the epoch, in draw order.
void epoch_scenarios(const SimContext& ctx, const RiderFraudRates& rates, const Rider& rd, double rider_rides, int64_t epoch,
                     std::vector<Scenario>& out) {
  Rng r(ctx.config().seed, EntityKind::RideFraud, rd.customer, pair_key(kScenarioDraws, static_cast<uint64_t>(epoch)));
  uint8_t number = kOwnRideNumbers;
  for (T type : kOwnRideTypes) {
    const uint64_t n = r.poisson(rates.start_rate(type, rider_rides) * kEpochDays);
    for (uint64_t i = 0; i < n; ++i) out.push_back({type, epoch * kEpochDays + static_cast<int64_t>(r.below(kEpochDays)), number++, epoch});
  }
}

// How long a scenario lasts, in days (its rides fall on [start, start + days)).
int64_t scenario_days(const SimContext& ctx, const Rider& rd, const Scenario& s) {
  Rng r(ctx.config().seed, EntityKind::RideFraud, rd.customer, pair_key(kScenarioRides, pair_key(static_cast<uint64_t>(s.key), s.number)));
  switch (s.type) {
    case T::PromoAbuse: return 8;  // accounts opened over 3 days, each used within 5
    case T::AccountTakeover: return 2;
    case T::PaymentChargeback: return r.range(1, 5);
    case T::RefundAbuse: return r.range(14, 28);
    case T::SplitFareFraud: return r.range(3, 10);
    default: return 1;
  }
}

RideFraud label(const Scenario& s, const Rider& rd, int64_t reported_day, bool quiet) {
  RideFraud f;
  f.type = static_cast<int8_t>(s.type);
  f.role = ride_fraud_type(s.type).role;
  f.actor = rd.customer;
  f.start_day = s.start;
  f.number = s.number;
  f.reported_day = reported_day;
  f.quiet = quiet;
  return f;
}

// Whether the scenario is done quietly (ride_quiet_fraud.share): inside the legitimate ranges of
// the type's signals. Drawn on its own key, so the scenario's other draws do not move.
bool quiet_scenario(const SimContext& ctx, const Rider& rd, const Scenario& s) {
  return Rng(ctx.config().seed, EntityKind::RideFraud, rd.customer, pair_key(kScenarioQuiet, pair_key(static_cast<uint64_t>(s.key), s.number)))
      .chance(ctx.config().calibration.ride_quiet_fraud_share);
}

int64_t finish_ms(const RideTrip& t) { return t.status == RideStatus::Completed ? t.end_ms : t.cancel_ms; }

int64_t local_ms(int64_t day, int64_t ms_of_day) { return day * kMillisPerDay + ms_of_day - kBrasiliaOffsetMillis; }

// A request of a scenario, priced and played out as any other; false when the app has no
// category of that level in the city.
bool scenario_ride(const SimContext& ctx, const RiderDayInputs& in, const Rider& rd, int64_t time_ms, RideApp app, RideLevel level,
                   GeoPoint pickup, GeoPoint dropoff, int8_t airport, RidePayment payment, MetroRide& out) {
  RideRequest q{};
  q.customer = rd.customer;
  q.time_ms = time_ms;
  q.app = app;
  q.category = category_of(in.rides, app, level, in.served);
  if (q.category == kNoCategory) return false;
  q.pickup = pickup;
  q.dropoff = dropoff;
  q.dropoff_airport = airport;
  q.pickup_zone = zone_of(in.geo, pickup);
  q.payment = payment;
  const int64_t day = local_day_of(time_ms);
  const ZoneConditions z = zone_conditions(ctx.ref(), in.rides, ctx.config().seed, rd.city, q.pickup_zone, day, bucket_of(time_ms), in.weather);
  out = MetroRide{};
  out.request = q;
  out.trip = ride_trip(ctx, in.rides, rd, q, z);
  return true;
}

// A place far from the rider's: anywhere in the metro, or a named place.
GeoPoint somewhere(const CityGeography& geo, const RideCity& city, Rng& r) {
  if (r.chance(0.6)) return geo.residential(r);
  return geo.near(geo.place(r.below(city.places.size())), 0.4, r);
}

// Quiet PROMO_ABUSE: the fraudster refers 2-6 fake accounts (opened on an app cloner, never used)
// to their own account, and spends the referral credits (R$4-10 off a ride each, as the coupons
// honest riders get) on rides of their own: the rider's account, phone and usual payment.
void append_referral_rides(const SimContext& ctx, const RiderDayInputs& in, const Rider& rd, const Scenario& s, int64_t day, Rng& r,
                           std::vector<MetroRide>& out) {
  std::array<double, 3> w{};
  for (int a = 0; a < 2; ++a) w[static_cast<size_t>(a)] = rd.on(static_cast<RideApp>(a), s.start) ? 1.0 : 0.0;
  if (w[0] + w[1] == 0) return;
  const RideApp app = static_cast<RideApp>(r.weighted(w));
  const RideCity& city = in.rides.cities[rd.city];
  const int rides = static_cast<int>(r.range(2, 6));  // one credit a referral
  const RideFraud f = label(s, rd, s.start + 7 + r.range(ride_fraud_type(s.type).min_report_days, ride_fraud_type(s.type).max_report_days), true);
  MetroRide m;
  for (int k = 0; k < rides; ++k) {
    const int64_t ride_day = s.start + r.range(0, 7);
    const int64_t t = local_ms(ride_day, r.range(7, 22) * 3'600'000LL + static_cast<int64_t>(r.below(3'600'000)));
    const GeoPoint pickup = in.geo.near(rd.home, 0.3, r);
    const GeoPoint dropoff = somewhere(in.geo, city, r);
    const RidePayment pay = static_cast<RidePayment>(r.weighted({38, 10, 20, 20, 7, 0}));
    const int64_t credit = r.range(400, 1000);
    if (ride_day != day || !scenario_ride(ctx, in, rd, t, app, RideLevel::Economy, pickup, dropoff, -1, pay, m)) continue;
    RiderSide& side = m.rider;
    side.account_key = rider_account_key(rd.customer, static_cast<uint8_t>(app), 0);
    side.account_created_day = rd.account_created_day[static_cast<size_t>(app)];
    side.device_key = rider_phone_key(rd, ride_day);
    if (pay == RidePayment::CreditCard || pay == RidePayment::DebitCard) side.card_age_days = card_age_days(rd, side.account_created_day, ride_day);
    if (m.trip.status == RideStatus::Completed) side.promo_cents = promotion_cents(m.trip.fare_cents, 1.0, credit);
    m.fraud = f;
    out.push_back(m);
  }
}

void append_scenario_rides(const SimContext& ctx, const RiderDayInputs& in, const Rider& rd, const Scenario& s, int64_t day, int64_t days,
                           std::vector<MetroRide>& out) {
  const RideCity& city = in.rides.cities[rd.city];
  Rng r(ctx.config().seed, EntityKind::RideFraud, rd.customer, pair_key(kScenarioRides + 1, pair_key(static_cast<uint64_t>(s.key), s.number)));
  const int64_t last_day = s.start + days - 1;
  const bool quiet = quiet_scenario(ctx, rd, s);
  MetroRide m;
  auto add = [&](int64_t ride_day, MetroRide& ride, const RideFraud& f) {
    if (ride_day != day) return;
    ride.fraud = f;
    out.push_back(ride);
  };
  switch (s.type) {
    case T::PromoAbuse: {
      if (quiet) {
        append_referral_rides(ctx, in, rd, s, day, r, out);
        break;
      }
      // New accounts, the promotion on each: on one emulated phone (now and then the fraudster's
      // own), or each on a phone of its own (an app cloner makes a new device every time).
      const RideApp app = r.chance(0.55) ? RideApp::Uber : RideApp::NinetyNine;
      const double phone = r.uniform();
      // Done quietly, each account is on a phone of its own (a relative's, an old one), aged past
      // new-account checks, riding where and how the fraudster rides, with the usual promotion.
      const bool cloner = quiet || phone < 0.35, own_phone = !quiet && phone >= 0.6;
      const uint64_t device = own_phone ? rider_phone_key(rd, s.start) : ride_key(RideKeyTag::Farm, (rd.customer << 6) | ((s.number & 7) << 3));
      const int accounts = static_cast<int>(r.range(2, 5));
      const RideFraud f = label(s, rd, last_day + r.range(ride_fraud_type(s.type).min_report_days, ride_fraud_type(s.type).max_report_days), quiet);
      // Half the farms let their accounts age a few weeks first, past new-account checks.
      const int64_t aged = quiet || r.chance(0.5) ? r.range(7, 22) : 0;  // its last ride still in the promotion month
      for (int a = 0; a < accounts; ++a) {
        const int64_t created = s.start - aged - r.range(0, 2);  // opened over the three days before
        const uint8_t number = static_cast<uint8_t>(1 + (s.number % 3) * kPromoAccounts + a);
        const int rides = static_cast<int>(r.range(1, 3));
        for (int k = 0; k < rides; ++k) {
          const int64_t ride_day = s.start + 2 * k + r.range(0, 1);  // an account's rides on different days
          const int64_t t = local_ms(ride_day, r.range(7, 22) * 3'600'000LL + static_cast<int64_t>(r.below(3'600'000)));
          const GeoPoint pickup = quiet || r.chance(0.5) ? in.geo.near(rd.home, quiet ? 0.3 : 0.5, r) : in.geo.residential(r);
          // A short hop that stays in the metro (a pickup at its edge must not take the rider out of it).
          const GeoPoint dropoff = quiet ? somewhere(in.geo, city, r) : in.geo.near_in_metro(pickup, 2.0, r);
          const RidePayment pay = static_cast<RidePayment>(quiet ? r.weighted({0, 0, 0.6, 0.4, 0, 0}) : r.weighted({0.15, 0.05, 0.45, 0.35, 0, 0}));
          const double promo_share = quiet ? r.uniform(0.3, 0.5) : r.uniform(0.4, 0.5);
          const int64_t promo_cap = quiet ? r.range(800, 2000) : r.range(1500, 2500);
          if (ride_day != day || !scenario_ride(ctx, in, rd, t, app, RideLevel::Economy, pickup, dropoff, -1, pay, m)) continue;
          RiderSide& side = m.rider;
          side.account = number;
          side.account_key = rider_account_key(rd.customer, static_cast<uint8_t>(app), number);
          side.account_created_day = created;
          side.device_key = cloner ? ride_key(RideKeyTag::Farm, (rd.customer << 6) | ((s.number & 7) << 3) | static_cast<uint64_t>(a + 1)) : device;
          if (pay == RidePayment::CreditCard || pay == RidePayment::DebitCard) side.card_age_days = static_cast<int32_t>(ride_day - created), side.own_payment = false;
          if (m.trip.status == RideStatus::Completed) side.promo_cents = promotion_cents(m.trip.fare_cents, promo_share, promo_cap);
          add(ride_day, m, f);
        }
      }
      break;
    }
    case T::AccountTakeover: {
      // The victim's account (an app they had by then), another phone, a card the attacker adds
      // that night (the stored card would need the card's security code again).
      std::array<double, 3> w{};
      for (int a = 0; a < 3; ++a) w[static_cast<size_t>(a)] = rd.on(static_cast<RideApp>(a), s.start) ? 1.0 : 0.0;
      if (w[0] + w[1] + w[2] == 0) break;
      const RideApp app = static_cast<RideApp>(r.weighted(w));
      const uint64_t device = ride_key(RideKeyTag::Attacker, (rd.customer << 3) | (s.number & 7));
      const int requests = static_cast<int>(r.range(2, 5));
      const RideFraud f = label(s, rd, last_day + r.range(ride_fraud_type(s.type).min_report_days, ride_fraud_type(s.type).max_report_days), quiet);
      // Done quietly, the phone itself was stolen (unlocked, or its lock bypassed): the thief rides
      // on the victim's own account, phone and stored card, economy, hours apart, around the
      // neighbourhood where the phone was taken; the victim notices fewer of them.
      const int64_t card_added = s.start;
      // One request after another is over (the rides of both days are played out to know when).
      int64_t t = local_ms(s.start, r.chance(0.5) ? r.range(18, 23) * 3'600'000LL : r.range(8, 17) * 3'600'000LL);
      for (int k = 0; k < requests; ++k) {
        t += quiet ? r.range(60, 300) * 60'000LL : r.range(2, 90) * 60'000LL;
        const int64_t ride_day = local_day_of(t);
        if (ride_day > last_day) break;
        const RideLevel level = !quiet && r.chance(0.35) ? (r.chance(0.4) ? RideLevel::Black : RideLevel::Comfort) : RideLevel::Economy;
        const GeoPoint pickup = quiet ? in.geo.near(rd.home, 1.5, r) : somewhere(in.geo, city, r);
        const GeoPoint dropoff = somewhere(in.geo, city, r);
        const bool reported = r.chance(quiet ? 0.15 : 0.4);
        if (!scenario_ride(ctx, in, rd, t, app, level, pickup, dropoff, -1, RidePayment::CreditCard, m)) continue;
        t = finish_ms(m.trip);
        if (ride_day != day) continue;
        RiderSide& side = m.rider;
        side.account_key = rider_account_key(rd.customer, static_cast<uint8_t>(app), 0);
        side.account_created_day = rd.account_created_day[static_cast<size_t>(app)];
        side.device_key = quiet ? rider_phone_key(rd, ride_day) : device;
        // The stored card is the victim's own: the bank sees the charge.
        side.card_age_days = quiet ? card_age_days(rd, side.account_created_day, ride_day) : static_cast<int32_t>(ride_day - card_added);
        side.own_payment = quiet;
        if (reported && m.trip.status == RideStatus::Completed) side.ticket = 2, side.refund_cents = m.trip.fare_cents;  // UNAUTHORIZED
        add(ride_day, m, f);
      }
      break;
    }
    case T::PaymentChargeback: {
      // A stolen card on a new account, or on an old one bought from its owner, sells rides for a
      // night or three.
      const RideApp app = r.chance(0.6) ? RideApp::Uber : RideApp::NinetyNine;
      const uint8_t number = static_cast<uint8_t>(kCardAccountFirst + s.number % 4);
      // Done quietly: the fraudster's own account on the app (else an old one bought), from their
      // own phone, the card put on it weeks or months before (cards bought in bulk are kept until
      // used), one to four economy rides a day around the fraudster's places, for buyers or
      // themselves.
      const double age = quiet ? 0.0 : r.uniform();
      const bool own_account = quiet && rd.on(app, s.start);
      const int64_t created = own_account ? rd.account_created_day[static_cast<size_t>(app)]
                              : age < 0.4 ? s.start - r.range(60, 2000)
                              : age < 0.7 ? s.start - r.range(3, 20)
                                          : s.start;
      const uint64_t device = quiet || r.chance(0.5) ? rider_phone_key(rd, s.start) : ride_key(RideKeyTag::Attacker, (rd.customer << 3) | (s.number & 7));
      const int64_t card_added = quiet ? std::max(s.start - r.range(20, 400), created) : s.start;
      const int64_t lag = r.range(ride_fraud_type(s.type).min_report_days, ride_fraud_type(s.type).max_report_days);
      const RideFraud f = label(s, rd, s.start + lag, quiet);
      for (int64_t d = s.start; d <= last_day; ++d) {
        const int rides = static_cast<int>(r.range(1, 4));
        int64_t t = local_ms(d, (quiet ? r.range(8, 15) : r.range(15, 21)) * 3'600'000LL + static_cast<int64_t>(r.below(3'600'000)));
        for (int k = 0; k < rides; ++k) {
          t += quiet ? r.range(30, 150) * 60'000LL : r.range(5, 60) * 60'000LL;
          const RideLevel level = !quiet && r.chance(0.25) ? (r.chance(0.3) ? RideLevel::Black : RideLevel::Comfort) : RideLevel::Economy;
          const GeoPoint pickup = quiet ? in.geo.near(rd.home, 0.3, r) : somewhere(in.geo, city, r);
          int8_t airport = -1;
          GeoPoint dropoff = somewhere(in.geo, city, r);
          if (!quiet && r.chance(0.1)) airport = static_cast<int8_t>(r.below(in.geo.airports())), dropoff = in.geo.airport(static_cast<size_t>(airport));
          const int64_t dispute_lag = lag + r.range(0, 6);
          // A new account's first rides get the app's sign-up promotion, whoever opened it.
          const bool promoted = r.chance(0.7);
          const double promo_share = r.uniform(0.3, 0.5);
          const int64_t promo_cap = r.range(800, 2000);
          // Each day's rides are its own (nothing to play out for the others); the night ends at midnight.
          if (d != day || local_day_of(t) != d) continue;
          if (!scenario_ride(ctx, in, rd, t, app, level, pickup, dropoff, airport, RidePayment::CreditCard, m)) continue;
          t = finish_ms(m.trip);
          RiderSide& side = m.rider;
          side.account = own_account ? 0 : number;
          side.account_key = rider_account_key(rd.customer, static_cast<uint8_t>(app), side.account);
          side.account_created_day = created;
          side.device_key = device;
          side.card_age_days = static_cast<int32_t>(day - card_added);
          side.own_payment = false;
          if (m.trip.status == RideStatus::Completed && promoted && day - created < kNewAccountDays)
            side.promo_cents = promotion_cents(m.trip.fare_cents, promo_share, promo_cap);
          if (m.trip.fare_cents > 0) side.dispute_day = day + dispute_lag;
          add(day, m, f);
        }
      }
      break;
    }
    default: break;
  }
}

// Marks the rider's own rides of the day that a scenario uses (refund claims, split fares).
void mark_own_rides(const SimContext& ctx, const Rider& rd, const Scenario& s, int64_t days, std::vector<MetroRide>& out, size_t first, size_t end) {
  const int64_t last_day = s.start + days - 1;  // found some time after the last claim
  Rng fixed(ctx.config().seed, EntityKind::RideFraud, rd.customer, pair_key(kScenarioRides + 2, pair_key(static_cast<uint64_t>(s.key), s.number)));
  const int64_t lag = fixed.range(ride_fraud_type(s.type).min_report_days, ride_fraud_type(s.type).max_report_days);
  // Done quietly: claims of the kinds and refunds honest riders get; split fares with one
  // recruited real rider at a time.
  const bool quiet = quiet_scenario(ctx, rd, s);
  const RideFraud f = label(s, rd, last_day + lag, quiet);
  const uint64_t ring = fixed.below(kRings);
  const double claims = fixed.uniform(0.3, 0.45);  // REFUND_ABUSE: the share of rides claimed
  for (size_t i = first; i < end; ++i) {
    MetroRide& m = out[i];
    if (m.fraud.any() || m.rider.account != 0) continue;
    Rng r(ctx.config().seed, EntityKind::RideFraud, rd.customer, pair_key(kScenarioRides + 3, static_cast<uint64_t>(m.trip.request_ms)));
    RiderSide& side = m.rider;
    if (s.type == T::RefundAbuse) {
      if (!r.chance(claims)) continue;
      // A quarter of the claims are refused.
      const double refunded = r.chance(quiet ? 0.5 : 0.25) ? 0.0 : r.uniform(quiet ? 0.2 : 0.3, 1.0);
      if (m.trip.status == RideStatus::Completed) {
        side.ticket = static_cast<int8_t>(quiet ? r.weighted({0.6, 0.3, 0.1}) : r.weighted({0.6, 0.15, 0.25}));
        side.refund_cents = static_cast<int64_t>(std::llround(static_cast<double>(charged_cents(m)) * refunded));
      } else if (m.trip.cancel_fee_cents > 0) {
        side.ticket = 3, side.refund_cents = static_cast<int64_t>(std::llround(static_cast<double>(m.trip.cancel_fee_cents) * refunded));
      } else {
        continue;
      }
    } else {  // SplitFareFraud: UBER fares paid with the rider's own card or Pix
      const RidePayment p = m.request.payment;
      if (m.request.app != RideApp::Uber || m.trip.status != RideStatus::Completed || p == RidePayment::Cash || p == RidePayment::Voucher) continue;
      // The shares go to accounts of a ring of fake riders, or to real riders' accounts the
      // fraudster recruited (customers who know them, as friends are).
      side.splits = static_cast<uint8_t>(quiet ? 1 : r.range(1, 3));
      for (uint8_t k = 0; k < side.splits; ++k) {
        const uint64_t step = 1 + r.below(kFriendReach);
        side.split_accounts[k] = !quiet && r.chance(0.5) ? ride_key(RideKeyTag::FakeRider, (ring << 4) | r.below(kAccountsPerRing))
                                               : rider_account_key(rd.customer + step, 0, 0);
      }
      side.dispute_day = local_day_of(m.trip.end_ms) + r.range(20, 90);
    }
    m.fraud = f;
  }
}

}  // namespace

void rider_fraud_day(const SimContext& ctx, const RiderDayInputs& in, const Rider& rd, int64_t day, std::vector<MetroRide>& out, size_t first) {
  if (ctx.config().fraud_rate <= 0) return;
  thread_local std::vector<Scenario> scenarios;
  scenarios.clear();
  const double rider_rides = rides_per_day(in.rides, rd);
  const int64_t epoch = floor_div(day, kEpochDays);
  epoch_scenarios(ctx, in.fraud, rd, rider_rides, epoch - 1, scenarios);
  epoch_scenarios(ctx, in.fraud, rd, rider_rides, epoch, scenarios);
  lined_scenarios(in.fraud, rd, day - kLongestLined + 1, scenarios);
  const size_t own_end = out.size();
  for (const Scenario& s : scenarios) {
    const int64_t days = scenario_days(ctx, rd, s);
    if (day < s.start || day >= s.start + days) continue;
    if (s.type == T::RefundAbuse || s.type == T::SplitFareFraud) mark_own_rides(ctx, rd, s, days, out, first, own_end);
    else append_scenario_rides(ctx, in, rd, s, day, days, out);
  }
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                   [](const MetroRide& a, const MetroRide& b) { return a.trip.request_ms < b.trip.request_ms; });
}

}  // namespace fraudgen
