#include "fraudgen/rides/driver_fraud.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/rides/account_handover.h"
#include "fraudgen/rides/driver_breaks.h"
#include "fraudgen/rides/ride_trace.h"
#include "fraudgen/rides/rider_account.h"
#include "fraudgen/rides/rider_fraud.h"
#include "fraudgen/rides/second_account.h"

namespace fraudgen {
namespace {

using T = RideFraudType;
constexpr uint64_t kPhase = 0xD9A5E, kScenario = 0xD5CE, kScenarioDay = 0xD5DA, kPick = 0xD91C, kQuiet = 0xD017, kAccountDay = 0xDAC0,
                   kAccountReport = 0xDAC1, kPartnerDay = 0xDAC2;
constexpr int64_t kMaxStagedDays = 21;  // the longest GHOST_RIDE or RATING_FRAUD scheme
constexpr uint8_t kScenariosPerTypeDay = 16;  // a city's starts of a type on a day (numbers them)
// Accepted surged pickups per request (0.24 on the rides gate's realistic dataset) times the
// share of them a ring can work (its takers were free before the peak), set so that the type's
// rides meet its share (4.7% of ride fraud there, against 5%).
constexpr double kSurgedRidesPerRequest = 0.23 * 0.6;

double type_share(const SimConfig& cfg, T type) { return ride_fraud_share(cfg.calibration.ride_type_weight, type); }

// Scenarios of `type` starting in the city on `day`: the expected number (the city's requests x
// fraud per legitimate ride x the type's share / rides per scenario) spread evenly over the
// capitals and days, so the count over a range is exact to one scenario.
uint8_t starts_on(const SimContext& ctx, const DriverFraudInputs& in, T type, int64_t day) {
  const SimConfig& cfg = ctx.config();
  if (cfg.fraud_rate <= 0) return 0;
  // The areas' days laid end to end (day by day, area by area) on one line with a
  // phase per type: a start falls every 1 / (starts per rider-day) riders along it.
  const double per_rider = kRequestsPerRiderDay * cfg.fraud_rate / (1.0 - cfg.fraud_rate) * type_share(cfg, type) / ride_fraud_type(type).mean_rides;
  const double phase = Rng(cfg.seed, EntityKind::RideFraud, static_cast<uint64_t>(type), kPhase).uniform();
  const double at = static_cast<double>(day) * static_cast<double>(in.riders_everywhere) + static_cast<double>(in.riders_before);
  const double n = std::floor(phase + per_rider * (at + static_cast<double>(in.riders.size(in.area)))) - std::floor(phase + per_rider * at);
  return static_cast<uint8_t>(std::clamp(n, 0.0, static_cast<double>(kScenariosPerTypeDay - 1)));
}

Rng scenario_rng(const SimContext& ctx, const DriverFraudInputs& in, T type, int64_t start, uint8_t k, uint64_t purpose) {
  return Rng(ctx.config().seed, EntityKind::RideFraud, pair_key(in.area, static_cast<uint64_t>(start)), pair_key(purpose, pair_key(static_cast<uint64_t>(type), k)));
}

RideFraud driver_label(T type, uint64_t driver, int64_t start, uint8_t k, int64_t reported_day, bool quiet) {
  RideFraud f;
  f.type = static_cast<int8_t>(type);
  f.role = ride_fraud_type(type).role;
  f.driver_actor = true;
  f.actor = driver;
  f.start_day = start;
  f.number = static_cast<uint8_t>(static_cast<uint8_t>(type) * kScenariosPerTypeDay + k);  // unique per driver and day across types
  f.reported_day = reported_day;
  f.quiet = quiet;
  return f;
}

// Whether a scenario is done quietly (ride_quiet_fraud.share): inside the legitimate ranges of the
// type's signals. Drawn on its own key, so the scenario's other draws do not move.
bool quiet_scheme(const SimContext& ctx, const DriverFraudInputs& in, T type, int64_t start, uint8_t k) {
  return scenario_rng(ctx, in, type, start, k, kQuiet).chance(ctx.config().calibration.ride_quiet_fraud_share);
}

int64_t report_delay(T type, Rng& r) { return r.range(ride_fraud_type(type).min_report_days, ride_fraud_type(type).max_report_days); }

int64_t local_ms(int64_t day, double hour) { return day_start_ms(day) + static_cast<int64_t>(hour * 3'600'000.0); }

// ---- Staged rides (GHOST_RIDE, RATING_FRAUD) ----

// The apps a staged scheme uses: UBER or 99 (inDrive's haggling gets in the way of a quick fake trip).
bool stages_on(const DriverPerson& d) { return !d.moto && (d.on(RideApp::Uber) || d.on(RideApp::NinetyNine)); }

// A rider account of a driver's scheme: fresh, never used by the customer's own rides.
uint64_t staged_account(T type, uint64_t driver, int64_t start, uint64_t slot) {
  const uint64_t rating = type == T::RatingFraud;
  return ride_key(RideKeyTag::Staged, (driver << 13) | (rating << 12) | ((static_cast<uint64_t>(start) & 0xFF) << 4) | (slot & 15));
}
// The driver's second phone.
uint64_t second_phone(uint64_t driver) { return ride_key(RideKeyTag::Staged, (driver << 13) | 0x1FFF); }
// A phone of its own for each account of a quiet ghost scheme (slots 8-15 of a GHOST_RIDE
// start, which accounts never use: at most eight accounts).
uint64_t own_staged_phone(uint64_t driver, int64_t start, uint64_t slot) { return staged_account(T::GhostRide, driver, start, 8 + (slot & 7)); }

struct Staged {
  const Rider* rider;      // the customer the account belongs to
  RideApp app;
  int64_t request_ms;
  GeoPoint pickup, dropoff;
  RidePayment payment;
  double pickup_km;        // the driver's distance at accept
  int64_t accept_after_ms;
};

// A staged request priced as any other (ride_trip), then played out as the scheme needs: taken
// by the driver, completed at about the quoted route (so at the upfront price).
bool staged_ride(const SimContext& ctx, const DriverFraudInputs& in, const Staged& s, Rng& r, MetroRide& out) {
  RideRequest q{};
  q.customer = s.rider->customer;
  q.time_ms = s.request_ms;
  q.app = s.app;
  q.category = category_of(in.rides, s.app, RideLevel::Economy, in.served);
  if (q.category == kNoCategory) return false;
  q.pickup = s.pickup;
  q.dropoff = s.dropoff;
  q.pickup_zone = zone_of(in.geo, s.pickup);
  q.payment = s.payment;
  const int64_t day = local_day_of(s.request_ms);
  const ZoneConditions z = zone_conditions(ctx.ref(), in.rides, ctx.config().seed, in.city, q.pickup_zone, day, bucket_of(s.request_ms), in.weather);
  out = MetroRide{};
  out.request = q;
  RideTrip& t = out.trip = ride_trip(ctx, in.rides, *s.rider, q, z);
  t.status = RideStatus::Completed;
  t.pickup_km = s.pickup_km;
  t.accept_ms = t.request_ms + s.accept_after_ms;
  t.arrive_ms = t.accept_ms + static_cast<int64_t>(s.pickup_km / 25.0 * 3'600'000.0) + r.range(20, 60) * kMillisPerSecond;
  t.start_ms = t.arrive_ms + r.range(10, 60) * kMillisPerSecond;
  t.actual_distance_m = std::llround(static_cast<double>(t.quoted_distance_m) * r.uniform(0.97, 1.05));
  t.actual_duration_s = std::llround(static_cast<double>(t.quoted_duration_s) * r.uniform(0.9, 1.15));
  t.end_ms = t.start_ms + t.actual_duration_s * 1000;
  t.cancel_ms = kNoTime;
  t.cancel_fee_cents = 0;
  t.metered = false;
  t.charged = t.upfront;
  t.fare_cents = t.charged.total_cents();
  t.municipal_fee_cents = t.charged.municipal_fee_cents;
  // The app's usual cut (ride_trip.h); no tips on these.
  const double cut = s.app == RideApp::Uber ? r.uniform(0.18, 0.30) : t.zero_fee_day ? 0.0 : r.uniform(0.15, 0.199);
  t.platform_fee_cents = std::llround(static_cast<double>(t.fare_cents - t.municipal_fee_cents) * cut);
  t.driver_earnings_cents = t.fare_cents - t.municipal_fee_cents - t.platform_fee_cents;
  t.tip_cents = 0;
  t.tip_ms = kNoTime;
  return true;
}

const DriverPerson* pick_stager(const DriverFraudInputs& in, Rng& r) {
  if (in.drivers.empty()) return nullptr;
  for (int tries = 0; tries < 16; ++tries) {
    const DriverPerson* d = in.drivers[r.below(in.drivers.size())];
    if (stages_on(*d)) return d;
  }
  return nullptr;
}

RideApp staged_app(const DriverPerson& d, Rng& r) {
  if (d.on(RideApp::Uber) && d.on(RideApp::NinetyNine)) return r.chance(0.6) ? RideApp::Uber : RideApp::NinetyNine;
  return d.on(RideApp::Uber) ? RideApp::Uber : RideApp::NinetyNine;
}

void stage_scheme_day(const SimContext& ctx, const DriverFraudInputs& in, T type, int64_t start, uint8_t k, int64_t day, std::vector<MetroRide>& out) {
  Rng fixed = scenario_rng(ctx, in, type, start, k, kScenario);
  const DriverPerson* d = pick_stager(in, fixed);
  if (!d || d->working_since > start || in.riders.size(in.area) == 0) return;
  const bool ghost = type == T::GhostRide;
  // Done quietly, the scheme's accounts each ask from a phone of their own (recruits from theirs),
  // opened days before, at ordinary hours, and the driver comes from wherever they are.
  const bool quiet = quiet_scheme(ctx, in, type, start, k);
  const int64_t days = ghost ? fixed.range(5, 12) : fixed.range(7, 21);
  if (day >= start + days) return;
  const int accounts = static_cast<int>(ghost ? fixed.range(3, 6) : fixed.range(3, 8));
  const RideApp app = staged_app(*d, fixed);
  const RideFraud f = driver_label(type, d->index, start, k, start + days - 1 + report_delay(type, fixed), quiet);
  const Rider accomplice = in.riders.at(in.area, fixed.below(in.riders.size(in.area))).rider();
  std::array<Rider, 8> recruits{};
  std::array<bool, 8> on_second_phone{};
  // Quiet ghost rides are taken on the accounts of real riders the accomplice brings in (friends,
  // relatives), to reach the app's trip-count incentives rather than promotions.
  for (size_t a = 0; a < recruits.size(); ++a) {
    recruits[a] = ghost && !quiet ? accomplice : in.riders.at(in.area, fixed.below(in.riders.size(in.area))).rider();
    on_second_phone[a] = !quiet && (ghost || fixed.chance(0.4));
  }
  // Quiet ghost accounts were opened (or bought) months before.
  const int64_t opened_before = quiet ? (ghost ? fixed.range(40, 200) : fixed.range(4, 14)) : 0;
  const GeoPoint home = driver_start(ctx, in.geo, d->index);

  Rng r = scenario_rng(ctx, in, type, start, k, pair_key(kScenarioDay, static_cast<uint64_t>(day)));
  // Ghost rides come before the day's work, from where the car is; rating rides off-peak near home.
  const int rides = static_cast<int>(ghost ? r.range(1, 3) : r.range(1, 2));
  int64_t t = quiet ? local_ms(day, r.uniform(7.0, 21.0))
              : ghost ? local_ms(day, r.uniform(5.0, 7.5))
                      : local_ms(day, r.chance(0.75) ? r.uniform(10.0, 15.5) : r.uniform(20.0, 21.5));
  GeoPoint car = home;
  for (int i = 0; i < rides; ++i) {
    const size_t a = r.below(static_cast<uint64_t>(accounts));
    Staged s{&recruits[a], app, t, {}, {}, RidePayment::Cash, 0, 0};
    if (ghost) {
      s.pickup = in.geo.near(car, 0.12, r);
      s.dropoff = in.geo.near(s.pickup, r.uniform(1.0, 2.0), r);
      s.payment = r.chance(0.8) ? RidePayment::Cash : RidePayment::Voucher;
      s.pickup_km = r.uniform(0.1, 0.3);
      s.accept_after_ms = r.range(2, 9) * kMillisPerSecond;
    } else {
      s.pickup = in.geo.near(home, 1.2, r);
      s.dropoff = in.geo.near(s.pickup, r.uniform(0.8, 1.6), r);
      s.pickup_km = r.uniform(0.5, 2.5);
      s.accept_after_ms = r.range(5, 30) * kMillisPerSecond;
    }
    if (quiet) {
      // From around the recruit's home to where riders live, paid as riders pay: cash or Pix the
      // driver hands back.
      s.pickup = in.geo.near(recruits[a].home, 0.3, r);
      s.dropoff = in.geo.residential(r);
      s.pickup_km = r.uniform(0.6, 3.0);
      s.accept_after_ms = r.range(5, 40) * kMillisPerSecond;
      s.payment = static_cast<RidePayment>(r.weighted({0, 0, 0.5, 0.5, 0, 0}));
    }
    const double promo_share = r.uniform(0.3, 0.5);
    const int64_t promo_cap = r.range(800, 2000);
    MetroRide m;
    if (!staged_ride(ctx, in, s, r, m)) return;
    RiderSide& side = m.rider;
    side.account = 0;
    side.account_key = staged_account(type, d->index, start, a);
    side.account_created_day = start - opened_before - (ghost ? static_cast<int64_t>(a % 3) : 0);
    // Quiet recruits ride on their own accounts, when they have one on the app.
    if (quiet && recruits[a].on(app, day)) {
      side.account_key = rider_account_key(recruits[a].customer, static_cast<uint8_t>(app), 0);
      side.account_created_day = recruits[a].account_created_day[static_cast<size_t>(app)];
    }
    const bool own_account = quiet && recruits[a].on(app, day);
    side.device_key = on_second_phone[a]         ? second_phone(d->index)
                      : quiet && ghost && !own_account ? own_staged_phone(d->index, start, a)
                                                       : rider_phone_key(recruits[a], day);
    side.own_payment = false;
    if (ghost && s.payment == RidePayment::Cash && day - side.account_created_day < kNewAccountDays) side.promo_cents = promotion_cents(m.trip.fare_cents, promo_share, promo_cap);
    m.fraud = f;
    m.wanted_driver = static_cast<int64_t>(d->index);
    out.push_back(m);
    car = m.request.dropoff;
    t = m.trip.end_ms + r.range(60, 240) * kMillisPerSecond;
  }
}

// ---- After matching (GPS_SPOOFING, DESTINATION_DISPARITY, SURGE_ABUSE) ----

bool plain(const MetroRide& m) { return !m.fraud.any() && m.wanted_driver < 0; }

// The day's completed plain rides of each population driver, in request order.
std::map<uint64_t, std::vector<size_t>> completed_by_driver(const DriverFraudInputs& in, const std::vector<MetroRide>& rides) {
  std::set<uint64_t> people;
  for (const DriverPerson* d : in.drivers) people.insert(d->index);
  std::map<uint64_t, std::vector<size_t>> out;
  for (size_t i = 0; i < rides.size(); ++i) {
    const MetroRide& m = rides[i];
    if (m.driver >= 0 && m.trip.status == RideStatus::Completed && plain(m) && people.count(static_cast<uint64_t>(m.driver))) out[static_cast<uint64_t>(m.driver)].push_back(i);
  }
  return out;
}

// Drivers for the day's scenarios of a type, in an order drawn for the area-day and type, who
// have at least `min_rides` of their own that day and no other scheme yet.
std::vector<uint64_t> candidates(const SimContext& ctx, const std::map<uint64_t, std::vector<size_t>>& by_driver, T type, int64_t day, size_t min_rides) {
  std::vector<std::pair<uint64_t, uint64_t>> order;
  for (const auto& [driver, rides] : by_driver)
    if (rides.size() >= min_rides) order.emplace_back(Rng(ctx.config().seed, EntityKind::Driver, driver, pair_key(kPick + static_cast<uint64_t>(type), static_cast<uint64_t>(day))).next(), driver);
  std::sort(order.begin(), order.end());
  std::vector<uint64_t> out;
  for (const auto& o : order) out.push_back(o.second);
  return out;
}

void spoof_routes(const SimContext& ctx, const DriverFraudInputs& in, int64_t day, std::vector<MetroRide>& rides, const std::vector<size_t>& mine, uint8_t k,
                  uint64_t driver) {
  Rng r = scenario_rng(ctx, in, T::GpsSpoofing, day, k, kScenario);
  // Done quietly, the app inflates the trace a little, as a phone saving battery would, and few
  // riders notice.
  const bool quiet = quiet_scheme(ctx, in, T::GpsSpoofing, day, k);
  const RideFraud f = driver_label(T::GpsSpoofing, driver, day, k, day + report_delay(T::GpsSpoofing, r), quiet);
  // Most of the day is honest; the fake-GPS app runs for a stretch of consecutive rides.
  const size_t n = std::min<size_t>(mine.size(), static_cast<size_t>(r.range(3, 8)));
  const size_t from = r.below(mine.size() - n + 1);
  for (size_t j = from; j < from + n; ++j) {
    MetroRide& m = rides[mine[j]];
    set_path_ratio(in.rides, in.city, m, quiet ? m.trace.path_ratio * r.uniform(1.2, 1.7) : r.uniform(1.4, 3.5));
    m.trace.max_jump_m = static_cast<int32_t>(quiet ? std::max<int64_t>(m.trace.max_jump_m, r.range(150, 600)) : r.range(800, 5000));
    if (m.rider.ticket < 0 && r.chance(quiet ? 0.05 : 0.35)) m.rider.ticket = 0;  // FARE_REVIEW: the rider paid the upfront price, the app paid the driver more
    m.fraud = f;
  }
}

void misplace_ends(const SimContext& ctx, const DriverFraudInputs& in, int64_t day, std::vector<MetroRide>& rides, const std::vector<size_t>& mine, uint8_t k,
                   uint64_t driver) {
  Rng r = scenario_rng(ctx, in, T::DestinationDisparity, day, k, kScenario);
  // Done quietly, the trip ends 0.5-3 km off, as when a rider gets out early or a driver forgets
  // to end it, and the riders let it go.
  const bool quiet = quiet_scheme(ctx, in, T::DestinationDisparity, day, k);
  const RideFraud f = driver_label(T::DestinationDisparity, driver, day, k, day + report_delay(T::DestinationDisparity, r), quiet);
  const size_t n = std::min<size_t>(mine.size(), static_cast<size_t>(r.range(1, 3)));
  const size_t from = r.below(mine.size() - n + 1);
  for (size_t j = from; j < from + n; ++j) {
    MetroRide& m = rides[mine[j]];
    const double quoted = static_cast<double>(std::max<int64_t>(m.trip.quoted_distance_m, 1));
    const int64_t off = quiet ? r.range(500, 3000) : r.range(1500, 8000);
    if (r.chance(0.35) && m.trip.actual_distance_m * 8 / 10 >= off) {
      // Ended early in the app, the rest paid off the app: the trace stops short.
      set_path_ratio(in.rides, in.city, m, m.trace.path_ratio - static_cast<double>(off) / quoted);
    } else {
      // Not ended at the drop-off: the trip runs on while the driver goes elsewhere.
      set_path_ratio(in.rides, in.city, m, m.trace.path_ratio + static_cast<double>(off) * r.uniform(1.1, 1.4) / quoted);
    }
    m.trace.end_to_dropoff_m = static_cast<int32_t>(off);
    if (m.rider.ticket < 0 && r.chance(quiet ? 0.05 : 0.4)) m.rider.ticket = 0;  // FARE_REVIEW
    if (!quiet && m.rating_by_rider > 0 && r.chance(0.5)) m.rating_by_rider = static_cast<int8_t>(r.range(1, 3));
    m.fraud = f;
  }
}

// Surged airport pickups in a bank of arrivals: the accepted plain rides of one airport zone
// within 30 minutes of each other, by population drivers.
struct ArrivalBank {
  std::vector<size_t> rides;
  int64_t first_request;
};

std::vector<ArrivalBank> surged_banks(const DriverFraudInputs& in, const std::vector<MetroRide>& rides) {
  std::set<uint64_t> people;
  for (const DriverPerson* d : in.drivers) people.insert(d->index);
  std::map<std::pair<int, int>, std::vector<size_t>> by_zone;
  for (size_t i = 0; i < rides.size(); ++i) {
    const MetroRide& m = rides[i];
    if (m.trip.surge_tenths > 10 && m.trip.accept_ms != kNoTime && m.driver >= 0 && plain(m) && people.count(static_cast<uint64_t>(m.driver)))
      by_zone[{m.request.pickup_zone.ring, m.request.pickup_zone.sector}].push_back(i);
  }
  std::vector<ArrivalBank> out;
  for (auto& [zone, list] : by_zone) {
    for (size_t i : list) {
      if (out.empty() || rides[out.back().rides.back()].request.pickup_zone.ring != zone.first ||
          rides[out.back().rides.back()].request.pickup_zone.sector != zone.second ||
          rides[i].trip.request_ms - out.back().first_request > 30 * kMillisPerMinute)
        out.push_back({{}, rides[i].trip.request_ms});
      out.back().rides.push_back(i);
    }
  }
  return out;
}

// The session of `driver` in sessions[first, end) that holds `t`, or none.
DriverSession* session_holding(std::vector<DriverSession>& sessions, size_t first, uint64_t driver, int64_t t) {
  for (size_t i = first; i < sessions.size(); ++i)
    if (sessions[i].driver == driver && sessions[i].holds(t)) return &sessions[i];
  return nullptr;
}

// The city's drivers online and free over [from, to) and in no scheme yet, in an order drawn for the day.
std::vector<uint64_t> candidates_online(const SimContext& ctx, const DriverFraudInputs& in, const std::vector<DriverSession>& sessions, size_t first,
                                        const BusySpans& busy, const std::set<uint64_t>& used, int64_t from, int64_t to) {
  // Who is online at `from`, in one pass over the sessions (a large capital has thousands of both).
  std::vector<uint64_t> online;
  for (size_t i = first; i < sessions.size(); ++i)
    if (sessions[i].holds(from)) online.push_back(sessions[i].driver);
  std::sort(online.begin(), online.end());
  std::vector<std::pair<uint64_t, uint64_t>> order;
  for (const DriverPerson* d : in.drivers) {
    if (used.count(d->index) || !std::binary_search(online.begin(), online.end(), d->index) || !idle_between(busy, d->index, from, to)) continue;
    order.emplace_back(Rng(ctx.config().seed, EntityKind::Driver, d->index, pair_key(kPick + 0x100, static_cast<uint64_t>(from))).next(), d->index);
  }
  std::sort(order.begin(), order.end());
  std::vector<uint64_t> out;
  for (const auto& o : order) out.push_back(o.second);
  return out;
}

// The driver was online until `from` and back by `to`: a session of the day is split around the
// gap; one who came online just for the ride (at or after `from`) had been online, waiting,
// for 20-60 minutes before it. False when the driver was on a ride or online elsewhere then.
bool went_offline(std::vector<DriverSession>& sessions, size_t first, const BusySpans& busy, uint64_t driver, int64_t from, int64_t to, Rng& r) {
  if (take_offline(sessions, first, busy, driver, from, to)) return true;
  const DriverSession* back = session_holding(sessions, first, driver, to);
  if (!back || back->online_ms < from || back->online_ms > to) return false;
  const int64_t waited = from - r.range(20, 60) * kMillisPerMinute;
  for (size_t i = first; i < sessions.size(); ++i)
    if (sessions[i].driver == driver && sessions[i].online_ms < from && waited < sessions[i].offline_ms) return false;
  if (waited < day_start_ms(local_day_of(from)) || !idle_between(busy, driver, waited, from)) return false;
  sessions.push_back({driver, waited, from});
  return true;
}

// A ring goes offline together 3-7 minutes before a bank of arrivals and comes back to take its
// surged rides: the bank's drivers who could, and one to three other drivers then online and
// free who wait with them; false when none of the bank's drivers could.
bool withhold_supply(const SimContext& ctx, const DriverFraudInputs& in, int64_t day, std::vector<MetroRide>& rides, const ArrivalBank& bank, uint8_t k,
                     std::vector<DriverSession>& sessions, size_t first_session, BusySpans& busy, std::set<uint64_t>& used) {
  Rng r = scenario_rng(ctx, in, T::SurgeAbuse, day, k, kScenario);
  // Done quietly, each goes off at a time of their own, as for a break, comes back minutes
  // before accepting, and nobody waits with them.
  const bool quiet = quiet_scheme(ctx, in, T::SurgeAbuse, day, k);
  const int64_t off_together = bank.first_request - r.range(3, 7) * kMillisPerMinute;
  std::vector<std::pair<uint64_t, size_t>> takers;  // driver, first ride in the bank
  for (size_t i : bank.rides) {
    const uint64_t d = static_cast<uint64_t>(rides[i].driver);
    if (used.count(d) || std::any_of(takers.begin(), takers.end(), [&](const auto& x) { return x.first == d; })) continue;
    const int64_t from = quiet ? bank.first_request - r.range(5 * 60, 16 * 60) * kMillisPerSecond : off_together + r.range(0, 90) * kMillisPerSecond;
    const int64_t to = rides[i].trip.accept_ms - (quiet ? r.range(60, 300) : r.range(15, 75)) * kMillisPerSecond;
    if (to - from < kMillisPerMinute || to - from > 30 * kMillisPerMinute || !went_offline(sessions, first_session, busy, d, from, to, r)) continue;
    takers.emplace_back(d, i);
    used.insert(d);
    if (takers.size() == 4) break;
  }
  if (takers.empty()) return false;
  // Those waiting with them go off and come back with the first taker.
  const int64_t back = rides[takers.front().second].trip.accept_ms - r.range(30, 90) * kMillisPerSecond;
  const int companions = quiet ? 0 : static_cast<int>(r.range(1, 3));
  int joined = 0;
  for (uint64_t d : candidates_online(ctx, in, sessions, first_session, busy, used, off_together, back)) {
    if (joined == companions) break;
    if (take_offline(sessions, first_session, busy, d, off_together + r.range(0, 90) * kMillisPerSecond, back + r.range(0, 60) * kMillisPerSecond)) ++joined, used.insert(d);
  }
  const RideFraud f = driver_label(T::SurgeAbuse, takers.front().first, day, k, day + report_delay(T::SurgeAbuse, r), quiet);
  for (const auto& [d, first] : takers)
    for (size_t i : bank.rides)
      if (static_cast<uint64_t>(rides[i].driver) == d && rides[i].trip.accept_ms >= rides[first].trip.accept_ms) rides[i].fraud = f;
  return true;
}

// ---- Second accounts (MULTI_ACCOUNT_DRIVER and relatives sharing a car) ----

// An operator for a scheme: a driver of the city who works most weeks.
const DriverPerson* pick_operator(const DriverFraudInputs& in, Rng& r) {
  if (in.drivers.empty()) return nullptr;
  for (int tries = 0; tries < 16; ++tries) {
    const DriverPerson* d = in.drivers[r.below(in.drivers.size())];
    if (d->activity != DriverActivity::Occasional) return d;
  }
  return nullptr;
}

// The day's hand-overs: the MULTI_ACCOUNT_DRIVER schemes under way (their operators then join
// `used`), then the relatives who drive a shared car on half the days its owner works.
void drive_second_accounts(const SimContext& ctx, const DriverFraudInputs& in, int64_t day, std::vector<MetroRide>& rides,
                           std::vector<DriverSession>& sessions, size_t first_session, const BusySpans& busy, std::set<uint64_t>& used) {
  const SimConfig& cfg = ctx.config();
  std::set<uint64_t> working, staging;  // drivers online today; drivers of staged rides (their rides stay theirs)
  for (size_t i = first_session; i < sessions.size(); ++i) working.insert(sessions[i].driver);
  for (const MetroRide& m : rides)
    if (m.wanted_driver >= 0) staging.insert(static_cast<uint64_t>(m.wanted_driver));
  auto free_today = [&](uint64_t d) { return working.count(d) && !staging.count(d) && !used.count(d); };
  if (cfg.fraud_rate > 0) {
    for (int64_t start = day - kMaxAccountSchemeDays + 1; start <= day; ++start)
      for (uint8_t k = 0, n = starts_on(ctx, in, T::MultiAccountDriver, start); k < n; ++k) {
        Rng pick = scenario_rng(ctx, in, T::MultiAccountDriver, start, k, kScenario);
        const DriverPerson* op = pick_operator(in, pick);
        if (!op) continue;
        const uint64_t index = scheme_account_index(in.population, op->index, start, k);
        const SecondAccount terms = second_account_terms(ctx, in.population, index, *op);
        if (day >= start + terms.days || !free_today(op->index)) continue;
        used.insert(op->index);
        const DriverPerson second = make_second_account(ctx, in.rides, in.population, index, *op);
        Rng fixed(cfg.seed, EntityKind::Driver, index, kAccountReport);
        const RideFraud f =
            driver_label(T::MultiAccountDriver, op->index, start, k, start + terms.days - 1 + report_delay(T::MultiAccountDriver, fixed), terms.quiet);
        // Loud, the operator logs out of one account and into the other within minutes, from
        // midday on; quiet, an hour or so apart, as a relative taking the car over would.
        Rng r(cfg.seed, EntityKind::Driver, index, pair_key(kAccountDay, static_cast<uint64_t>(day)));
        const int64_t from = terms.banned ? day_start_ms(day) : local_ms(day, r.uniform(11.0, 17.0));
        const int64_t gap = (terms.quiet ? r.range(20, 90) : r.range(1, 3)) * kMillisPerMinute;
        hand_over({op, &second, terms.app, from, gap, f}, busy, rides, sessions, first_session);
      }
  }
  for (const DriverPerson* d : in.drivers) {
    if (!d->shares_car || !free_today(d->index)) continue;
    const uint64_t index = partner_account_index(in.population, d->index);
    Rng r(cfg.seed, EntityKind::Driver, index, pair_key(kPartnerDay, static_cast<uint64_t>(day)));
    if (!r.chance(0.5)) continue;
    used.insert(d->index);
    const DriverPerson partner = make_second_account(ctx, in.rides, in.population, index, *d);
    const int64_t from = r.chance(0.2) ? day_start_ms(day) : local_ms(day, r.uniform(11.0, 19.0));
    const int64_t gap = (r.chance(0.3) ? r.range(1, 5) : r.range(10, 60)) * kMillisPerMinute;
    hand_over({d, &partner, second_account_terms(ctx, in.population, index, *d).app, from, gap, RideFraud{}}, busy, rides, sessions, first_session);
  }
}

}  // namespace

void stage_driver_scenario_rides(const SimContext& ctx, const DriverFraudInputs& in, int64_t day, std::vector<MetroRide>& out) {
  if (ctx.config().fraud_rate <= 0) return;
  for (T type : {T::GhostRide, T::RatingFraud})
    for (int64_t start = day - kMaxStagedDays + 1; start <= day; ++start)
      for (uint8_t k = 0, n = starts_on(ctx, in, type, start); k < n; ++k) stage_scheme_day(ctx, in, type, start, k, day, out);
}

void driver_fraud_after_matching(const SimContext& ctx, const DriverFraudInputs& in, int64_t day, std::vector<MetroRide>& rides,
                                 std::vector<DriverSession>& sessions, size_t first_session) {
  BusySpans busy = busy_spans(rides);
  take_breaks(ctx, busy, sessions, first_session);
  wait_for_surges(ctx, rides, busy, sessions, first_session);
  for (MetroRide& m : rides)
    if (m.wanted_driver >= 0 && m.trip.status == RideStatus::Completed) m.rating_by_rider = m.rating_by_driver = 5;  // the scheme's five stars
  std::set<uint64_t> used;  // drivers in a scheme (or lending their car) today
  drive_second_accounts(ctx, in, day, rides, sessions, first_session, busy, used);
  if (ctx.config().fraud_rate > 0) {
    const auto by_driver = completed_by_driver(in, rides);
    auto run = [&](T type, size_t min_rides, auto act) {
      uint8_t k = 0;
      const uint8_t n = starts_on(ctx, in, type, day);
      for (uint64_t driver : candidates(ctx, by_driver, type, day, min_rides)) {
        if (k == n) break;
        if (!used.insert(driver).second) continue;
        act(by_driver.at(driver), k++, driver);
      }
    };
    run(T::GpsSpoofing, 3, [&](const std::vector<size_t>& mine, uint8_t k, uint64_t d) { spoof_routes(ctx, in, day, rides, mine, k, d); });
    run(T::DestinationDisparity, 1, [&](const std::vector<size_t>& mine, uint8_t k, uint64_t d) { misplace_ends(ctx, in, day, rides, mine, k, d); });
    // A ring works a bank of arrivals at the rate that pays for the type's share: banks are
    // where the day's surged airport rides are, so each bank is drawn for on its own.
    const SimConfig& cfg = ctx.config();
    const double per_bank_ride = cfg.fraud_rate / (1.0 - cfg.fraud_rate) * type_share(cfg, T::SurgeAbuse) / kSurgedRidesPerRequest;
    uint8_t k = 0;
    for (const ArrivalBank& bank : surged_banks(in, rides)) {
      if (k == kScenariosPerTypeDay) break;
      Rng draw(cfg.seed, EntityKind::RideFraud, pair_key(in.area, static_cast<uint64_t>(bank.first_request)), kPick);
      if (draw.chance(std::min(1.0, per_bank_ride * static_cast<double>(bank.rides.size()) / ride_fraud_type(T::SurgeAbuse).mean_rides)) &&
          withhold_supply(ctx, in, day, rides, bank, k, sessions, first_session, busy, used))
        ++k;
    }
  }
  std::sort(sessions.begin() + static_cast<std::ptrdiff_t>(first_session), sessions.end(), [](const DriverSession& a, const DriverSession& b) {
    return a.online_ms != b.online_ms ? a.online_ms < b.online_ms : a.driver < b.driver;
  });
}

}  // namespace fraudgen
