#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <thread>
#include <tuple>
#include <set>
#include <string>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/rides/driver.h"
#include "fraudgen/rides/driver_grid.h"
#include "fraudgen/rides/fare.h"
#include "fraudgen/rides/geography.h"
#include "fraudgen/rides/metro_day.h"
#include "fraudgen/rides/ride_blocks.h"
#include "fraudgen/rides/ride_day_events.h"
#include "fraudgen/rides/ride_trip.h"
#include "fraudgen/rides/ride_market.h"
#include "fraudgen/rides/ride_world.h"
#include "fraudgen/rides/stored_rider.h"
#include "fraudgen/rides/rider.h"
#include "fraudgen/rides/second_account.h"
#include "fraudgen/rides/stored_rider.h"
#include "fraudgen/rides/ride_reference.h"
#include "fraudgen/rides/weather.h"
#include "fraudgen/rides/zone_conditions.h"
#include "fraudgen/sim/documents.h"
#include "fraudgen/sim/customer_window.h"
#include "fraudgen/sim/history.h"
#include "fraudgen/sim/transaction.h"
#include "fresh_folder.h"
#include "shared_reference.h"

using namespace fraudgen;
using fraudgen::test_support::fresh_folder;
using fraudgen::test_support::ref;

namespace {

const RideReference& rides() {
  static const RideReference r = RideReference::load(ref());
  return r;
}

uint32_t city(std::string_view uf) { return static_cast<uint32_t>(ref().state_index(uf)); }

// A driver's or a pickup's place for the grid tests: one in five at one busy corner (so that
// distances tie), the rest anywhere between `low` and `high`.
GeoPoint somewhere(Rng& r, GeoPoint low, GeoPoint high, GeoPoint corner) {
  if (r.chance(0.2)) return corner;
  return GeoPoint{low.lat + r.uniform() * (high.lat - low.lat), low.lon + r.uniform() * (high.lon - low.lon)};
}

// `n` drivers at somewhere() places, and the grid's members among them: those `member` takes.
struct GridDrivers {
  std::vector<GeoPoint> at;
  std::vector<uint32_t> members;
};
template <typename Member>
GridDrivers grid_drivers(Rng& r, size_t n, GeoPoint low, GeoPoint high, GeoPoint corner, Member member) {
  GridDrivers g{std::vector<GeoPoint>(n), {}};
  for (GeoPoint& p : g.at) p = somewhere(r, low, high, corner);
  for (uint32_t d = 0; d < n; ++d)
    if (member(d)) g.members.push_back(d);
  return g;
}

}  // namespace

TEST(RideReference, EveryCapitalHasItsMarketAirportsPlacesAndRain) {
  const RideReference& r = rides();
  ASSERT_EQ(r.cities.size(), 27u);
  for (const RideCity& c : r.cities) {
    const std::string uf = ref().states[c.state].uf;
    EXPECT_EQ(ref().municipalities[c.municipality].name, ref().states[c.state].capital) << uf;
    EXPECT_FALSE(c.airports.empty()) << uf;
    EXPECT_GE(c.places.size(), 4u) << uf;
    for (double mm : c.rain_mm) EXPECT_GE(mm, 0.0) << uf;
  }
  EXPECT_FALSE(r.cities[city("SP")].moto_allowed) << "moto rides are banned in the city of São Paulo";
  EXPECT_EQ(r.cities[city("SP")].airports.size(), 2u);
  EXPECT_EQ(r.cities[city("RJ")].black_min_model_year, 2016);
  for (size_t k = 0; k < 3; ++k) {
    double sum = 0;
    for (double s : r.hour_share[k]) sum += s;
    EXPECT_NEAR(sum, 1.0, 1e-12);
  }
  // The weekday curve: 18 h is the day's peak, 4 h its trough (Data Gaudium's 7.02% and 0.59%).
  const auto& weekday = r.hour_share[0];
  EXPECT_EQ(std::max_element(weekday.begin(), weekday.end()) - weekday.begin(), 18);
  EXPECT_NEAR(weekday[18], 0.070, 0.001);
  EXPECT_NEAR(weekday[4], 0.006, 0.001);
  std::set<std::string> apps;
  for (const RideCategory& c : r.categories) apps.insert(c.app);
  EXPECT_EQ(apps, (std::set<std::string>{"99", "INDRIVE", "UBER"})) << "no Cabify: it left Brazil in 2021";
}

TEST(RideWeather, RainyDaysFollowEachCapitalsMonthlyNormalAndHoursAreSharedByTheDay) {
  const RideReference& r = rides();
  // Belém in March (506 mm) rains most days, Brasília in July (2 mm) almost never, São Luís's
  // dry season is dry: the share of rainy days over many seeds matches the normal's fit.
  struct Case {
    std::string_view uf;
    unsigned month;
  };
  for (const Case& c : {Case{"PA", 3}, Case{"DF", 7}, Case{"SP", 1}, Case{"SP", 8}, Case{"MA", 10}}) {
    const uint32_t ci = city(c.uf);
    int rainy = 0, days = 0;
    for (uint64_t seed = 1; seed <= 40; ++seed)
      for (unsigned d = 1; d <= 28; ++d) {
        const DayWeather w = day_weather(ref(), r, seed, ci, days_from_civil(2025, c.month, d));
        rainy += std::any_of(w.hours.begin(), w.hours.end(), [](Rain x) { return x != Rain::None; });
        ++days;
      }
    const double expected = std::min(0.95, expected_rain_days(r.cities[ci], c.month) / (c.month == 2 ? 28.0 : c.month == 4 || c.month == 6 || c.month == 9 || c.month == 11 ? 30.0 : 31.0));
    EXPECT_NEAR(static_cast<double>(rainy) / days, expected, 0.04) << c.uf << " month " << c.month;
  }
  EXPECT_NEAR(expected_rain_days(r.cities[city("SP")], 1), 15.6, 0.5) << "São Paulo's January: about 16 rain days";
  EXPECT_NEAR(expected_rain_days(r.cities[city("SP")], 8), 5.8, 0.5) << "São Paulo's August: about 6 rain days";
  // The same capital-day is the same weather whoever asks; the seed changes it.
  const int64_t day = days_from_civil(2025, 3, 10);
  int differ = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const DayWeather a = day_weather(ref(), r, seed, city("PA"), day), b = day_weather(ref(), r, seed, city("PA"), day);
    EXPECT_EQ(a.hours, b.hours);
    differ += a.hours != day_weather(ref(), r, seed + 100, city("PA"), day).hours;
  }
  EXPECT_GT(differ, 5);
}

TEST(RideWeather, SummerStormsComeInTheAfternoonInTheSouthEast) {
  const RideReference& r = rides();
  int afternoon = 0, rainy_hours = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed)
    for (unsigned d = 1; d <= 31; ++d) {
      const DayWeather w = day_weather(ref(), r, seed, city("SP"), days_from_civil(2025, 1, d));
      for (int h = 0; h < 24; ++h)
        if (w.hours[static_cast<size_t>(h)] != Rain::None) {
          ++rainy_hours;
          afternoon += h >= 13 && h <= 21;
        }
    }
  ASSERT_GT(rainy_hours, 500);
  EXPECT_GT(static_cast<double>(afternoon) / rainy_hours, 0.6);
}

TEST(RideFare, PartsAddUpAndFortalezaPricesComeOut) {
  const RideReference& r = rides();
  EXPECT_NEAR(ride_price_index(days_from_civil(2025, 12, 1)), 1.0, 1e-9);
  EXPECT_NEAR(ride_price_index(days_from_civil(2024, 12, 1)), 1.0 / 1.5608, 1e-9) << "ride prices rose 56% in 2025";
  EXPECT_LT(ride_price_index(days_from_civil(2023, 6, 1)), ride_price_index(days_from_civil(2024, 6, 1)));
  EXPECT_GT(ride_price_index(days_from_civil(2026, 12, 1)), 1.04);
  // Fortaleza, January 2026, economy: 4 km in 12 min about R$10, 9.5 km in 25 min about R$21.
  const double fortaleza = r.cities[city("CE")].price_index * ride_price_index(days_from_civil(2026, 1, 15));
  const int64_t minimum = minimum_fare_cents(r, RideLevel::Economy, r.cities[city("CE")].price_index);
  const FareQuote four = quote_fare(r, {RideLevel::Economy, fortaleza, 4000, 12 * 60, 10, minimum, 0});
  const FareQuote ten = quote_fare(r, {RideLevel::Economy, fortaleza, 9500, 25 * 60, 10, minimum, 0});
  EXPECT_NEAR(static_cast<double>(four.total_cents()), 1000, 60);
  EXPECT_NEAR(static_cast<double>(ten.total_cents()), 2100, 120);
  // A 1 km ride pays the minimum; the top-up is what makes it.
  const FareQuote one = quote_fare(r, {RideLevel::Economy, fortaleza, 1000, 4 * 60, 10, minimum, 0});
  EXPECT_EQ(one.total_cents(), minimum);
  EXPECT_GT(one.minimum_topup_cents, 0);
  // Surge multiplies the metered part; the parts always add up to the total.
  const FareQuote surged = quote_fare(r, {RideLevel::Comfort, 1.2, 8300, 21 * 60, 27, 900, 8300});
  const int64_t metered = surged.base_cents + surged.distance_cents + surged.time_cents;
  EXPECT_EQ(surged.surge_cents, std::llround(metered * 1.7));
  EXPECT_EQ(surged.minimum_topup_cents, 0);
  EXPECT_EQ(surged.municipal_fee_cents, 83) << "R$0.10 per km in São Paulo";
  EXPECT_EQ(surged.total_cents(), metered + surged.surge_cents + surged.municipal_fee_cents);
  // Levels are ordered: black above comfort above economy above moto, for the same trip.
  int64_t last = 0;
  for (RideLevel l : {RideLevel::Moto, RideLevel::Economy, RideLevel::Comfort, RideLevel::Black}) {
    const int64_t total = quote_fare(r, {l, 1.0, 7000, 18 * 60, 10, 0, 0}).total_cents();
    EXPECT_GT(total, last);
    last = total;
  }
}

