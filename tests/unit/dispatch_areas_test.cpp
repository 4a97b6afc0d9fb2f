// Dispatch areas: a capital with more drivers than the cap is cut into areas whose riders and
// drivers are matched apart, each person in one area, so an area-day is simulated alone.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <vector>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/rides/dispatch_areas.h"
#include "fraudgen/rides/ride_market.h"
#include "fraudgen/rides/ride_world.h"
#include "fraudgen/rides/second_account.h"
#include "shared_reference.h"

using namespace fraudgen;
using fraudgen::test_support::ref;

TEST(DispatchAreas, ACapitalOverTheCapIsCutAndItsPeopleDealtInTurn) {
  const std::vector<uint64_t> drivers_in{10, 4096, 4097, 9000};
  const DispatchAreas areas(drivers_in, 4096, 17203);
  EXPECT_EQ(areas.cities(), 4u);
  EXPECT_EQ(areas.population(), 17203u);
  ASSERT_EQ(areas.size(), 7u) << "1 + 1 + 2 + 3";
  EXPECT_EQ(areas.areas_in(1), 1u) << "at the cap, one area";
  EXPECT_EQ(areas.areas_in(2), 2u);
  EXPECT_EQ(areas.areas_in(3), 3u);
  // The capitals' first areas are numbered as the capitals; the others follow, capital by capital.
  const std::vector<uint32_t> city_of{0, 1, 2, 3, 2, 3, 3}, number{1, 1, 1, 1, 2, 2, 3};
  for (uint32_t a = 0; a < areas.size(); ++a) {
    EXPECT_EQ(areas.city_of(a), city_of[a]) << a;
    EXPECT_EQ(areas.number(a), number[a]) << a;
  }
  // The k-th person of a capital goes to area k mod n.
  for (uint64_t k = 0; k < 9; ++k) {
    EXPECT_EQ(areas.area(0, k), 0u);
    EXPECT_EQ(areas.area(2, k), k % 2 == 0 ? 2u : 4u) << k;
    EXPECT_EQ(areas.area(3, k), std::vector<uint32_t>({3, 5, 6})[k % 3]) << k;
  }
}

TEST(DispatchAreas, ACapitalCutIntoAreasMatchesEachAloneAndItsPeopleStayInTheirs) {
  SimConfig cfg{23, days_from_civil(2025, 6, 2), days_from_civil(2025, 6, 8), true, 0.05};
  cfg.dispatch_area_drivers = 32;
  SimContext ctx(ref(), cfg), whole_ctx(ref(), SimConfig{23, cfg.start_day, cfg.end_day, true, 0.05});
  const RideMarket market(ref());
  const RideWorld world(ctx, market, 20'000), whole(whole_ctx, market, 20'000);
  const DispatchAreas& areas = world.dispatch_areas();
  const uint32_t sp = static_cast<uint32_t>(ref().state_index("SP"));
  ASSERT_EQ(whole.areas(), whole.dispatch_areas().cities()) << "the default cap cuts no capital of 20,000 customers";
  ASSERT_GE(areas.areas_in(sp), 2u);
  ASSERT_EQ(world.drivers(), whole.drivers());

  // Each driver of a capital in one area, dealt in turn; the riders split evenly.
  std::map<uint64_t, uint32_t> area_of_driver;
  std::vector<uint64_t> dealt(areas.cities(), 0);
  for (uint64_t i = 0; i < world.drivers(); ++i) {
    const uint32_t city = world.driver(i).city;
    area_of_driver[i] = areas.area(city, dealt[city]++);
  }
  for (uint32_t city = 0; city < areas.cities(); ++city) {
    uint64_t riders = 0, least = UINT64_MAX, most = 0;
    for (uint32_t a = 0; a < world.areas(); ++a) {
      if (areas.city_of(a) != city) continue;
      riders += world.riders_in(a);
      least = std::min(least, world.riders_in(a));
      most = std::max(most, world.riders_in(a));
    }
    EXPECT_EQ(riders, whole.riders_in(city)) << city;
    EXPECT_LE(most - least, 1u) << city;
  }

  // A week of São Paulo's areas: every ride's driver and every session's is of the ride's area
  // (a reserve of the area, or a second account of a driver of it), no rider rides in two areas,
  // and an area-day is the same each time it is made.
  const uint64_t population = world.drivers(), per_category = reserves_per_category(population);
  auto area_of = [&](uint64_t driver) -> uint32_t {
    if (is_second_account(population, driver)) driver = second_account_owner(population, driver);
    if (driver < population) return area_of_driver.at(driver);
    return static_cast<uint32_t>((driver - population) / per_category / world.reference().categories.size());
  };
  std::map<uint64_t, uint32_t> area_of_rider;
  uint64_t rides = 0, fraud_in_later_areas = 0, reserves = 0;
  for (int64_t day = cfg.start_day; day <= cfg.end_day; ++day)
    for (uint32_t a = 0; a < world.areas(); ++a) {
      if (areas.city_of(a) != sp) continue;
      std::vector<MetroRide> out, again;
      std::vector<DriverSession> sessions, sessions_again;
      world.area_day(a, day, out, sessions);
      ASSERT_FALSE(out.empty()) << "area " << a;
      for (const MetroRide& m : out) {
        ++rides;
        const auto [it, fresh] = area_of_rider.try_emplace(m.request.customer, a);
        EXPECT_EQ(it->second, a) << "customer " << m.request.customer << " rides in two areas";
        if (m.fraud.any() && a >= areas.cities()) ++fraud_in_later_areas;
        if (m.driver < 0) continue;
        EXPECT_EQ(area_of(static_cast<uint64_t>(m.driver)), a) << "driver " << m.driver;
        reserves += static_cast<uint64_t>(m.driver) >= population && !is_second_account(population, static_cast<uint64_t>(m.driver));
      }
      for (const DriverSession& s : sessions) EXPECT_EQ(area_of(s.driver), a) << "session of driver " << s.driver;
      world.area_day(a, day, again, sessions_again);
      ASSERT_EQ(again.size(), out.size());
      ASSERT_EQ(sessions_again.size(), sessions.size());
      for (size_t k = 0; k < out.size(); ++k) ASSERT_EQ(again[k].driver, out[k].driver) << k;
    }
  EXPECT_GT(rides, 2'000u);
  EXPECT_GT(reserves, 0u) << "the areas' own reserves took some rides";
  EXPECT_GT(fraud_in_later_areas, 0u) << "fraud schemes start in every area";
}
