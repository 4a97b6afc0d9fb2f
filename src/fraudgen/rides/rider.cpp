#include "fraudgen/rides/rider.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/sim/history.h"

namespace fraudgen {
namespace {

enum Purpose : uint64_t { kRiderIdentity = 1, kRequests = 2, kFamilyPhone = 3, kFamilyJoins = 4 };

// Which app a request goes to, among the rider's: Uber leads, 99 second, inDrive third.
constexpr std::array<double, 3> kAppWeights = {0.58, 0.30, 0.12};
// Which apps a rider has installed (independently; Uber when none came up).
constexpr std::array<double, 3> kAppInstalled = {0.80, 0.45, 0.15};

int64_t local_ms(int64_t day, int hour, int64_t ms_in_hour) { return day * kMillisPerDay + hour * 3'600'000LL + ms_in_hour; }

}  // namespace

uint32_t category_of(const RideReference& rides, RideApp app, RideLevel level, const std::vector<bool>& served) {
  // Levels to try, best first: the one asked for, then the car levels below it (a moto rider takes an economy car).
  std::vector<int> levels = {static_cast<int>(level)};
  for (int l = level == RideLevel::Moto ? static_cast<int>(RideLevel::Economy) : static_cast<int>(level) - 1; l >= 0; --l) levels.push_back(l);
  for (int l : levels)
    for (uint32_t k = 0; k < rides.categories.size(); ++k) {
      const RideCategory& c = rides.categories[k];
      if (c.app == kRideApps[static_cast<size_t>(app)] && static_cast<int>(c.level) == l && c.name.find("Taxi") == std::string::npos &&
          (served.empty() || served[k]))
        return k;
    }
  return kNoCategory;
}

namespace {

bool in_metro(const std::vector<CityGeography>& cities, const Customer& c) {
  const CityGeography& g = cities[c.state];
  const GeoPoint centre = g.centre();
  return haversine_km(c.home_lat, c.home_lon, centre.lat, centre.lon) <= g.metro_km();
}

// The customers before `c` up to the previous rider, plus `c` (at most kMaxTaken: a longer run
// of non-riders, about 1 in 10^30 with two thirds of customers riders, loses its starts).
uint32_t customers_taken(const SimContext& ctx, const std::vector<CityGeography>& cities, uint64_t c) {
  constexpr uint32_t kMaxTaken = 64;
  uint32_t n = 1;
  while (n < kMaxTaken && c >= n && !in_metro(cities, make_customer(ctx, c - n))) ++n;
  return n;
}

bool app_has_moto(const RideReference& rides, RideApp app) {
  return std::any_of(rides.categories.begin(), rides.categories.end(),
                     [&](const RideCategory& c) { return c.moto && c.app == kRideApps[static_cast<size_t>(app)]; });
}

}  // namespace

std::optional<Rider> make_rider(const SimContext& ctx, const RideReference& rides, const std::vector<CityGeography>& cities, const Customer& c) {
  const SimConfig& cfg = ctx.config();
  if (!in_metro(cities, c)) return std::nullopt;
  const CityGeography& g = cities[c.state];
  const GeoPoint centre = g.centre();
  Rng r(cfg.seed, EntityKind::Rider, c.index, kRiderIdentity);
  Rider rd{};
  rd.customer = c.index;
  rd.city = c.state;
  rd.customers_taken = customers_taken(ctx, cities, c.index);
  rd.profile = c.profile >= 0 ? rides.profile_of_customer_profile[static_cast<size_t>(c.profile)].sample(r) : rides.profile_sampler.sample(r);
  // Most people ride now and then, a few every day: 5 to 6 rides a month on average.
  rd.activity = r.lognormal_median(0.12, 1.0);
  for (int app = 0; app < 3; ++app)
    if (r.chance(kAppInstalled[static_cast<size_t>(app)])) rd.apps |= static_cast<uint8_t>(1u << app);
  if (rd.apps == 0) rd.apps = 1;
  for (int app = 0; app < 3; ++app)
    if (rd.on(static_cast<RideApp>(app)))
      rd.account_created_day[static_cast<size_t>(app)] = cfg.start_day - std::clamp<int64_t>(static_cast<int64_t>(r.lognormal_median(1100, 0.7)), 1, 4000);
  rd.home = g.on_water({c.home_lat, c.home_lon}) ? g.near(centre, 0.3 * g.radius_km(), r) : GeoPoint{c.home_lat, c.home_lon};
  rd.work = g.near(centre, 0.25 * g.radius_km(), r);
  // Apps a rider joins after start_date, at a yearly rate: a new account from that day on
  // (ride_look_alikes). Drawn over a horizon of years from start_date, not over the range, so a
  // rider is the same whatever end_date (an unbounded stream has none).
  const Calibration& cal = cfg.calibration;
  constexpr int64_t kHorizonDays = 3 * 365;
  const double horizon_years = static_cast<double>(kHorizonDays) / 365.0;
  // A family sharing one phone joins an app together, each member on an account of their own
  // (keyed by the family, so every member draws the same day).
  rd.family_phone = Rng(cfg.seed, EntityKind::Rider, family_of(c.index), kFamilyPhone).chance(cal.ride_family_phone_share);
  Rng family(cfg.seed, EntityKind::Rider, family_of(c.index), kFamilyJoins);
  for (int app = 0; app < 3; ++app) {
    bool joins = r.chance(std::min(1.0, cal.ride_new_accounts_per_year * horizon_years));
    int64_t joined = cfg.start_day + static_cast<int64_t>(r.below(kHorizonDays));
    const bool family_joins = family.chance(std::min(1.0, cal.ride_new_accounts_per_year * horizon_years));
    const int64_t family_joined = cfg.start_day + static_cast<int64_t>(family.below(kHorizonDays));
    if (rd.family_phone) joins = family_joins, joined = family_joined;
    if (rd.on(static_cast<RideApp>(app)) || !joins) continue;
    rd.apps |= static_cast<uint8_t>(1u << app);
    rd.account_created_day[static_cast<size_t>(app)] = joined;
  }
  rd.phone_changes = {kNoDay, kNoDay};
  const uint64_t changes = std::min<uint64_t>(2, r.poisson(cal.ride_new_phones_per_year * horizon_years));
  for (uint64_t k = 0; k < changes; ++k) rd.phone_changes[k] = cfg.start_day + static_cast<int64_t>(r.below(kHorizonDays));
  if (rd.phone_changes[1] < rd.phone_changes[0]) std::swap(rd.phone_changes[0], rd.phone_changes[1]);
  // Cards are reissued every three to five years.
  rd.card_period = static_cast<int32_t>(r.range(3 * 365, 5 * 365));
  rd.card_phase = static_cast<int32_t>(r.below(static_cast<uint64_t>(rd.card_period)));
  rd.card_changes = {kNoDay, kNoDay};
  const uint64_t cards = std::min<uint64_t>(2, r.poisson(cal.ride_new_cards_per_year * horizon_years));
  for (uint64_t k = 0; k < cards; ++k) rd.card_changes[k] = cfg.start_day + static_cast<int64_t>(r.below(kHorizonDays));
  // Half the riders who change phones put a new card on the new phone that day (a digital
  // wallet's card, a new bank's): a new phone and a new card together.
  for (size_t k = 0; k < rd.phone_changes.size(); ++k) {
    const bool with_card = r.chance(0.5);
    if (rd.phone_changes[k] == kNoDay || !with_card) continue;
    for (int64_t& change : rd.card_changes)
      if (change == kNoDay) {
        change = rd.phone_changes[k];
        break;
      }
  }
  return rd;
}

void rider_requests(const SimContext& ctx, const RideReference& rides, const CityGeography& geo, const Rider& rd, int64_t day,
                    const DayWeather& weather, std::vector<RideRequest>& out, const std::vector<bool>& served) {
  const SimConfig& cfg = ctx.config();
  const RideProfile& p = rides.profiles[rd.profile];
  const RideCity& city = rides.cities[rd.city];
  const DayKind kind = day_kind_of(day);
  Rng r(cfg.seed, EntityKind::Rider, rd.customer, pair_key(kRequests, static_cast<uint64_t>(day)));
  double mean = p.rides_per_week / 7.0 * rd.activity;
  if (p.weekdays_only) mean *= kind == DayKind::Weekday ? 7.0 / 5.5 : 0.25;  // a few weekend rides still
  // A new account's first month (its sign-up promotion): the rider tries the app out.
  std::array<double, 3> fresh{1, 1, 1};
  for (int app = 0; app < 3; ++app)
    if (rd.on(static_cast<RideApp>(app), day) && day - rd.account_created_day[static_cast<size_t>(app)] < kNewAccountDays) fresh[static_cast<size_t>(app)] = 3;
  mean *= std::max({fresh[0], fresh[1], fresh[2]});
  const auto& hours = rides.profile_hour_share[rd.profile][static_cast<size_t>(kind)];
  const bool north = ctx.ref().states[city.state].region == "NORTE" || ctx.ref().states[city.state].region == "NORDESTE";
  const size_t first = out.size();
  const uint64_t n = r.poisson(mean);
  for (uint64_t i = 0; i < n; ++i) {
    const int hour = r.weighted(hours);
    const int copies = weather.hours[static_cast<size_t>(hour)] == Rain::Heavy ? (r.chance(0.3) ? 2 : 1)
                       : weather.hours[static_cast<size_t>(hour)] == Rain::Light ? (r.chance(0.1) ? 2 : 1)
                                                                                 : 1;  // rain turns walks into rides
    for (int copy = 0; copy < copies; ++copy) {
      RideRequest q{};
      q.customer = rd.customer;
      q.time_ms = local_ms(day, hour, static_cast<int64_t>(r.below(3'600'000))) - kBrasiliaOffsetMillis;
      // Where: airports for travellers, home and work for commuters, nights out, else around town.
      const double route = r.uniform();
      if (route < p.airport_share) {
        const int8_t a = static_cast<int8_t>(r.below(geo.airports()));
        q.dropoff_airport = a;
        if (hour < 12) q.pickup = rd.home, q.dropoff = geo.airport(static_cast<size_t>(a));
        else q.pickup = geo.airport(static_cast<size_t>(a)), q.dropoff = rd.home, q.dropoff_airport = -1;
      } else if (!p.hours.empty() && p.in_hours(hour) && (p.name == "daily_commuter" || p.name == "business")) {
        const bool morning = hour < 12;
        q.pickup = geo.near(morning ? rd.home : rd.work, 0.2, r);
        q.dropoff = geo.near(morning ? rd.work : rd.home, 0.2, r);
      } else {
        const double where = r.uniform();
        // Now and then from anywhere in town (an errand, a visit, a night elsewhere), or a relative
        // asking on the rider's account from where they live.
        const Calibration& cal = ctx.config().calibration;
        q.borrowed = r.chance(cal.ride_borrowed_share);
        q.pickup = q.borrowed || r.chance(cal.ride_away_share) ? geo.residential(r) : geo.near(rd.home, 0.3, r);
        if (where < 0.45) {
          q.dropoff = geo.residential(r);
        } else {
          const int8_t place = static_cast<int8_t>(r.below(city.places.size()));
          q.dropoff_place = place;
          q.dropoff = geo.near(geo.place(static_cast<size_t>(place)), 0.4, r);
        }
        if (hour < 6 && p.name == "nightlife") std::swap(q.pickup, q.dropoff), q.dropoff_place = -1;  // the ride home
      }
      q.pickup_zone = zone_of(geo, q.pickup);
      // Which app and category.
      std::array<double, 3> w{};
      for (int app = 0; app < 3; ++app)
        w[static_cast<size_t>(app)] = rd.on(static_cast<RideApp>(app), day) ? kAppWeights[static_cast<size_t>(app)] * fresh[static_cast<size_t>(app)] : 0.0;
      if (w[0] + w[1] + w[2] == 0) continue;  // the rider's first account opens later in the range
      q.app = static_cast<RideApp>(r.weighted(w));
      const double lv = r.uniform();
      RideLevel level = RideLevel::Economy;
      if (lv < p.black_share) level = RideLevel::Black;
      else if (lv < p.black_share + p.comfort_share) level = RideLevel::Comfort;
      else if (lv < p.black_share + p.comfort_share + p.moto_share && city.moto_allowed && app_has_moto(rides, q.app) && q.dropoff_airport < 0)
        level = RideLevel::Moto;
      q.category = category_of(rides, q.app, level, served);
      for (int app = 0; app < 3 && q.category == kNoCategory; ++app)  // the app has no driver here: another of the rider's
        if (rd.on(static_cast<RideApp>(app), day)) q.app = static_cast<RideApp>(app), q.category = category_of(rides, q.app, RideLevel::Economy, served);
      if (q.category == kNoCategory) continue;
      // Payment (rides reference §2.5): cash is commoner in the North and Northeast and on motos.
      const double cash = north || level == RideLevel::Moto ? 32 : 20;
      q.payment = static_cast<RidePayment>(r.weighted({38, 10, 20, cash, 7, p.name == "business" ? 15.0 : 5.0}));
      out.push_back(q);
    }
  }
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), [](const RideRequest& a, const RideRequest& b) { return a.time_ms < b.time_ms; });
}

}  // namespace fraudgen
