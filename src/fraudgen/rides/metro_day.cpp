#include "fraudgen/rides/metro_day.h"

#include <algorithm>
#include <limits>
#include <functional>
#include <optional>
#include <map>
#include <numeric>
#include <queue>
#include <stdexcept>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/rides/driver_grid.h"
#include "fraudgen/sim/history.h"

namespace fraudgen {
namespace {

// A driver who goes online for a request is online a little before it and stays an hour after.
constexpr int64_t kSpareLeadMillis = 2 * 60'000, kSpareTailMillis = 60 * 60'000;

// Sorts the rides by `less`, ties kept in their order, moving each ride once: the order is found
// on their numbers, then applied cycle by cycle (a ride is 568 bytes, which a sort of the rides
// themselves moved many times over).
template <typename Less>
void sort_rides(std::vector<MetroRide>& rides, Less less) {
  std::vector<uint32_t> order(rides.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return less(rides[a], rides[b]); });
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i] == i) continue;
    MetroRide held = rides[i];
    size_t j = i;
    for (;;) {
      const size_t from = order[j];
      order[j] = static_cast<uint32_t>(j);
      if (from == i) {
        rides[j] = held;
        break;
      }
      rides[j] = rides[from];
      j = from;
    }
  }
}

}  // namespace

void rate_ride(const SimContext& ctx, const DriverPerson& driver, MetroRide& ride) {
  if (ride.trip.status != RideStatus::Completed) return;
  Rng r(ctx.config().seed, EntityKind::Rider, ride.request.customer, pair_key(0x7A7E, static_cast<uint64_t>(ride.trip.request_ms)));
  if (r.chance(0.65)) {
    const double q = std::clamp(driver.quality, -2.5, 2.5);
    const double five = std::clamp(0.92 + 0.025 * q, 0.80, 0.985), rest = 1.0 - five;
    // The other stars keep their proportions (4.5 : 1.5 : 0.7 : 1.3).
    ride.rating_by_rider = static_cast<int8_t>(5 - r.weighted({five, rest * 0.5625, rest * 0.1875, rest * 0.0875, rest * 0.1625}));
  }
  if (r.chance(0.8)) ride.rating_by_driver = static_cast<int8_t>(5 - r.weighted({0.90, 0.07, 0.02, 0.005, 0.005}));
}

GeoPoint driver_start(const SimContext& ctx, const CityGeography& geo, uint64_t driver) {
  Rng home(ctx.config().seed, EntityKind::Driver, driver, 0x4043);
  return geo.residential(home);
}