TEST(RideGeography, PointsAroundTheSeatOffTheWaterPlacesFixedRoadsLongerThanLines) {
  const RideReference& r = rides();
  for (std::string_view uf : {"CE", "SP", "RJ", "BA", "TO", "AM"}) {
    const CityGeography g(ref(), r, city(uf));
    Rng rng(7, EntityKind::Place, city(uf), 1);
    double sum = 0;
    int far = 0;
    for (int i = 0; i < 2000; ++i) {
      const GeoPoint p = g.residential(rng);
      EXPECT_FALSE(g.on_water(p)) << uf;
      const double d = haversine_km(p.lat, p.lon, g.centre().lat, g.centre().lon);
      sum += d;
      far += d > g.radius_km();
      EXPECT_LE(d, 1.3 * g.radius_km() * 1.002) << uf;
    }
    EXPECT_GT(sum / 2000, 0.3 * g.radius_km()) << uf;
    EXPECT_LT(sum / 2000, 0.9 * g.radius_km()) << uf;
    EXPECT_LT(far, 400) << uf;
    for (size_t i = 0; i < r.cities[city(uf)].places.size(); ++i) EXPECT_FALSE(g.on_water(g.place(i))) << uf << " place " << i;
  }
  // The sea is north of Fortaleza and east of Recife: points there are water.
  const CityGeography fortaleza(ref(), r, city("CE")), recife(ref(), r, city("PE"));
  EXPECT_TRUE(fortaleza.on_water({fortaleza.centre().lat + 0.05, fortaleza.centre().lon}));
  EXPECT_FALSE(fortaleza.on_water({fortaleza.centre().lat - 0.05, fortaleza.centre().lon}));
  EXPECT_TRUE(recife.on_water({recife.centre().lat, recife.centre().lon + 0.05}));
  // Named places do not move with the seed (they are places); São Paulo is wider than Palmas.
  const CityGeography again(ref(), r, city("CE"));
  EXPECT_EQ(fortaleza.place(0).lat, again.place(0).lat);
  EXPECT_GT(CityGeography(ref(), r, city("SP")).radius_km(), 2 * CityGeography(ref(), r, city("TO")).radius_km());
  // Road distance: circuity about 1.3 on short trips, 1.2 on long ones, more in barrier cities.
  Rng rng(3, EntityKind::Place, 0, 2);
  double short_ratio = 0, long_ratio = 0, barrier = 0;
  for (int i = 0; i < 4000; ++i) {
    short_ratio += static_cast<double>(road_distance_m(2.0, false, rng)) / 2000.0;
    long_ratio += static_cast<double>(road_distance_m(20.0, false, rng)) / 20000.0;
    barrier += static_cast<double>(road_distance_m(20.0, true, rng)) / 20000.0;
  }
  EXPECT_NEAR(short_ratio / 4000, 1.32, 0.01);
  EXPECT_NEAR(long_ratio / 4000, 1.22, 0.01);
  EXPECT_NEAR(barrier / 4000, 1.32, 0.01);
}

TEST(Documents, CpfCnhAndPlatesAreValidAndTheValidatorsRefuseTampering) {
  Rng rng(5, EntityKind::Driver, 0, 9);
  int cnh_first_overflow = 0, cnh_caught = 0;
  for (int i = 0; i < 5000; ++i) {
    char cpf[11], cnh[11];
    make_cpf(rng, 8, cpf);
    make_cnh(rng, cnh);
    const std::string a(cpf, 11), b(cnh, 11);
    ASSERT_TRUE(cpf_valid(a)) << a;
    ASSERT_TRUE(cnh_valid(b)) << b;
    EXPECT_EQ(a[8], '8') << "the CPF's 9th digit is the fiscal region";
    EXPECT_NE(b[0], '0');
    cnh_first_overflow += b[9] == '0';
    // A changed digit is caught unless both sums fall on the rule's "10 or more counts as 0".
    std::string t = b;
    t[3] = static_cast<char>('0' + (t[3] - '0' + 1) % 10);
    cnh_caught += !cnh_valid(t);
    t = a;
    t[10] = static_cast<char>('0' + (t[10] - '0' + 1) % 10);
    EXPECT_FALSE(cpf_valid(t)) << t;
  }
  EXPECT_GT(cnh_first_overflow, 100) << "first check digits of 0 (some from the overflow rule) occur";
  EXPECT_GT(cnh_caught, 4800);
  // 123456789: first = (1*9+2*8+3*7+4*6+5*5+6*4+7*3+8*2+9*1) % 11 = 165 % 11 = 0; second = (1*1+...+9*9) % 11 = 285 % 11 = 10 -> 0.
  EXPECT_TRUE(cnh_valid("12345678900"));
  EXPECT_FALSE(cnh_valid("12345678901"));
  EXPECT_FALSE(cnh_valid("11111111111"));
  EXPECT_TRUE(cpf_valid("52998224725")) << "a CPF worked through the rule";
  for (int i = 0; i < 200; ++i) {
    const std::string old = make_old_plate(rng), merc = make_mercosul_plate(rng);
    EXPECT_TRUE(plate_valid(old)) << old;
    EXPECT_TRUE(plate_valid(merc)) << merc;
    const std::string converted = mercosul_plate(old);
    EXPECT_TRUE(plate_valid(converted)) << converted;
    EXPECT_EQ(converted[4], static_cast<char>('A' + (old[5] - '0'))) << old << " -> " << converted;
  }
  EXPECT_EQ(mercosul_plate("ABC-1234"), "ABC1C34");
  EXPECT_FALSE(plate_valid("ABC1234"));
  EXPECT_FALSE(plate_valid("AB-12345"));
}

TEST(Drivers, APopulationOnSeveralAppsWithVehiclesTheirCategoriesAccept) {
  const RideReference& r = rides();
  SimConfig cfg{3, days_from_civil(2025, 1, 1), days_from_civil(2025, 12, 31), true, 0.01};
  SimContext ctx(ref(), cfg);
  std::array<int, 4> apps_count{}, activity{};
  int women = 0, moto = 0, moto_sp = 0, in_sp = 0, mercosul = 0, black = 0, newcomers = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const DriverPerson d = make_driver(ctx, r, static_cast<uint64_t>(i));
    ASSERT_TRUE(cnh_valid(std::string_view(d.cnh, 11)));
    ASSERT_TRUE(plate_valid(d.vehicle.plate)) << d.vehicle.plate;
    ++apps_count[static_cast<size_t>(__builtin_popcount(d.apps))];
    ++activity[static_cast<size_t>(d.activity)];
    women += d.sex == 0;
    moto += d.moto;
    const bool sp = ref().states[r.cities[d.city].state].uf == "SP";
    in_sp += sp;
    moto_sp += sp && d.moto;
    mercosul += d.vehicle.plate.size() == 7;
    EXPECT_EQ(d.moto, d.level(r) == RideLevel::Moto);
    // Registered before start_date, or a newcomer: on every app from the day they start work,
    // within a year of start_date.
    newcomers += d.working_since != INT64_MIN;
    for (int app = 0; app < 3; ++app)
      if (d.on(static_cast<RideApp>(app))) {
        if (d.working_since == INT64_MIN) {
          EXPECT_LE(d.registered_day[static_cast<size_t>(app)], cfg.start_day);
        } else {
          EXPECT_EQ(d.registered_day[static_cast<size_t>(app)], d.working_since);
          EXPECT_GE(d.working_since, cfg.start_day);
          EXPECT_LT(d.working_since, cfg.start_day + 365);
        }
      }
    // The driver's own level is a category it can serve; black cars meet the city's rules.
    bool serves_own_level = false;
    for (const RideCategory& c : r.categories) serves_own_level |= c.level == d.level(r) && vehicle_fits(r, d, c);
    EXPECT_TRUE(serves_own_level) << "driver " << i;
    if (d.level(r) == RideLevel::Black) {
      ++black;
      EXPECT_NE(d.vehicle.colour, kRedColour);
      if (const auto min = r.cities[d.city].black_min_model_year) {
        EXPECT_GE(d.vehicle.model_year, *min);
      }
    }
    EXPECT_GE(d.vehicle.model_year, 2015);
  }
  EXPECT_EQ(apps_count[0], 0);
  EXPECT_NEAR(apps_count[2] / double(n), 0.45, 0.02) << "most drivers are on more than one app";
  EXPECT_NEAR(activity[0] / double(n), 0.35, 0.02);
  EXPECT_NEAR(women / double(n), 0.06, 0.01);
  EXPECT_NEAR(newcomers / double(n), 0.15, 0.03) << "15% of drivers sign up within a year of start_date";
  EXPECT_EQ(moto_sp, 0) << "no moto rides in the city of São Paulo";
  EXPECT_GT(in_sp, n / 6) << "São Paulo is the largest metro";
  EXPECT_NEAR(moto / double(n - in_sp), 0.2, 0.02);
  EXPECT_GT(mercosul, n / 2);
  EXPECT_GT(black, n / 40);
  // The same index is the same driver.
  const DriverPerson a = make_driver(ctx, r, 77), b = make_driver(ctx, r, 77);
  EXPECT_EQ(std::string(a.cpf, 11), std::string(b.cpf, 11));
  EXPECT_EQ(a.vehicle.plate, b.vehicle.plate);
}

TEST(ZoneConditions, SurgeSharedRoundedAndDrivenBySupplyDemandRainAndFlightBanks) {
  const RideReference& r = rides();
  const uint32_t sp = city("SP");
  const CityGeography geo(ref(), r, sp);
  // Zones: the seat is ring 0; an airport is its own zone; names are stable.
  EXPECT_EQ(zone_of(geo, geo.centre()), Zone{});
  const Zone gru = zone_of(geo, geo.airport(1));
  EXPECT_GE(gru.airport, 0);
  EXPECT_EQ(zone_name("SP", r.cities[sp], gru), "SP-" + r.cities[sp].airports[1].iata);
  EXPECT_EQ(zone_name("SP", r.cities[sp], Zone{3, 5, -1}), "SP-R03-S5");
  std::vector<int> dry, heavy;
  int evenings = 0, banks = 0;
  double demand_dry = 0, demand_heavy = 0;
  int n_dry = 0, n_heavy = 0;
  for (uint64_t seed = 1; seed <= 3; ++seed)
    for (int64_t day = days_from_civil(2025, 1, 1); day < days_from_civil(2025, 3, 1); ++day) {
      const DayWeather w = day_weather(ref(), r, seed, sp, day);
      for (int bucket = 0; bucket < kBucketsPerDay; bucket += 3)
        for (Zone z : {Zone{}, Zone{2, 1, -1}, Zone{6, 4, -1}, gru}) {
          const ZoneConditions c = zone_conditions(ref(), r, seed, sp, z, day, bucket, w);
          const ZoneConditions again = zone_conditions(ref(), r, seed, sp, z, day, bucket, w);
          ASSERT_EQ(c.surge_tenths, again.surge_tenths);
          ASSERT_GE(c.surge_tenths, 10);
          ASSERT_LE(c.surge_tenths, c.rain == Rain::Heavy ? 50 : 30);
          if (z.airport >= 0 && bucket / 12 >= 18 && bucket / 12 <= 22) {
            ++evenings;
            banks += c.flight_bank;
          }
          if (z.airport >= 0) continue;
          if (c.rain == Rain::Heavy) {
            heavy.push_back(c.surge_tenths);
            demand_heavy += c.demand;
            ++n_heavy;
          } else if (c.rain == Rain::None) {
            dry.push_back(c.surge_tenths);
            demand_dry += c.demand;
            ++n_dry;
          }
        }
    }
  auto p95 = [](std::vector<int> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() * 95 / 100] / 10.0;
  };
  ASSERT_GT(heavy.size(), 100u);
  EXPECT_LT(p95(dry), 1.5) << "surge is rare in dry weather";
  EXPECT_GE(p95(heavy), 2.5) << "storms: 2.8-5x prices in Brazilian capitals";
  EXPECT_LE(p95(heavy), 4.0);
  EXPECT_GT(demand_heavy / n_heavy, 1.1 * demand_dry / n_dry) << "more requests in heavy rain";
  EXPECT_NEAR(static_cast<double>(banks) / evenings, 0.25, 0.04);
  EXPECT_EQ(day_kind_of(days_from_civil(2025, 12, 6)), DayKind::Saturday);
  EXPECT_EQ(day_kind_of(days_from_civil(2025, 12, 7)), DayKind::Sunday);
  EXPECT_EQ(day_kind_of(days_from_civil(2025, 12, 8)), DayKind::Weekday);
}

// Reserves grow with the population beyond 524,288 drivers (a night's pool ran out at about 60
// million customers), and every reserve of every dispatch area and category is its own driver of
// the area's capital: the last reserve of the last area's last category decodes back to itself,
// below the second accounts.
TEST(Drivers, ReservesGrowWithALargePopulationAndEachDecodesToItself) {
  SimContext ctx(ref(), {5, days_from_civil(2025, 3, 1), days_from_civil(2025, 3, 1), true, 0.01});
  const RideMarket market(ref());
  const RideReference& rides = market.reference();
  EXPECT_EQ(reserves_per_category(30'000), 65'536u);
  EXPECT_EQ(reserves_per_category(524'288), 65'536u) << "worlds up to about 18 million customers keep their reserves";
  EXPECT_EQ(reserves_per_category(524'289), 131'072u);
  EXPECT_EQ(reserves_per_category(2'900'000), 524'288u) << "100 million customers: 8 times the reserves";
  for (uint64_t population : {30'000ull, 2'900'000ull, 29'000'000ull}) {
    const uint64_t per = reserves_per_category(population);
    // São Paulo with a third of the drivers, cut into dispatch areas; the other capitals share the rest.
    std::vector<uint64_t> drivers_in(rides.cities.size(), population * 2 / 3 / (rides.cities.size() - 1));
    const uint32_t sp = static_cast<uint32_t>(ref().state_index("SP"));
    drivers_in[sp] = population / 3;
    const DispatchAreas areas(drivers_in, kDispatchAreaDrivers, population);
    ASSERT_EQ(areas.areas_in(sp), (population / 3 + kDispatchAreaDrivers - 1) / kDispatchAreaDrivers);
    ASSERT_GE(areas.areas_in(sp), 3u);
    const auto last_area = areas.size() - 1, last_category = static_cast<uint32_t>(rides.categories.size() - 1);
    for (const auto& [area, category, k] : {std::tuple{0u, 0u, uint64_t{0}}, std::tuple{0u, 0u, per - 1}, std::tuple{0u, 1u, uint64_t{0}},
                                            std::tuple{sp, 0u, uint64_t{0}}, std::tuple{last_area, last_category, per - 1}}) {
      const uint64_t index = reserve_driver_index(rides, population, area, category, k);
      const DriverPerson d = driver_by_index(ctx, rides, areas, index);
      EXPECT_EQ(d.index, index) << population << " " << area << " " << category << " " << k;
      EXPECT_EQ(d.city, areas.city_of(area));
      EXPECT_TRUE(vehicle_fits(rides, d, rides.categories[category]));
      EXPECT_FALSE(is_second_account(population, index));
    }
    EXPECT_EQ(reserve_driver_index(rides, population, 0, 0, per), reserve_driver_index(rides, population, 0, 1, 0)) << "categories' reserves follow each other";
  }
}

TEST(Riders, MetroCustomersRequestRidesByProfileHourAppAndWeather) {
  const RideReference& r = rides();
  SimConfig cfg{4, days_from_civil(2025, 1, 1), days_from_civil(2025, 3, 31), true, 0.01};
  SimContext ctx(ref(), cfg);
  std::vector<CityGeography> geos;
  for (uint32_t c = 0; c < r.cities.size(); ++c) geos.emplace_back(ref(), r, c);
  uint64_t riders = 0, requests = 0, weekday_requests = 0, moto_sp = 0;
  std::array<uint64_t, 24> weekday_hours{};
  std::array<uint64_t, 3> by_app{};
  double rain_rides = 0, dry_rides = 0, rain_hours = 0, dry_hours = 0;
  const uint64_t customers = 4000;
  std::vector<RideRequest> day_requests;
  for (uint64_t i = 0; i < customers; ++i) {
    const Customer c = make_customer(ctx, i);
    const std::optional<Rider> rd = make_rider(ctx, r, geos, c);
    if (!rd) continue;
    ++riders;
    EXPECT_NE(rd->apps, 0);
    for (int64_t day = cfg.start_day; day <= cfg.end_day; ++day) {
      const DayWeather w = day_weather(ref(), r, cfg.seed, rd->city, day);
      day_requests.clear();
      rider_requests(ctx, r, geos[rd->city], *rd, day, w, day_requests);
      std::vector<RideRequest> again;
      rider_requests(ctx, r, geos[rd->city], *rd, day, w, again);
      ASSERT_EQ(again.size(), day_requests.size());
      for (const RideRequest& q : day_requests) {
        ++requests;
        EXPECT_EQ(local_day_of(q.time_ms), day);
        EXPECT_TRUE(rd->on(q.app)) << "a ride goes to an app the rider has";
        const RideCategory& cat = r.categories[q.category];
        EXPECT_EQ(cat.app, kRideApps[static_cast<size_t>(q.app)]);
        if (cat.moto && ref().states[r.cities[rd->city].state].uf == "SP") ++moto_sp;
        ++by_app[static_cast<size_t>(q.app)];
        const int hour = brasilia_hour(q.time_ms);
        if (day_kind_of(day) == DayKind::Weekday) {
          ++weekday_requests;
          ++weekday_hours[static_cast<size_t>(hour)];
        }
        if (w.hours[static_cast<size_t>(hour)] == Rain::Heavy) rain_rides += 1;
        else if (w.hours[static_cast<size_t>(hour)] == Rain::None) dry_rides += 1;
      }
      for (int h = 0; h < 24; ++h) {
        if (w.hours[static_cast<size_t>(h)] == Rain::Heavy) rain_hours += r.hour_share[static_cast<size_t>(day_kind_of(day))][static_cast<size_t>(h)];
        if (w.hours[static_cast<size_t>(h)] == Rain::None) dry_hours += r.hour_share[static_cast<size_t>(day_kind_of(day))][static_cast<size_t>(h)];
      }
    }
  }
  ASSERT_GT(riders, customers / 5) << "capital metros hold a large share of the population";
  EXPECT_LT(riders, customers * 3 / 4);
  const double per_month = static_cast<double>(requests) / static_cast<double>(riders) / 3.0;
  EXPECT_GT(per_month, 3.0);
  EXPECT_LT(per_month, 9.0) << "about 5.6 trips a month per active consumer";
  EXPECT_EQ(moto_sp, 0u);
  EXPECT_GT(by_app[0], by_app[1]);
  EXPECT_GT(by_app[1], by_app[2]);
  const double at18 = static_cast<double>(weekday_hours[18]) / static_cast<double>(weekday_requests);
  const double at4 = static_cast<double>(weekday_hours[4]) / static_cast<double>(weekday_requests);
  EXPECT_GT(at18, 0.060) << "Data Gaudium: 7.02% at 18 h on weekdays";
  EXPECT_LT(at18, 0.080);
  EXPECT_LT(at4, 0.010) << "and 0.59% at 4 h";
  // Heavy rain brings more requests per unit of the hour curve than dry hours.
  ASSERT_GT(rain_hours, 0);
  EXPECT_GT((rain_rides / rain_hours) / (dry_rides / dry_hours), 1.1);
}

TEST(Riders, AStoredRiderIsTheRiderItWasMadeFrom) {
  const RideReference& r = rides();
  SimConfig cfg{11, days_from_civil(2025, 1, 1), days_from_civil(2025, 12, 31), true, 0.01};
  SimContext ctx(ref(), cfg);
  std::vector<CityGeography> geos;
  for (uint32_t c = 0; c < r.cities.size(); ++c) geos.emplace_back(ref(), r, c);
  uint64_t riders = 0, phone_changes = 0, card_changes = 0, families = 0, late_accounts = 0, taken_several = 0;
  std::optional<Rider> some;
  for (uint64_t i = 0; i < 6000; ++i) {
    const std::optional<Rider> rd = make_rider(ctx, r, geos, make_customer(ctx, i));
    if (!rd) continue;
    ++riders;
    some = rd;
    const Rider back = StoredRider(*rd).rider();
    EXPECT_EQ(back.customer, rd->customer);
    EXPECT_EQ(back.city, rd->city);
    EXPECT_EQ(back.profile, rd->profile);
    EXPECT_EQ(back.activity, rd->activity);
    EXPECT_EQ(back.apps, rd->apps);
    EXPECT_EQ(back.account_created_day, rd->account_created_day);
    EXPECT_EQ(back.home.lat, rd->home.lat);
    EXPECT_EQ(back.home.lon, rd->home.lon);
    EXPECT_EQ(back.work.lat, rd->work.lat);
    EXPECT_EQ(back.work.lon, rd->work.lon);
    EXPECT_EQ(back.family_phone, rd->family_phone);
    EXPECT_EQ(back.phone_changes, rd->phone_changes);
    EXPECT_EQ(back.card_period, rd->card_period);
    EXPECT_EQ(back.card_phase, rd->card_phase);
    EXPECT_EQ(back.card_changes, rd->card_changes);
    EXPECT_EQ(back.customers_taken, rd->customers_taken);
    phone_changes += rd->phone_changes[0] != kNoDay;
    card_changes += rd->card_changes[0] != kNoDay;
    families += rd->family_phone;
    taken_several += rd->customers_taken > 1;
    for (size_t app = 0; app < 3; ++app) late_accounts += rd->on(static_cast<RideApp>(app)) && rd->account_created_day[app] >= cfg.start_day;
  }
  // Every kind of value went through: days and their absence, flags, counts above one.
  EXPECT_GT(riders, 3000u);
  EXPECT_GT(phone_changes, 0u);
  EXPECT_LT(phone_changes, riders);
  EXPECT_GT(card_changes, 0u);
  EXPECT_GT(families, 0u);
  EXPECT_GT(late_accounts, 0u);
  EXPECT_GT(taken_several, 0u);
  // A value its stored width cannot hold is refused, not cut.
  ASSERT_TRUE(some);
  Rider wide = *some;
  wide.customers_taken = 300;
  EXPECT_THROW(StoredRider{wide}, std::logic_error);
  wide = *some;
  wide.card_changes[0] = int64_t{1} << 40;
  EXPECT_THROW(StoredRider{wide}, std::logic_error);
}

TEST(RideTrips, OutcomesTimesAndMoneyAddUp) {
  const RideReference& r = rides();
  SimConfig cfg{6, days_from_civil(2025, 1, 1), days_from_civil(2025, 12, 31), true, 0.01};
  SimContext ctx(ref(), cfg);
  std::vector<CityGeography> geos;
  for (uint32_t c = 0; c < r.cities.size(); ++c) geos.emplace_back(ref(), r, c);
  std::array<uint64_t, 4> status{};
  uint64_t trips = 0, digital_completed = 0, tipped = 0, indrive = 0, zero_fee = 0, cancel_fees = 0;
  std::vector<double> per_km;
  std::vector<RideRequest> requests;
  for (uint64_t i = 0; i < 1500; ++i) {
    const Customer c = make_customer(ctx, i);
    const std::optional<Rider> rd = make_rider(ctx, r, geos, c);
    if (!rd) continue;
    for (int64_t day = cfg.start_day; day <= cfg.end_day; day += 3) {
      const DayWeather w = day_weather(ref(), r, cfg.seed, rd->city, day);
      requests.clear();
      rider_requests(ctx, r, geos[rd->city], *rd, day, w, requests);
      for (const RideRequest& q : requests) {
        const int bucket = bucket_of(q.time_ms);
        const ZoneConditions z = zone_conditions(ref(), r, cfg.seed, rd->city, q.pickup_zone, day, bucket, w);
        const RideTrip t = ride_trip(ctx, r, *rd, q, z);
        ++trips;
        ++status[static_cast<size_t>(t.status)];
        const RideCategory& cat = r.categories[q.category];
        if (q.app == RideApp::InDrive) {
          ++indrive;
          EXPECT_EQ(t.surge_tenths, 10) << "inDrive has no surge";
          EXPECT_GT(t.offer_cents, 0);
          EXPECT_GE(t.agreed_cents, t.offer_cents);
        } else {
          EXPECT_EQ(t.surge_tenths, z.surge_tenths) << "the zone's surge";
        }
        EXPECT_EQ(t.upfront.total_cents(), t.upfront.base_cents + t.upfront.distance_cents + t.upfront.time_cents + t.upfront.surge_cents +
                                                t.upfront.minimum_topup_cents + t.upfront.municipal_fee_cents);
        switch (t.status) {
          case RideStatus::Completed: {
            ASSERT_LT(t.request_ms, t.accept_ms);
            ASSERT_LT(t.accept_ms, t.arrive_ms);
            ASSERT_LE(t.arrive_ms, t.start_ms);
            ASSERT_LT(t.start_ms, t.end_ms);
            EXPECT_EQ(t.end_ms - t.start_ms, t.actual_duration_s * 1000);
            EXPECT_GT(t.fare_cents, 0);
            if (q.app == RideApp::InDrive) {
              EXPECT_EQ(t.fare_cents, t.agreed_cents);
              EXPECT_EQ(t.municipal_fee_cents, t.upfront.municipal_fee_cents > 0 ? std::llround(t.actual_distance_m / 100.0) : 0);
            } else {
              EXPECT_EQ(t.metered, t.actual_distance_m > t.quoted_distance_m * 12 / 10) << "metered only when the route changed much";
              EXPECT_EQ(t.fare_cents, t.charged.total_cents());
              if (!t.metered) { EXPECT_EQ(t.fare_cents, t.upfront.total_cents()); }
              EXPECT_EQ(t.municipal_fee_cents, t.charged.municipal_fee_cents);
            }
            EXPECT_EQ(t.fare_cents, t.platform_fee_cents + t.driver_earnings_cents - t.tip_cents + t.municipal_fee_cents) << "the money adds up";
            if (t.zero_fee_day) {
              ++zero_fee;
              EXPECT_EQ(t.platform_fee_cents, 0);
            }
            if (q.payment != RidePayment::Cash) {
              ++digital_completed;
              tipped += t.tip_cents > 0;
            } else {
              EXPECT_EQ(t.tip_cents, 0) << "no tips on cash rides";
            }
            if (t.tip_cents > 0) {
              EXPECT_GT(t.tip_ms, t.end_ms);
            }
            if (cat.level == RideLevel::Economy && q.app != RideApp::InDrive && t.surge_tenths == 10 && t.quoted_distance_m >= 5000 &&
                t.quoted_distance_m <= 10000 && t.fare_cents == t.upfront.total_cents() && t.upfront.minimum_topup_cents == 0)
              per_km.push_back(static_cast<double>(t.fare_cents - t.upfront.municipal_fee_cents) / 100.0 / (t.quoted_distance_m / 1000.0));
            break;
          }
          case RideStatus::NoDriver:
            EXPECT_EQ(t.accept_ms, kNoTime);
            EXPECT_EQ(t.fare_cents, 0);
            EXPECT_GT(t.cancel_ms, t.request_ms);
            break;
          case RideStatus::RiderCancelled:
            EXPECT_GT(t.cancel_ms, t.accept_ms);
            EXPECT_EQ(t.fare_cents, t.cancel_fee_cents);
            if (t.cancel_ms - t.accept_ms <= 3 * 60'000) {
              EXPECT_EQ(t.cancel_fee_cents, 0) << "free for three minutes";
            }
            cancel_fees += t.cancel_fee_cents > 0;
            break;
          case RideStatus::DriverCancelled:
            EXPECT_GT(t.cancel_ms, t.accept_ms);
            EXPECT_EQ(t.fare_cents, 0);
            break;
        }
      }
    }
  }
  ASSERT_GT(trips, 5000u);
  const double n = static_cast<double>(trips);
  EXPECT_NEAR(status[0] / n, 0.82, 0.06) << "completed";
  EXPECT_NEAR(status[1] / n, 0.07, 0.04) << "cancelled by the rider";
  EXPECT_NEAR(status[2] / n, 0.07, 0.04) << "cancelled by the driver";
  EXPECT_GT(status[3], 0u);
  EXPECT_LT(status[3] / n, 0.08) << "no driver";
  EXPECT_GT(indrive, trips / 40);
  EXPECT_GT(zero_fee, 0u);
  EXPECT_GT(cancel_fees, 0u);
  EXPECT_NEAR(static_cast<double>(tipped) / static_cast<double>(digital_completed), 0.08, 0.04);
  ASSERT_GT(per_km.size(), 100u);
  std::sort(per_km.begin(), per_km.end());
  const double median = per_km[per_km.size() / 2];
  EXPECT_GT(median, 1.6) << "median economy fare per km, 5-10 km, no surge, 2025";
  EXPECT_LT(median, 2.8);
}

TEST(MetroDay, EveryAcceptedRideGetsAnOnlineIdleDriverOnItsAppWithAFittingVehicle) {
  const RideReference& r = rides();
  SimConfig cfg{8, days_from_civil(2025, 3, 1), days_from_civil(2025, 3, 31), true, 0.01};
  SimContext ctx(ref(), cfg);
  const uint64_t customers = 6000;
  std::vector<DriverPerson> drivers;
  for (uint64_t i = 0; i < drivers_for(customers); ++i) drivers.push_back(make_driver(ctx, r, i));
  std::vector<uint64_t> drivers_in(r.cities.size(), 0);
  for (const DriverPerson& d : drivers) ++drivers_in[d.city];
  const DispatchAreas areas(drivers_in, kDispatchAreaDrivers, drivers.size());
  ASSERT_EQ(areas.size(), r.cities.size()) << "one dispatch area a capital";
  const RideMarket market(ref());
  for (uint32_t c = 0; c < r.cities.size(); ++c) {
    const auto& served = market.categories_in(c);
    EXPECT_TRUE(served[0]) << "UberX runs in every capital";
    for (size_t k = 0; k < r.categories.size(); ++k) {
      if (r.categories[k].moto) { EXPECT_EQ(served[k], r.cities[c].moto_allowed); }
      if (r.categories[k].level == RideLevel::Black) { EXPECT_EQ(served[k], r.cities[c].black_min_model_year.has_value()); }
    }
  }
  const std::vector<CityGeography>& geos = market.geographies();
  std::vector<Rider> riders;
  for (uint64_t i = 0; i < customers; ++i)
    if (auto rd = market.rider_of(ctx, make_customer(ctx, i))) riders.push_back(*rd);
  uint64_t assigned = 0, spare_days = 0, reserves = 0;
  for (std::string_view uf : {"SP", "TO", "BA"}) {
    const uint32_t city = static_cast<uint32_t>(ref().state_index(uf));
    std::vector<const DriverPerson*> local;
    for (const DriverPerson& d : drivers)
      if (d.city == city) local.push_back(&d);
    for (int64_t day = cfg.start_day; day < cfg.start_day + 7; ++day) {
      const DayWeather w = day_weather(ref(), r, cfg.seed, city, day);
      std::vector<MetroRide> day_rides;
      for (const Rider& rd : riders) {
        if (rd.city != city) continue;
        market.rider_day(ctx, rd, day, w, day_rides);
      }
      std::vector<MetroRide> again = day_rides;
      std::vector<DriverSession> sessions, sessions_again;
      assign_drivers(ctx, r, geos[city], areas, city, local, day, w, day_rides, sessions);
      assign_drivers(ctx, r, geos[city], areas, city, local, day, w, again, sessions_again);
      std::map<uint64_t, std::vector<std::pair<int64_t, int64_t>>> busy, online;
      for (const DriverSession& s : sessions) online[s.driver].emplace_back(s.online_ms, s.offline_ms);
      for (size_t k = 0; k < day_rides.size(); ++k) {
        const MetroRide& m = day_rides[k];
        ASSERT_EQ(m.driver, again[k].driver) << "the same drivers for the same day";
        if (m.trip.status == RideStatus::NoDriver) {
          EXPECT_EQ(m.driver, -1);
          continue;
        }
        ASSERT_GE(m.driver, 0);
        ++assigned;
        const DriverPerson d = driver_by_index(ctx, r, areas, static_cast<uint64_t>(m.driver));
        reserves += static_cast<uint64_t>(m.driver) >= drivers.size();
        EXPECT_EQ(d.city, city);
        EXPECT_TRUE(d.on(m.request.app));
        EXPECT_TRUE(vehicle_fits(r, d, r.categories[m.request.category]));
        const int64_t until = m.trip.status == RideStatus::Completed ? m.trip.end_ms : m.trip.cancel_ms;
        busy[d.index].emplace_back(m.trip.accept_ms, until);
        const auto& on = online[d.index];
        EXPECT_TRUE(std::any_of(on.begin(), on.end(), [&](const auto& s) { return m.trip.accept_ms >= s.first && m.trip.accept_ms < s.second; }))
            << "accepted while online";
      }
      for (auto& [driver, spans] : busy) {
        std::sort(spans.begin(), spans.end());
        for (size_t k = 1; k < spans.size(); ++k) EXPECT_GE(spans[k].first, spans[k - 1].second) << "one ride at a time, driver " << driver;
      }
      for (auto& [driver, spans] : online) {
        std::sort(spans.begin(), spans.end());
        for (size_t k = 1; k < spans.size(); ++k) EXPECT_GT(spans[k].first, spans[k - 1].second) << "sessions do not overlap";
      }
      spare_days += sessions.size() > 0;
    }
  }
  EXPECT_GT(assigned, 200u);
  EXPECT_GT(spare_days, 0u);
  EXPECT_LT(reserves, assigned / 4) << "reserves cover peaks, the population the rest";
}

TEST(RideWorld, AFortnightOfEveryCapitalHoldsTogether) {
  const RideReference& r = rides();
  SimConfig cfg{12, days_from_civil(2025, 5, 5), days_from_civil(2025, 5, 18), true, 0.01};
  SimContext ctx(ref(), cfg);
  const RideMarket market(ref());
  const RideWorld world(ctx, market, 3000);
  ASSERT_GT(world.riders(), 600u);
  std::map<std::pair<uint64_t, int64_t>, int> rides_of_driver_day;  // completed rides by (driver, day)
  std::map<std::pair<uint32_t, int64_t>, int> zone_surge;            // by (zone key, bucket) -> surge
  uint64_t completed = 0, rated = 0, five = 0, stars = 0, rider_stars = 0, rider_rated = 0, surge_conflicts = 0;
  std::vector<MetroRide> day_rides;
  for (uint32_t city = 0; city < r.cities.size(); ++city)
    for (int64_t day = cfg.start_day; day <= cfg.end_day; ++day) {
      std::vector<DriverSession> sessions;
      world.area_day(city, day, day_rides, sessions);
      for (const MetroRide& m : day_rides) {
        if (m.trip.status == RideStatus::NoDriver) continue;
        const DriverPerson d = static_cast<uint64_t>(m.driver) < world.drivers() ? world.driver(static_cast<uint64_t>(m.driver))
                                                                                 : driver_by_index(ctx, r, world.dispatch_areas(), static_cast<uint64_t>(m.driver));
        ASSERT_TRUE(d.on(m.request.app)) << "the ride's app is the driver's";
        ASSERT_TRUE(vehicle_fits(r, d, r.categories[m.request.category]));
        if (m.request.app != RideApp::InDrive) {
          const uint32_t key = static_cast<uint32_t>(city * 100000 + (m.request.pickup_zone.airport + 1) * 1000 + m.request.pickup_zone.ring * 10 +
                                                     m.request.pickup_zone.sector);
          const auto [it, inserted] = zone_surge.try_emplace({key, m.trip.request_ms / kBucketMillis}, m.trip.surge_tenths);
          surge_conflicts += !inserted && it->second != m.trip.surge_tenths;
        }
        if (m.trip.status != RideStatus::Completed) continue;
        ++completed;
        ++rides_of_driver_day[{d.index, day}];
        if (m.rating_by_rider) {
          ++rated;
          stars += static_cast<uint64_t>(m.rating_by_rider);
          five += m.rating_by_rider == 5;
        }
        if (m.rating_by_driver) {
          ++rider_rated;
          rider_stars += static_cast<uint64_t>(m.rating_by_driver);
        }
      }
    }
  ASSERT_GT(completed, 2000u);
  EXPECT_EQ(surge_conflicts, 0u) << "every ride of a zone and five minutes shows the same surge";
  EXPECT_NEAR(static_cast<double>(rated) / static_cast<double>(completed), 0.65, 0.03);
  EXPECT_NEAR(static_cast<double>(five) / static_cast<double>(rated), 0.92, 0.02);
  EXPECT_NEAR(static_cast<double>(stars) / static_cast<double>(rated), 4.85, 0.05) << "drivers' mean near 4.85";
  EXPECT_NEAR(static_cast<double>(rider_stars) / static_cast<double>(rider_rated), 4.88, 0.05) << "riders' mean near 4.88";
  double full_time_rides = 0, full_time_days = 0;
  for (const auto& [key, n] : rides_of_driver_day) {
    if (key.first >= world.drivers() || world.driver(key.first).activity != DriverActivity::FullTime) continue;
    full_time_rides += n;
    ++full_time_days;
  }
  ASSERT_GT(full_time_days, 0);
  RecordProperty("rides_per_full_time_driver_day", std::to_string(full_time_rides / full_time_days));
}

TEST(RideWorld, ADaysSessionsComeOnlineOnThatDay) {
  // --partition-by puts a block's sessions in its days' partitions. Sessions run past midnight,
  // and a break in one used to bring its second part online the next day (after the run's last
  // date, on the last day).
  SimConfig cfg{5, days_from_civil(2025, 3, 1), days_from_civil(2025, 3, 20), true, 0.01};
  SimContext ctx(ref(), cfg);
  const RideMarket market(ref());
  const RideWorld world(ctx, market, 60000);
  uint64_t sessions_seen = 0, past_midnight = 0;
  std::vector<MetroRide> day_rides;
  for (const uint32_t c : {city("SP"), city("RJ"), city("MG")})
    for (int64_t day = cfg.start_day; day <= cfg.end_day; ++day) {
      std::vector<DriverSession> sessions;
      world.area_day(c, day, day_rides, sessions);
      for (const DriverSession& s : sessions) {
        ASSERT_EQ(local_day_of(s.online_ms), day) << "city " << c << " driver " << s.driver << " online " << s.online_ms;
        past_midnight += local_day_of(s.offline_ms) > day;
      }
      sessions_seen += sessions.size();
    }
  EXPECT_GT(sessions_seen, 10000u);
  EXPECT_GT(past_midnight, 50u) << "sessions that run past midnight, the case to check";
}

TEST(RideReference, ProfilesShiftWhoRidesWhenWhileTogetherTheyKeepTheCityCurve) {
  const RideReference& r = rides();
  for (size_t k = 0; k < 3; ++k) {
    std::array<double, 24> together{};
    double volume = 0;
    for (size_t i = 0; i < r.profiles.size(); ++i) {
      const double v = r.profiles[i].weight * r.profiles[i].rides_per_week;
      volume += v;
      double sum = 0;
      for (int h = 0; h < 24; ++h) {
        together[static_cast<size_t>(h)] += v * r.profile_hour_share[i][k][static_cast<size_t>(h)];
        sum += r.profile_hour_share[i][k][static_cast<size_t>(h)];
      }
      EXPECT_NEAR(sum, 1.0, 1e-12);
    }
    for (int h = 0; h < 24; ++h) EXPECT_NEAR(together[static_cast<size_t>(h)] / volume, r.hour_share[k][static_cast<size_t>(h)], 1e-6) << "hour " << h;
  }
  // Commuters ride at the rush hours more than the city does, night owls after 22 h.
  for (size_t i = 0; i < r.profiles.size(); ++i) {
    const auto& weekday = r.profile_hour_share[i][0];
    if (r.profiles[i].name == "daily_commuter") {
      EXPECT_GT(weekday[8], 1.3 * r.hour_share[0][8]);
    }
    if (r.profiles[i].name == "nightlife") {
      EXPECT_GT(weekday[23], 1.3 * r.hour_share[0][23]);
    }
  }
}

TEST(RidePayments, ARidersCardAndPixRidesAreTheirPaymentsToTheAppAndNothingElseIsPaidToTheApps) {
  SimConfig cfg{21, days_from_civil(2025, 1, 1), days_from_civil(2025, 2, 28), true, 0.05};
  SimContext ctx(ref(), cfg);
  auto market = std::make_shared<const RideMarket>(ref());
  ctx.attach_ride_market(market);
  SimContext banking_only(ref(), cfg);
  std::set<int32_t> app_merchants;
  for (int a = 0; a < 3; ++a) app_merchants.insert(market->app_merchant(static_cast<RideApp>(a)));
  auto app_brand = [&](int32_t m) { return m >= 0 && market->outside_the_apps(m) != m; };
  uint64_t riders = 0, payments = 0, pix = 0, non_rider_app_payments = 0, foreign = 0, discounted = 0;
  for (uint64_t i = 0; i < 600; ++i) {
    Customer c = make_customer(ctx, i);
    open_window(ctx, c, cfg.start_day, cfg.end_day);
    std::vector<Transaction> tl;
    simulate_timeline(ctx, c, 0, tl);
    ASSERT_EQ(count_timeline_rows(ctx, c).transactions, tl.size()) << "the plan counts the ride payments";
    const std::optional<Rider> rider = market->rider_of(ctx, c);
    if (!rider) {
      // Outside the capitals' metros nothing changes: the banking model's own timeline.
      std::vector<Transaction> alone;
      simulate_timeline(banking_only, c, 0, alone);
      ASSERT_EQ(alone.size(), tl.size());
      for (size_t k = 0; k < tl.size(); ++k) ASSERT_EQ(alone[k].merchant, tl[k].merchant);
      for (const Transaction& t : tl) non_rider_app_payments += app_brand(t.merchant);
      continue;
    }
    ++riders;
    // Expected: every completed ride paid by card or Pix that ended in the range.
    std::multiset<std::tuple<int64_t, int64_t, int32_t, int>> expected, actual;
    for (int64_t day = cfg.start_day - 1; day <= cfg.end_day; ++day) {
      std::vector<MetroRide> rides;
      market->rider_day(ctx, *rider, day, day_weather(ref(), market->reference(), cfg.seed, rider->city, day), rides);
      for (const MetroRide& m : rides) {
        const RidePayment p = m.request.payment;
        if (m.trip.status != RideStatus::Completed || (p != RidePayment::CreditCard && p != RidePayment::DebitCard && p != RidePayment::Pix)) continue;
        if (local_day_of(m.trip.end_ms) < cfg.start_day || local_day_of(m.trip.end_ms) > cfg.end_day) continue;
        // A card that is not the rider's (stolen, or put on the account by an attacker) is not their bank's.
        if (!m.rider.own_payment || charged_cents(m) == 0) {
          foreign += !m.rider.own_payment;
          continue;
        }
        const int type = p == RidePayment::CreditCard ? vocab::CREDIT_CARD : p == RidePayment::DebitCard ? vocab::DEBIT_CARD : vocab::PIX;
        expected.insert({m.trip.end_ms, charged_cents(m), market->app_merchant(m.request.app), type});
        discounted += charged_cents(m) < m.trip.fare_cents;
      }
    }
    for (const Transaction& t : tl) {
      if (t.ride_payment) {
        actual.insert({t.time_ms, t.amount_cents, t.merchant, t.type});
        EXPECT_EQ(t.channel, vocab::MOBILE_APP);
        EXPECT_GE(t.device_slot, 0) << "paid in the app on the rider's phone";
        pix += t.type == vocab::PIX;
      } else {
        EXPECT_FALSE(app_brand(t.merchant) && !t.is_fraud()) << "a rider's own purchases at the apps' brands are their rides";
      }
    }
    EXPECT_EQ(actual, expected) << "customer " << i;
    payments += actual.size();
  }
  EXPECT_GT(riders, 150u);
  EXPECT_GT(payments, 300u);
  EXPECT_GT(pix, 30u);
  EXPECT_GT(foreign, 0u) << "rides on stolen or attackers' cards, which the riders' bank never sees";
  EXPECT_GT(discounted, 0u) << "promotions and split fares: the bank sees the amount charged";
  EXPECT_GT(non_rider_app_payments, 0u) << "customers outside the metros still pay ride apps in their own towns";
}

TEST(RideMarket, RiderDaysInOrderAreRiderDayDayByDayIncludingRequestsHeldBackByTheNightBefore) {
  SimConfig cfg{33, days_from_civil(2025, 1, 1), days_from_civil(2025, 6, 30), true, 0.01};
  SimContext ctx(ref(), cfg);
  const RideMarket market(ref());
  uint64_t rides = 0, held_back_by_night = 0;
  for (uint64_t i = 0; i < 4000 && held_back_by_night < 3; ++i) {
    const std::optional<Rider> rider = market.rider_of(ctx, make_customer(ctx, i));
    if (!rider) continue;
    int64_t last_finish = std::numeric_limits<int64_t>::min();  // of the day before, as rider_day saw it
    market.rider_days(ctx, *rider, cfg.start_day, cfg.end_day, [&](int64_t day, const std::vector<MetroRide>& got) {
      std::vector<MetroRide> want;
      market.rider_day(ctx, *rider, day, market.weather(ctx, rider->city, day), want);
      ASSERT_EQ(got.size(), want.size()) << "customer " << i << " day " << day;
      for (size_t k = 0; k < got.size(); ++k) {
        EXPECT_EQ(got[k].trip.request_ms, want[k].trip.request_ms);
        EXPECT_EQ(got[k].trip.fare_cents, want[k].trip.fare_cents);
      }
      // Requests of the day made before the night before's ride was over are not made.
      std::vector<RideRequest> asked;
      rider_requests(ctx, market.reference(), market.geography(rider->city), *rider, day, market.weather(ctx, rider->city, day), asked,
                     market.categories_in(rider->city));
      if (!asked.empty() && asked.front().time_ms < last_finish) ++held_back_by_night;
      int64_t finish = std::numeric_limits<int64_t>::min();
      for (const MetroRide& m : want) {
        EXPECT_GE(m.trip.request_ms, last_finish) << "asked for a ride while on one";
        finish = m.trip.status == RideStatus::Completed ? m.trip.end_ms : m.trip.cancel_ms;
      }
      last_finish = finish;
      rides += got.size();
    });
  }
  EXPECT_GT(rides, 1000u);
  EXPECT_GT(held_back_by_night, 0u) << "no request was held back by a ride under way at midnight: the case is not exercised";
}

// A ride block holds its span's rides whole and the 8 days before it only as history events, so
// a worker's memory follows the block's requests, not the city's daily volume. Blocks of about 256
// requests in a world of 8,000 customers: São Paulo's span a couple of days, and their lookback
// holds several times the span's rides. Holding them whole (as blocks once did) would take more
// than the whole simulator holds now. Its rows, written a slice at a time, are the rows written at once.
TEST(RideBlocks, ABlockHoldsItsLookbackAsHistoryEventsNotWholeRides) {
  SimContext ctx(ref(), {7, days_from_civil(2025, 3, 1), days_from_civil(2025, 3, 31), true, 0.03});
  const RideMarket market(ref());
  const RideWorld world(ctx, market, 8000);
  const uint32_t sp = city("SP");
  RideLayout layout;
  layout.blocks = ride_blocks(world, ctx.config().start_day, ctx.config().end_day, {}, 256);
  layout.population = world.drivers();
  // São Paulo's block that starts 10 days in.
  uint64_t block = layout.blocks.size();
  for (uint64_t b = 0; b < layout.blocks.size(); ++b)
    if (layout.blocks[b].area == sp && layout.blocks[b].first_day >= ctx.config().start_day + 10) {
      block = b;
      break;
    }
  ASSERT_LT(block, layout.blocks.size());
  const RideBlock& rb = layout.blocks[block];
  ASSERT_LE(rb.end_day - rb.first_day, 3) << "blocks of 256 requests span a few of São Paulo's days";
  uint64_t lookback = 0;
  std::vector<MetroRide> day;
  std::vector<DriverSession> sessions;
  for (int64_t d = rb.first_day - kRideHistoryLookbackDays; d < rb.first_day; ++d) {
    world.area_day(sp, d, day, sessions);
    lookback += day.size();
  }
  RideBlockSimulator sim(world, layout);
  sim.prepare(block, Table::Rides);
  const uint64_t span = sim.rows(Table::Rides);
  ASSERT_GT(lookback, 2 * span);
  EXPECT_LT(sim.held_bytes(), (span + lookback) * sizeof(MetroRide)) << span << " rides and " << lookback << " before them";

  // Slices of 100 rows against one slice of every row, from a simulator of that block alone.
  RideLayout wide = layout;
  wide.blocks = {{sp, rb.first_day, rb.end_day}};
  RideBlockSimulator alone(world, wide);
  alone.prepare(0, Table::Rides);
  ASSERT_EQ(alone.rows(Table::Rides), span);
  const BlockSimulator::Slice whole = alone.slice(Table::Rides, 0, span);
  const ColumnBatch& all = *whole.batch;
  for (uint64_t at = 0; at < span; at += 100) {
    const BlockSimulator::Slice part = sim.slice(Table::Rides, at, std::min(span, at + 100));
    for (size_t r = part.first; r < part.last; ++r)
      for (int c = 0; c < static_cast<int>(all.schema().columns.size()); ++c) {
        const ColumnData &x = part.batch->column(c), &y = all.column(c);
        const size_t rx = r, ry = whole.first + at + (r - part.first);
        ASSERT_EQ(x.valid[rx], y.valid[ry]);
        if (!x.valid[rx]) continue;
        const std::string_view name = all.schema().columns[static_cast<size_t>(c)].name;
        if (!x.ints.empty() || !y.ints.empty()) {
          ASSERT_EQ(x.ints[rx], y.ints[ry]) << name;
        }
        if (!x.doubles.empty() || !y.doubles.empty()) {
          ASSERT_EQ(x.doubles[rx], y.doubles[ry]) << name;
        }
        if (x.offsets.size() > 1 || y.offsets.size() > 1) {
          ASSERT_EQ(x.str(rx), y.str(ry)) << name;
        }
      }
  }
}

// Workers share their days' history events: a block that finds its lookback there writes the
// rows it would have written alone, two threads filling and reading it meet no race, and it
// keeps within its bound by dropping the earliest days.
namespace {
// A whole row of a batch as text, every column (null as "-").
std::string row_text(const ColumnBatch& batch, size_t r) {
  std::string out;
  for (size_t c = 0; c < batch.schema().columns.size(); ++c) {
    const ColumnData& d = batch.column(static_cast<int>(c));
    if (!d.valid[r]) out += "-";
    else if (d.offsets.size() > r + 1) out += d.str(r);
    else if (d.doubles.size() > r) out += std::to_string(d.doubles[r]);
    else out += std::to_string(d.ints[r]);
    out += '|';
  }
  return out;
}
}  // namespace

TEST(RideBlocks, WithASpillFolderABlocksDaysBeforeWaitOnDiskAndItsRowsAreTheSame) {
  // São Paulo's blocks of 1,024 requests in a world of 100,000 customers: the 8 days before a
  // block are many times the block.
  SimContext ctx(ref(), {7, days_from_civil(2025, 3, 1), days_from_civil(2025, 3, 20), true, 0.05});
  const RideMarket market(ref());
  const RideWorld world(ctx, market, 100'000);
  const uint32_t sp = city("SP");
  RideLayout layout;
  layout.blocks = ride_blocks(world, ctx.config().start_day, ctx.config().end_day, {}, 1024);
  layout.population = world.drivers();
  uint64_t block = layout.blocks.size();
  for (uint64_t b = 0; b < layout.blocks.size() && block == layout.blocks.size(); ++b)
    if (layout.blocks[b].area == sp && layout.blocks[b].first_day >= ctx.config().start_day + 10) block = b;
  ASSERT_LT(block, layout.blocks.size());
  const std::filesystem::path dir = fresh_folder("lookback");
  RideBlockSimulator held(world, layout), spilled(world, layout, nullptr, dir);
  EXPECT_TRUE(std::filesystem::is_empty(dir)) << "its file has no name";
  held.prepare(block, Table::Rides);
  spilled.prepare(block, Table::Rides);
  ASSERT_EQ(spilled.rows(Table::Rides), held.rows(Table::Rides));
  const uint64_t span = held.rows(Table::Rides);
  // Every column of every row, history features included.
  const BlockSimulator::Slice a = held.slice(Table::Rides, 0, span);
  std::vector<std::string> held_rows;
  for (size_t r = a.first; r < a.last; ++r) held_rows.push_back(row_text(*a.batch, r));
  const BlockSimulator::Slice b = spilled.slice(Table::Rides, 0, span);
  for (size_t r = b.first; r < b.last; ++r) ASSERT_EQ(row_text(*b.batch, r), held_rows[r - b.first]) << "row " << r - b.first;
  // Held, a block keeps its 8 days before as events; spilled, a run of them at a time.
  uint64_t lookback = 0, largest_day = 0;
  std::vector<MetroRide> day;
  std::vector<DriverSession> sessions;
  for (int64_t d = layout.blocks[block].first_day - kRideHistoryLookbackDays; d < layout.blocks[block].first_day; ++d) {
    world.area_day(sp, d, day, sessions);
    lookback += day.size();
    largest_day = std::max<uint64_t>(largest_day, day.size());
  }
  ASSERT_GT(lookback, 2 * std::max<uint64_t>(span, 8192)) << "the days before outweigh the block and a run read back";
  EXPECT_GE(held.held_bytes(), spilled.held_bytes() + (lookback - largest_day - 8192) * sizeof(RideHistoryEvent));
  std::filesystem::remove_all(dir);
}

// The reserve drivers a run used are written 4,096 to a block, like the population, so the
// drivers table's last batch does not grow with the reserves (their number grows with the
// dispatch areas: 60 MB of rows in one batch at 16,000,000 customers over three days); their
// rows are those of one reserve after another, in order.
TEST(RideBlocks, ReserveDriversComeInBlocksOf4096) {
  SimContext ctx(ref(), {13, days_from_civil(2025, 5, 1), days_from_civil(2025, 5, 2), true, 0.01});
  const RideMarket market(ref());
  const RideWorld world(ctx, market, 2000);
  RideLayout layout;
  layout.population = world.drivers();
  ASSERT_EQ(layout.driver_blocks(), layout.population_blocks() + 1) << "one reserve block, even empty";
  for (uint64_t k = 0; k < 10'000; ++k)
    layout.reserves.push_back(reserve_driver_index(world.reference(), layout.population, static_cast<uint32_t>(k % world.areas()), 0, k / world.areas()));
  std::sort(layout.reserves.begin(), layout.reserves.end());
  ASSERT_EQ(layout.driver_blocks(), layout.population_blocks() + 3);
  RideBlockSimulator sim(world, layout);
  auto ids_of = [&](uint64_t block) {
    sim.prepare(block, Table::Drivers);
    const BlockSimulator::Slice s = sim.slice(Table::Drivers, 0, sim.rows(Table::Drivers));
    std::vector<std::string> out;
    for (size_t r = s.first; r < s.last; ++r) out.push_back(row_text(*s.batch, r));
    return out;
  };
  std::vector<std::string> blocks;
  for (uint64_t b = layout.population_blocks(); b < layout.driver_blocks(); ++b) {
    const std::vector<std::string> rows = ids_of(b);
    EXPECT_GT(rows.size(), 0u);
    blocks.insert(blocks.end(), rows.begin(), rows.end());
  }
  // The same rows as the reserves written one after another.
  std::vector<std::string> one_by_one;
  for (uint64_t i : layout.reserves) {
    ColumnBatch batch(schema_of(Table::Drivers));
    write_driver_rows(batch, ctx, world.reference(), driver_by_index(ctx, world.reference(), world.dispatch_areas(), i));
    for (size_t r = 0; r < batch.rows(); ++r) one_by_one.push_back(row_text(batch, r));
  }
  EXPECT_EQ(blocks, one_by_one);
}

TEST(RideBlocks, LabelsAndSessionsMadeFromTheSpanAloneAreThoseMadeWithTheRides) {
  SimContext ctx(ref(), {13, days_from_civil(2025, 5, 1), days_from_civil(2025, 5, 20), true, 0.2});
  const RideMarket market(ref());
  const RideWorld world(ctx, market, 3000);
  RideLayout layout;
  layout.blocks = ride_blocks(world, ctx.config().start_day, ctx.config().end_day, {}, 512);
  layout.population = world.drivers();
  auto rows_of = [](RideBlockSimulator& sim, uint64_t b, Table t) {
    sim.prepare(b, t);
    const BlockSimulator::Slice s = sim.slice(t, 0, sim.rows(t));
    std::vector<std::string> out;
    for (size_t r = s.first; r < s.last; ++r) out.push_back(row_text(*s.batch, r));
    return out;
  };
  // As a run does: the count keeps every block's labels and sessions (in a file), and simulators
  // given them read them back without simulating a span.
  const std::filesystem::path dir = fresh_folder("spans");
  RideSpanStore spans(dir);
  spans.resize(layout.blocks.size());
  RideBlockSimulator counter(world, layout);
  for (uint64_t b = 0; b < layout.blocks.size(); ++b) counter.count(layout.blocks[b], &spans, b);
  EXPECT_TRUE(std::filesystem::is_empty(dir)) << "the kept spans' file has no name";
  RideBlockSimulator with_rides(world, layout), labels_alone(world, layout), sessions_alone(world, layout);
  RideBlockSimulator kept_labels(world, layout, nullptr, {}, &spans), kept_sessions(world, layout, nullptr, {}, &spans);
  uint64_t labels = 0, sessions = 0;
  for (uint64_t b = 0; b < layout.blocks.size(); ++b) {
    rows_of(with_rides, b, Table::Rides);
    const auto expected_labels = rows_of(with_rides, b, Table::RideFraudLabels);
    const auto expected_sessions = rows_of(with_rides, b, Table::DriverSessions);
    ASSERT_EQ(rows_of(labels_alone, b, Table::RideFraudLabels), expected_labels) << "block " << b;
    ASSERT_EQ(rows_of(labels_alone, b, Table::DriverSessions), expected_sessions) << "block " << b << ": the sessions made with the labels";
    ASSERT_EQ(rows_of(sessions_alone, b, Table::DriverSessions), expected_sessions) << "block " << b;
    ASSERT_EQ(rows_of(kept_labels, b, Table::RideFraudLabels), expected_labels) << "block " << b << ", kept";
    ASSERT_EQ(rows_of(kept_sessions, b, Table::DriverSessions), expected_sessions) << "block " << b << ", kept";
    ASSERT_EQ(rows_of(kept_labels, b, Table::DriverSessions), expected_sessions) << "block " << b << ", kept, after the labels";
    labels += expected_labels.size(), sessions += expected_sessions.size();
  }
  EXPECT_GT(labels, 100u) << "a 20% fraud rate labels rides to compare";
  EXPECT_GT(sessions, 1000u);
  EXPECT_EQ(labels_alone.span_days_simulated(), sessions_alone.span_days_simulated()) << "a span each, the sessions with the labels";
  EXPECT_GT(labels_alone.span_days_simulated(), 0u) << "without the kept spans, a block's labels simulate its span";
  EXPECT_EQ(kept_labels.span_days_simulated(), 0u) << "with them, nothing is simulated";
  EXPECT_EQ(kept_sessions.span_days_simulated(), 0u);
  std::filesystem::remove_all(dir);
}

TEST(DriverGrid, FindsTheDriverAScanOfEveryDriverFinds) {
  // A metro's worth of drivers (many on a few shared spots, so distances tie) who move as
  // rides end; every fit predicate, from almost everyone to almost no one.
  Rng r(99, EntityKind::Driver, 0, 0x6A1D);
  const GeoPoint low{-24.0, -47.2}, high{-23.2, -46.2}, corner{-23.55, -46.63};
  auto place = [&] { return somewhere(r, low, high, corner); };
  for (size_t n : {0u, 1u, 7u, 300u, 3000u}) {
    // Every other driver is a member, as a grid holds the drivers fit for one app and category.
    auto [at, members] = grid_drivers(r, n, low, high, corner, [](uint32_t d) { return d % 2 == 0; });
    DriverGrid grid(low, high, members, at);
    uint64_t found = 0, ties = 0;
    for (int q = 0; q < 2000; ++q) {
      const GeoPoint p = q % 5 == 0 ? corner : place();
      const uint64_t salt = r.next();
      const double share = q % 3 == 0 ? 0.002 : q % 3 == 1 ? 0.1 : 0.9;
      auto fit = [&](size_t d) { return static_cast<double>(mix64(salt ^ d) >> 11) * 0x1.0p-53 < share; };
      size_t want = DriverGrid::none;
      double want_km = std::numeric_limits<double>::max();
      for (uint32_t d : members) {
        if (!fit(d)) continue;
        const double km = haversine_km(at[d].lat, at[d].lon, p.lat, p.lon);
        if (km < want_km) want_km = km, want = d;
        else if (km == want_km) ++ties;
      }
      ASSERT_EQ(grid.nearest(p, fit), want) << n << " drivers, query " << q;
      found += want != DriverGrid::none;
      if (want != DriverGrid::none && r.chance(0.5)) {
        at[want] = place();
        grid.move(static_cast<uint32_t>(want), at[want]);
      }
      if (n > 1 && r.chance(0.2)) grid.move(1, place());  // not a member: changes nothing
    }
    if (n >= 300) {
      EXPECT_GT(found, 1000u) << "most queries have a fit member";
      EXPECT_GT(ties, 0u) << "equal distances, decided by the lower index";
    }
  }
}

TEST(DriverGrid, TheNearestFreeDriverIsTheNearestOfThoseFreeAsDriversMoveAndComeAndGo) {
  // Drivers freed and taken at random (some set twice, some set for non-members), moving when
  // taken: nearest_free() answers what nearest() answers with fit = free, ties included.
  Rng r(7, EntityKind::Driver, 0, 0xF4EE);
  const GeoPoint low{-23.2, -43.8}, high{-22.7, -43.1}, corner{-22.90, -43.18};
  auto place = [&] { return somewhere(r, low, high, corner); };
  for (size_t n : {0u, 1u, 9u, 400u, 4000u}) {
    auto [at, members] = grid_drivers(r, n, low, high, corner, [](uint32_t d) { return d % 3 != 1; });
    DriverGrid grid(low, high, members, at);
    std::vector<bool> free(n);
    uint64_t found = 0, none = 0;
    for (int q = 0; q < 3000; ++q) {
      for (int k = 0; n > 0 && k < 5; ++k) {
        const uint32_t d = static_cast<uint32_t>(r.below(n));
        const bool f = r.chance(q < 1500 ? 0.6 : 0.05);  // many free, then few
        grid.set_free(d, f);
        if (d % 3 != 1) free[d] = f;
      }
      const GeoPoint p = q % 4 == 0 ? corner : place();
      const size_t want = grid.nearest(p, [&](size_t d) { return free[d]; });
      ASSERT_EQ(grid.nearest_free(p), want) << n << " drivers, query " << q;
      if (want == DriverGrid::none) {
        ++none;
        continue;
      }
      ++found;
      at[want] = place();
      grid.move(static_cast<uint32_t>(want), at[want]);
      if (r.chance(0.5)) grid.set_free(static_cast<uint32_t>(want), free[want] = false);
    }
    if (n >= 400) {
      EXPECT_GT(found, 2000u);
      EXPECT_GT(none + found, found) << "and some queries find nobody free";
    }
  }
}

TEST(RideHistory, EveryWindowIsTheOneCountedRideByRide) {
  SimContext ctx(ref(), {17, days_from_civil(2025, 6, 1), days_from_civil(2025, 6, 30), true, 0.1});
  const RideMarket market(ref());
  const RideWorld world(ctx, market, 4000);
  const uint32_t sp = city("SP");
  std::vector<RideHistoryEvent> events;
  std::vector<MetroRide> day;
  std::vector<DriverSession> sessions;
  const int64_t first_day = ctx.config().start_day + kRideHistoryLookbackDays;
  size_t first = 0;
  for (int64_t d = ctx.config().start_day; d < first_day + 3; ++d) {
    if (d == first_day) first = events.size();
    world.area_day(sp, d, day, sessions);
    for (const MetroRide& m : day) events.push_back(history_event(m));
  }
  std::vector<RideHistory> got;
  ride_history(events, first, got);
  ASSERT_EQ(got.size(), events.size() - first);
  auto in_window = [](int64_t t, int64_t at) { return t >= at - kRideHistoryMillis && t < at; };
  auto same_driver = [](const RideHistoryEvent& a, const RideHistoryEvent& b) { return a.driver >= 0 && a.driver == b.driver && a.app == b.app; };
  uint64_t busy = 0, paired = 0;
  for (size_t i = first; i < events.size(); ++i) {
    const RideHistoryEvent& q = events[i];
    RideHistory want;
    for (const RideHistoryEvent& e : events) {
      const bool rider = e.rider_account == q.rider_account, done = e.status == RideStatus::Completed;
      want.rider_requests += rider && in_window(e.request_ms, q.request_ms);
      want.rider_cancels += rider && e.status == RideStatus::RiderCancelled && in_window(e.cancel_ms, q.request_ms);
      if (rider && done && in_window(e.end_ms, q.request_ms) && e.rating_by_driver > 0) ++want.rider_rated, want.rider_stars += e.rating_by_driver;
      if (q.driver < 0 || !same_driver(e, q)) continue;
      want.driver_cancels += e.status == RideStatus::DriverCancelled && in_window(e.cancel_ms, q.request_ms);
      if (!done || !in_window(e.end_ms, q.request_ms)) continue;
      ++want.driver_trips;
      if (e.rating_by_rider > 0) ++want.driver_rated, want.driver_stars += e.rating_by_rider;
      want.pair_rides += rider;
    }
    const RideHistory& h = got[i - first];
    ASSERT_EQ(std::tie(h.driver_trips, h.driver_cancels, h.driver_rated, h.driver_stars, h.rider_requests, h.rider_cancels, h.rider_rated, h.rider_stars, h.pair_rides),
              std::tie(want.driver_trips, want.driver_cancels, want.driver_rated, want.driver_stars, want.rider_requests, want.rider_cancels, want.rider_rated,
                       want.rider_stars, want.pair_rides))
        << "ride " << i;
    busy += h.driver_trips > 3;
    paired += h.pair_rides > 0;
  }
  EXPECT_GT(busy, 100u) << "drivers with trips in their window";
  EXPECT_GT(paired, 0u) << "a rider and driver met again";

  // Counted in parts (each of the accounts hashing to it), from runs of events handed over one
  // at a time, every window is the same.
  const auto runs = [&](const auto& take) {
    for (size_t i = 0; i < events.size(); i += 97) take(std::span<const RideHistoryEvent>(events).subspan(i, std::min<size_t>(97, events.size() - i)));
  };
  const std::span<const RideHistoryEvent> asked = std::span<const RideHistoryEvent>(events).subspan(first);
  for (size_t per_part : {size_t{40}, events.size() / 3, events.size()}) {
    std::vector<RideHistory> parts;
    ride_history(runs, asked, parts, per_part);
    ASSERT_EQ(parts.size(), got.size());
    for (size_t i = 0; i < got.size(); ++i) {
      const RideHistory &h = parts[i], &want = got[i];
      ASSERT_EQ(std::tie(h.driver_trips, h.driver_cancels, h.driver_rated, h.driver_stars, h.rider_requests, h.rider_cancels, h.rider_rated, h.rider_stars, h.pair_rides),
                std::tie(want.driver_trips, want.driver_cancels, want.driver_rated, want.driver_stars, want.rider_requests, want.rider_cancels, want.rider_rated,
                         want.rider_stars, want.pair_rides))
          << "ride " << i << " in parts of " << per_part << " events";
    }
  }
  EXPECT_GT(events.size() / 40, 20u) << "parts of 40 events are many";
}

TEST(RideBlocks, BlocksSharingTheirDaysEventsWriteTheRowsTheyWriteAlone) {
  SimContext ctx(ref(), {11, days_from_civil(2025, 4, 1), days_from_civil(2025, 4, 30), true, 0.05});
  const RideMarket market(ref());
  const RideWorld world(ctx, market, 3000);
  RideLayout layout;
  layout.blocks = ride_blocks(world, ctx.config().start_day, ctx.config().end_day, {}, 256);
  layout.population = world.drivers();
  ASSERT_GT(layout.blocks.size(), world.areas() + 20) << "several blocks in the larger capitals";
  auto rows_of = [&](RideBlockSimulator& sim, uint64_t b) {
    sim.prepare(b, Table::Rides);
    const BlockSimulator::Slice s = sim.slice(Table::Rides, 0, sim.rows(Table::Rides));
    std::vector<std::string> out;
    auto column = [&](std::string_view name) {
      const auto& cs = s.batch->schema().columns;
      return static_cast<int>(std::find_if(cs.begin(), cs.end(), [&](const Column& c) { return c.name == name; }) - cs.begin());
    };
    const int history = column("driver_trips_7d"), pair = column("pair_rides_7d");
    for (size_t r = s.first; r < s.last; ++r)
      out.push_back(std::to_string(s.batch->column(history).ints[r]) + "/" + std::to_string(s.batch->column(pair).ints[r]) + "/" +
                    std::to_string(s.batch->column(history).valid[r]));
    return out;
  };
  std::vector<std::vector<std::string>> alone(layout.blocks.size());
  {
    RideBlockSimulator sim(world, layout);
    for (uint64_t b = 0; b < layout.blocks.size(); ++b) alone[b] = rows_of(sim, b);
  }
  uint64_t with_history = 0;
  for (const auto& rows : alone)
    for (const std::string& r : rows) with_history += r.rfind("0/0/", 0) != 0;
  EXPECT_GT(with_history, 1000u) << "the rows carry history to compare";
  // Shared in memory, and in a scratch file.
  for (const std::filesystem::path& folder : {std::filesystem::path(), std::filesystem::temp_directory_path()}) {
    RideDayEvents shared(64 << 20, folder);
    std::vector<std::vector<std::string>> together(layout.blocks.size());
    std::vector<std::thread> threads;
    for (uint64_t t = 0; t < 2; ++t)
      threads.emplace_back([&, t] {
        RideBlockSimulator sim(world, layout, &shared, folder);  // with a folder, each block's days before wait there too
        for (uint64_t b = t; b < layout.blocks.size(); b += 2) together[b] = rows_of(sim, b);
      });
    for (std::thread& t : threads) t.join();
    for (uint64_t b = 0; b < layout.blocks.size(); ++b) ASSERT_EQ(together[b], alone[b]) << "block " << b << " " << folder;
    RideDayEvents::Events last;
    EXPECT_TRUE(shared.find(layout.blocks.back().area, layout.blocks.back().end_day - 1, last)) << "the last days are kept " << folder;
    EXPECT_FALSE(last.empty());
  }
}

TEST(RideBlocks, ASharedStoreSizedForTheWorldKeepsEveryLookbackBlocksRead) {
  // Blocks of a few hundred requests, taken in order: only each capital's first block simulates
  // its 8 days before when the store is sized for the world's riders, and blocks simulate them
  // again when it holds a quarter of that.
  SimContext ctx(ref(), {13, days_from_civil(2025, 5, 1), days_from_civil(2025, 5, 28), true, 0.05});
  const RideMarket market(ref());
  const RideWorld world(ctx, market, 6000);
  RideLayout layout;
  layout.blocks = ride_blocks(world, ctx.config().start_day, ctx.config().end_day, {}, 256);
  layout.population = world.drivers();
  std::vector<bool> has_blocks(world.areas());
  for (const RideBlock& b : layout.blocks) has_blocks[b.area] = true;
  const uint64_t cities = static_cast<uint64_t>(std::count(has_blocks.begin(), has_blocks.end(), true));
  ASSERT_GT(layout.blocks.size(), 3 * cities) << "most capitals have several blocks";
  auto simulated_again = [&](size_t bytes) {
    RideDayEvents shared(bytes);
    RideBlockSimulator sim(world, layout, &shared);
    for (uint64_t b = 0; b < layout.blocks.size(); ++b) sim.prepare(b, Table::Rides);
    return sim.lookback_days_simulated();
  };
  const size_t sized = kept_ride_day_events_bytes(world.riders());
  EXPECT_EQ(simulated_again(sized), cities * kRideHistoryLookbackDays) << "only each capital's first block";
  EXPECT_GT(simulated_again(sized / 4), 2 * cities * kRideHistoryLookbackDays) << "a quarter of the room makes blocks simulate their days again";
  EXPECT_EQ(shared_ride_day_events_bytes(world.riders()), size_t{64} << 20) << "a small world gets the floor";
  EXPECT_GT(shared_ride_day_events_bytes(2'000'000), size_t{64} << 20) << "a large one more";
}