void assign_drivers(const SimContext& ctx, const RideReference& rides, const CityGeography& geo, const DispatchAreas& areas, uint32_t area,
                    const std::vector<const DriverPerson*>& drivers, int64_t day, const DayWeather& weather, std::vector<MetroRide>& metro_rides,
                    std::vector<DriverSession>& sessions) {
  // The day's sessions stay within the day, so no driver's day meets another's: a ride still
  // under way at midnight goes to a driver of the night (below).
  const int64_t day_begin = day_start_ms(day), day_end = day_start_ms(day + 1) - 1;
  struct State {
    int64_t busy_until = std::numeric_limits<int64_t>::min();
    std::vector<size_t> online;  // the day's sessions (indices into `sessions`)
  };
  const size_t first_session = sessions.size();
  struct Reserve {
    int64_t busy_until = std::numeric_limits<int64_t>::min();
  };
  std::map<uint32_t, std::vector<Reserve>> reserves, night;  // by category
  // Reserves of an area and category (driver.h): the first half by day, then two pools of a quarter
  // for rides under way at midnight, one for even days and one for odd.
  const uint64_t population = areas.population(), per_category = reserves_per_category(population), night_first = per_category / 2, night_per_parity = per_category / 4;
  std::vector<State> state(drivers.size());
  // Drivers go online where the day's accepted requests are.
  BusyHours busy_hours{};
  for (const MetroRide& m : metro_rides) {
    if (m.trip.status == RideStatus::NoDriver) continue;
    const int64_t until = m.trip.status == RideStatus::Completed ? m.trip.end_ms : m.trip.cancel_ms;
    busy_hours[static_cast<size_t>(m.request.app)][static_cast<size_t>(brasilia_hour(m.trip.accept_ms))] +=
        static_cast<double>(until - m.trip.accept_ms) / 3'600'000.0;
  }
  plan_sessions(ctx, drivers, day, weather, busy_hours, sessions);
  std::map<uint64_t, size_t> position;  // driver index -> place in `drivers`
  std::vector<GeoPoint> at(drivers.size());  // where each driver is
  GeoPoint low{std::numeric_limits<double>::max(), std::numeric_limits<double>::max()}, high{-low.lat, -low.lon};
  auto include = [&](const GeoPoint& p) {
    low = {std::min(low.lat, p.lat), std::min(low.lon, p.lon)};
    high = {std::max(high.lat, p.lat), std::max(high.lon, p.lon)};
  };
  for (size_t i = 0; i < drivers.size(); ++i) {
    include(at[i] = driver_start(ctx, geo, drivers[i]->index));
    position[drivers[i]->index] = i;
  }
  for (const MetroRide& m : metro_rides) include(m.request.pickup), include(m.request.dropoff);
  // For each app and category asked for, a grid of the drivers on that app whose vehicle fits
  // it, made when first asked (from where they are then).
  std::map<std::pair<RideApp, uint32_t>, DriverGrid> grids;
  std::vector<bool> is_free(drivers.size());  // online and on no ride, as the grids know it
  auto grid_of = [&](RideApp app, uint32_t category) -> const DriverGrid& {
    auto it = grids.find({app, category});
    if (it != grids.end()) return it->second;
    std::vector<uint32_t> fit;
    for (size_t i = 0; i < drivers.size(); ++i)
      if (drivers[i]->on(app) && vehicle_fits(rides, *drivers[i], rides.categories[category])) fit.push_back(static_cast<uint32_t>(i));
    DriverGrid& grid = grids.try_emplace({app, category}, low, high, std::move(fit), at).first->second;
    for (size_t i = 0; i < drivers.size(); ++i)
      if (is_free[i]) grid.set_free(static_cast<uint32_t>(i), true);
    return grid;
  };
  auto move = [&](size_t i, GeoPoint to) {
    at[i] = to;
    for (auto& [key, grid] : grids) grid.move(static_cast<uint32_t>(i), to);
  };
  for (size_t s = first_session; s < sessions.size(); ++s) {
    sessions[s].online_ms = std::max(sessions[s].online_ms, day_begin);
    sessions[s].offline_ms = std::min(sessions[s].offline_ms, day_end);
  }
  sessions.erase(std::remove_if(sessions.begin() + static_cast<std::ptrdiff_t>(first_session), sessions.end(),
                                [](const DriverSession& s) { return s.online_ms >= s.offline_ms; }),
                 sessions.end());
  // The session of `s` under way at t, or none.
  auto session_at = [&](const State& st, int64_t t) -> std::optional<size_t> {
    for (size_t k : st.online)
      if (sessions[k].holds(t)) return k;
    return std::nullopt;
  };
  // Whether a driver is free changes only when a session of theirs begins or ends and when a
  // ride of theirs ends: `changes` holds those instants, and before each request every one up to
  // its time brings the driver's place in the grids' free cells up to date.
  using Change = std::pair<int64_t, uint32_t>;  // (instant, place in `drivers`)
  std::priority_queue<Change, std::vector<Change>, std::greater<Change>> changes;
  auto refresh = [&](size_t i, int64_t t) {
    const bool free = state[i].busy_until <= t && session_at(state[i], t);
    if (free == is_free[i]) return;
    is_free[i] = free;
    for (auto& [key, grid] : grids) grid.set_free(static_cast<uint32_t>(i), free);
  };
  // Driver i takes a ride at t until `until`: one online finishes it before going offline, one
  // offline goes online for it.
  auto take = [&](size_t i, int64_t t, int64_t until) {
    size_t s;
    if (auto under_way = session_at(state[i], t)) {
      s = *under_way;
      sessions[s].offline_ms = std::min(std::max(sessions[s].offline_ms, until + 60'000), day_end);
    } else {
      sessions.push_back({drivers[i]->index, std::max(t - kSpareLeadMillis, day_begin), std::min(until + kSpareTailMillis, day_end)});
      s = sessions.size() - 1;
      state[i].online.push_back(s);
    }
    state[i].busy_until = until;
    refresh(i, t);
    changes.emplace(until, static_cast<uint32_t>(i));
    changes.emplace(sessions[s].offline_ms, static_cast<uint32_t>(i));
  };
  for (size_t s = first_session; s < sessions.size(); ++s) {
    const size_t i = position.at(sessions[s].driver);
    state[i].online.push_back(s);
    changes.emplace(sessions[s].online_ms, static_cast<uint32_t>(i));
    changes.emplace(sessions[s].offline_ms, static_cast<uint32_t>(i));
  }
  // A reserve of the area for the category, the first idle one of `pool` (k counted from
  // `first_k`, at most `room` of them).
  auto take_reserve = [&](std::vector<Reserve>& pool, uint64_t first_k, uint64_t room, const MetroRide& m, int64_t t, int64_t until, bool clip) {
    size_t k = 0;
    while (k < pool.size() && pool[k].busy_until > t) ++k;
    if (k >= room) throw std::logic_error("a dispatch area ran out of reserve drivers");
    if (k == pool.size()) pool.push_back({});
    const uint64_t index = reserve_driver_index(rides, population, area, m.request.category, first_k + k);
    sessions.push_back({index, clip ? std::max(t - kSpareLeadMillis, day_begin) : t - kSpareLeadMillis,
                        clip ? std::min(until + kSpareTailMillis, day_end) : until + kSpareTailMillis});
    pool[k].busy_until = until;  // free for the next request (a session overlapping this one joins it)
    return index;
  };
  sort_rides(metro_rides, [](const MetroRide& a, const MetroRide& b) {
    const int64_t ta = a.trip.accept_ms == kNoTime ? a.trip.request_ms : a.trip.accept_ms;
    const int64_t tb = b.trip.accept_ms == kNoTime ? b.trip.request_ms : b.trip.accept_ms;
    return ta != tb ? ta < tb : a.request.customer < b.request.customer;
  });
  for (MetroRide& m : metro_rides) {
    if (m.trip.status == RideStatus::NoDriver) continue;
    const RideCategory& category = rides.categories[m.request.category];
    const RideApp app = m.request.app;
    const int64_t t = m.trip.accept_ms;
    const int64_t until = m.trip.status == RideStatus::Completed ? m.trip.end_ms : m.trip.cancel_ms;
    for (; !changes.empty() && changes.top().first <= t; changes.pop()) refresh(changes.top().second, t);
    auto eligible = [&](size_t i) { return drivers[i]->on(app) && vehicle_fits(rides, *drivers[i], category) && state[i].busy_until <= t; };
    if (m.wanted_driver >= 0) {
      // A scenario's driver: takes it if free (going online for it if need be), else it is not made.
      auto it = position.find(static_cast<uint64_t>(m.wanted_driver));
      if (it == position.end() || !eligible(it->second) || until >= day_end) continue;
      const size_t i = it->second;
      m.driver = m.wanted_driver;
      take(i, t, until);
      move(i, m.request.dropoff);
      continue;
    }
    if (until >= day_end) {
      // Under way at midnight: a driver of the night, from one of two pools taking turns by day,
      // whose sessions may cross midnight without meeting the next night's.
      m.driver = static_cast<int64_t>(take_reserve(night[m.request.category], night_first + (day & 1) * night_per_parity, night_per_parity, m, t, until, false));
      continue;
    }
    // The nearest fit driver online (the grid holds those on the app whose vehicle fits).
    const DriverGrid& fit = grid_of(app, m.request.category);
    size_t best = fit.nearest_free(m.request.pickup);
    if (best == DriverGrid::none) {
      // Everyone fit is busy or offline: the nearest idle one goes online for this request,
      // one who works today (back from a break, or staying on) before one who does not.
      for (int pass = 0; pass < 2 && best == DriverGrid::none; ++pass)
        best = fit.nearest(m.request.pickup, [&](size_t i) { return state[i].busy_until <= t && (pass == 1 || !state[i].online.empty()); });
      if (best == DriverGrid::none) {
        // Every driver fit for it is busy: the category's first idle reserve driver of the area.
        m.driver = static_cast<int64_t>(take_reserve(reserves[m.request.category], 0, night_first, m, t, until, true));
        continue;
      }
    }
    m.driver = static_cast<int64_t>(drivers[best]->index);
    take(best, t, until);
    if (m.trip.status == RideStatus::Completed) move(best, m.request.dropoff);
  }
  std::erase_if(metro_rides, [](const MetroRide& m) { return m.wanted_driver >= 0 && m.driver < 0; });
  sort_rides(metro_rides, [](const MetroRide& a, const MetroRide& b) {
    return a.trip.request_ms != b.trip.request_ms ? a.trip.request_ms < b.trip.request_ms : a.request.customer < b.request.customer;
  });
  // A driver's sessions that meet (one begun for a request while another was under way or to
  // come, a session lengthened by its last ride) become one.
  const auto begin = sessions.begin() + static_cast<std::ptrdiff_t>(first_session);
  std::sort(begin, sessions.end(), [](const DriverSession& a, const DriverSession& b) {
    return a.driver != b.driver ? a.driver < b.driver : a.online_ms < b.online_ms;
  });
  auto kept = begin;
  for (auto it = begin; it != sessions.end(); ++it) {
    if (kept != begin && std::prev(kept)->driver == it->driver && it->online_ms <= std::prev(kept)->offline_ms)
      std::prev(kept)->offline_ms = std::max(std::prev(kept)->offline_ms, it->offline_ms);
    else *kept++ = *it;
  }
  sessions.erase(kept, sessions.end());
  std::sort(begin, sessions.end(), [](const DriverSession& a, const DriverSession& b) {
    return a.online_ms != b.online_ms ? a.online_ms < b.online_ms : a.driver < b.driver;
  });
}

}  // namespace fraudgen
