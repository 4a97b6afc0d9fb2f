// The drivers' side of ride fraud (rides/driver_fraud.h) and the GPS trace of honest rides
// (rides/ride_trace.h), over three weeks of every capital: what each type does to the rows,
// its labels, the look-alikes at their rates, and the invariants validate holds the data to.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/rides/driver_breaks.h"
#include "fraudgen/rides/fare.h"
#include "fraudgen/rides/ride_market.h"
#include "fraudgen/rides/ride_trace.h"
#include "fraudgen/rides/ride_world.h"
#include "fraudgen/rides/second_account.h"
#include "fraudgen/sim/calibration.h"
#include "shared_reference.h"

using namespace fraudgen;
using fraudgen::test_support::ref;

namespace {

using FT = RideFraudType;

struct CityDayOut {
  uint32_t city;
  int64_t day;
  std::vector<MetroRide> rides;
  std::vector<DriverSession> sessions;
};

struct DriverFraudWeeks {
  SimConfig cfg;
  std::unique_ptr<SimContext> ctx;
  std::unique_ptr<RideMarket> market;
  std::unique_ptr<RideWorld> world;
  std::vector<CityDayOut> days;
};

// Three weeks of every capital with 5% fraud (enough scenarios of every type to see them).
const DriverFraudWeeks& driver_fraud_weeks() {
  static const DriverFraudWeeks r = [] {
    DriverFraudWeeks out;
    out.cfg = SimConfig{21, days_from_civil(2025, 6, 2), days_from_civil(2025, 6, 22), true, 0.05};
    out.cfg.calibration = calibration_preset(Difficulty::Realistic);
    out.cfg.calibration.ride_quiet_fraud_share = 0;  // each type's own marks (quiet forms: docs/fraud-model.md)
    out.ctx = std::make_unique<SimContext>(ref(), out.cfg);
    out.market = std::make_unique<RideMarket>(ref());
    out.world = std::make_unique<RideWorld>(*out.ctx, *out.market, 20000);
    for (uint32_t city = 0; city < out.world->areas(); ++city)
      for (int64_t day = out.cfg.start_day; day <= out.cfg.end_day; ++day) {
        CityDayOut& d = out.days.emplace_back();
        d.city = city;
        d.day = day;
        out.world->area_day(city, day, d.rides, d.sessions);
      }
    return out;
  }();
  return r;
}

bool of_type(const MetroRide& m, FT type) { return m.fraud.type == static_cast<int8_t>(type); }
bool driver_side_type(int8_t t) {
  const FT type = static_cast<FT>(t);
  return type == FT::GpsSpoofing || type == FT::DestinationDisparity || type == FT::GhostRide || type == FT::RatingFraud || type == FT::SurgeAbuse;
}
int64_t ride_busy_until(const MetroRide& m) { return m.trip.status == RideStatus::Completed ? m.trip.end_ms : m.trip.cancel_ms; }

}  // namespace

TEST(DriverFraud, HonestTracesFollowTheRouteAndTheLookAlikesComeAtTheirRates) {
  const DriverFraudWeeks& r = driver_fraud_weeks();
  const Calibration& cal = r.cfg.calibration;
  uint64_t honest = 0, close = 0, tunnel = 0, zigzag = 0, early = 0, late = 0, wrong_adjustment = 0;
  for (const CityDayOut& d : r.days)
    for (const MetroRide& m : d.rides) {
      if (m.trip.status != RideStatus::Completed) {
        EXPECT_EQ(m.trace.adjustment_cents, 0);
        continue;
      }
      wrong_adjustment += m.trace.adjustment_cents != trace_adjustment_cents(r.market->reference(), d.city, m, m.trace.path_ratio);
      if (m.fraud.any() && driver_side_type(m.fraud.type)) continue;
      ++honest;
      const double driven = static_cast<double>(m.trip.actual_distance_m) / static_cast<double>(m.trip.quoted_distance_m);
      close += std::abs(m.trace.path_ratio - driven) <= 0.05 * driven + 0.0005;
      tunnel += m.trace.max_jump_m >= 400 && m.trace.max_jump_m <= 2500;
      zigzag += m.trace.path_ratio >= driven * 1.2 * 0.98 - 0.001 && m.trace.max_jump_m >= 150;
      early += m.trace.end_to_dropoff_m >= 300 && m.trace.path_ratio < driven * 1.04 - 0.0005;
      late += m.trace.end_to_dropoff_m >= 500 && m.trace.path_ratio > driven * 1.04;
      EXPECT_GE(m.trace.max_jump_m, 20);
      EXPECT_GE(m.trace.end_to_dropoff_m, 5);
    }
  ASSERT_GT(honest, 20000u);
  const double n = static_cast<double>(honest);
  EXPECT_EQ(wrong_adjustment, 0u) << "driver_adjustment is the per-km tariff x price index x (ratio - 1.25) x quoted km";
  EXPECT_GT(close / n, 0.9) << "most traces are the route driven, within a few percent";
  EXPECT_NEAR(tunnel / n, cal.ride_tunnel_share + cal.ride_battery_saver_share * 0.5, 0.01) << "signal lost in tunnels";
  EXPECT_NEAR(zigzag / n, cal.ride_battery_saver_share, 0.006) << "phones saving battery";
  EXPECT_NEAR((early + late) / n, cal.ride_early_exit_share + cal.ride_forgot_to_end_share, 0.008) << "trips ended away from the drop-off";
  EXPECT_NEAR(late / n, cal.ride_forgot_to_end_share, 0.006) << "drivers ending late";
}

TEST(DriverFraud, EachTypeLeavesItsMarksOnTheRowsAndLabelsNameTheDriver) {
  const DriverFraudWeeks& r = driver_fraud_weeks();
  std::map<int8_t, uint64_t> rides_of;
  std::map<std::tuple<uint64_t, int64_t, uint8_t>, std::set<int64_t>> scenario_days;  // driver scenario -> days with rides
  std::map<std::tuple<uint64_t, int64_t, uint8_t>, std::set<uint64_t>> scenario_accounts, scenario_phones;
  uint64_t spoof_tickets = 0, spoof = 0, dd_tickets = 0, dd = 0;
  for (const CityDayOut& d : r.days) {
    std::map<uint64_t, std::vector<const DriverSession*>> sessions_of;
    for (const DriverSession& s : d.sessions) sessions_of[s.driver].push_back(&s);
    for (const MetroRide& m : d.rides) {
      if (!m.fraud.any() || !driver_side_type(m.fraud.type)) continue;
      ++rides_of[m.fraud.type];
      const RideFraudTypeInfo& info = ride_fraud_types()[static_cast<size_t>(m.fraud.type)];
      EXPECT_TRUE(m.fraud.driver_actor);
      EXPECT_EQ(m.fraud.role, info.role);
      EXPECT_GE(m.fraud.reported_day, d.day + info.min_report_days);
      EXPECT_LE(m.fraud.start_day, d.day);
      const auto scenario = std::make_tuple(m.fraud.actor, m.fraud.start_day, m.fraud.number);
      scenario_days[scenario].insert(d.day);
      scenario_accounts[scenario].insert(m.rider.account_key);
      scenario_phones[scenario].insert(m.rider.device_key);
      ASSERT_EQ(m.trip.status == RideStatus::Completed || of_type(m, FT::SurgeAbuse), true);
      if (!of_type(m, FT::SurgeAbuse)) {
        EXPECT_EQ(static_cast<uint64_t>(m.driver), m.fraud.actor) << "the scheme's driver drove";
      }
      if (of_type(m, FT::GpsSpoofing)) {
        ++spoof;
        spoof_tickets += m.rider.ticket == 0;
        EXPECT_GE(m.trace.path_ratio, 1.4);
        EXPECT_GE(m.trace.max_jump_m, 800);
        EXPECT_GT(m.trace.adjustment_cents, 0) << "the app paid the inflated km";
      } else if (of_type(m, FT::DestinationDisparity)) {
        ++dd;
        dd_tickets += m.rider.ticket == 0;
        EXPECT_GE(m.trace.end_to_dropoff_m, 1500);
        EXPECT_LE(m.trace.end_to_dropoff_m, 8000);
      } else if (of_type(m, FT::GhostRide)) {
        EXPECT_LE(m.trip.pickup_km, 0.3);
        EXPECT_LE(m.trip.accept_ms - m.trip.request_ms, 10'000) << "accepted within seconds";
        EXPECT_TRUE(m.request.payment == RidePayment::Cash || m.request.payment == RidePayment::Voucher);
        EXPECT_FALSE(m.rider.own_payment);
        EXPECT_EQ(m.rating_by_rider, 5);
        EXPECT_EQ(m.rating_by_driver, 5);
        EXPECT_EQ(m.rider.account_key >> 44, static_cast<uint64_t>(RideKeyTag::Staged)) << "a fresh account, none of the customer's own";
      } else if (of_type(m, FT::RatingFraud)) {
        EXPECT_EQ(m.request.payment, RidePayment::Cash);
        EXPECT_EQ(m.rating_by_rider, 5);
        const int hour = brasilia_hour(m.trip.request_ms);
        EXPECT_TRUE((hour >= 10 && hour < 16) || (hour >= 20 && hour < 22)) << "off-peak";
      } else if (of_type(m, FT::SurgeAbuse)) {
        EXPECT_GT(m.trip.surge_tenths, 10) << "a surged ride (at an airport's bank of arrivals or any zone's peak)";
        // Offline for a few minutes before: a session ended minutes before one that began before
        // the accept (a taker's later ride of the peak, requested within 30 minutes of its first
        // request, is accepted within 45 minutes of coming back).
        bool gap = false;
        for (const DriverSession* a : sessions_of[static_cast<uint64_t>(m.driver)])
          for (const DriverSession* b : sessions_of[static_cast<uint64_t>(m.driver)])
            gap = gap || (b->online_ms > a->offline_ms && b->online_ms <= m.trip.accept_ms && b->online_ms - a->offline_ms <= 30 * 60'000 &&
                          m.trip.accept_ms - b->online_ms <= 45 * 60'000);
        EXPECT_TRUE(gap) << "went offline before the peak and came back for it";
      }
    }
  }
  for (FT type : {FT::GpsSpoofing, FT::DestinationDisparity, FT::GhostRide, FT::RatingFraud, FT::SurgeAbuse})
    EXPECT_GT(rides_of[static_cast<int8_t>(type)], 10u) << ride_fraud_type(type).name;
  EXPECT_GT(spoof_tickets, spoof / 8) << "some spoofed riders ask for a fare review";
  EXPECT_GT(dd_tickets, dd / 8);
  size_t ghost_multi_day = 0, ghost = 0;
  for (const auto& [s, days] : scenario_days) {
    const auto& phones = scenario_phones[s];
    const uint8_t type = std::get<2>(s) / 16;
    if (type != static_cast<uint8_t>(FT::GhostRide)) continue;
    ++ghost;
    ghost_multi_day += days.size() >= 3;
    EXPECT_EQ(phones.size(), 1u) << "one phone asks for every ghost ride";
  }
  ASSERT_GT(ghost, 0u);
  EXPECT_GT(ghost_multi_day, ghost / 2) << "ghost rides repeat over days";
}

TEST(DriverFraud, DriversStayOnOneRideAtATimeInsideTheirSessions) {
  const DriverFraudWeeks& r = driver_fraud_weeks();
  uint64_t staged = 0;
  for (const CityDayOut& d : r.days) {
    std::map<uint64_t, std::vector<std::pair<int64_t, int64_t>>> online, busy;
    for (const DriverSession& s : d.sessions) {
      online[s.driver].emplace_back(s.online_ms, s.offline_ms);
      EXPECT_LT(s.online_ms, s.offline_ms);
      EXPECT_GE(s.online_ms, day_start_ms(d.day) - kMillisPerDay);
    }
    for (const MetroRide& m : d.rides) {
      staged += m.wanted_driver >= 0;
      if (m.driver < 0 || m.trip.accept_ms == kNoTime) continue;
      busy[static_cast<uint64_t>(m.driver)].emplace_back(m.trip.accept_ms, ride_busy_until(m));
      const auto& on = online[static_cast<uint64_t>(m.driver)];
      const bool online_then = std::any_of(on.begin(), on.end(), [&](const auto& s) { return m.trip.accept_ms >= s.first && m.trip.accept_ms < s.second; });
      EXPECT_TRUE(online_then) << "accepted while online";
    }
    for (auto* spans : {&online, &busy})
      for (auto& [driver, list] : *spans) {
        std::sort(list.begin(), list.end());
        for (size_t k = 1; k < list.size(); ++k) ASSERT_GE(list[k].first, list[k - 1].second) << "no overlap, driver " << driver;
      }
  }
  EXPECT_GT(staged, 50u);
}

TEST(DriverFraud, TheRiderSideOfEveryRiderRideIsWhatTheRiderDayAlonePlayedOut) {
  // The bank sees a rider's rides from rider_day alone: the drivers change nothing of them.
  const DriverFraudWeeks& r = driver_fraud_weeks();
  const SimContext& ctx = *r.ctx;
  using Key = std::tuple<uint64_t, int64_t, uint64_t>;
  using Side = std::tuple<int, int64_t, int64_t, int64_t, int, bool>;
  auto side = [](const MetroRide& m) {
    return Side{static_cast<int>(m.trip.status), m.trip.end_ms, m.trip.fare_cents, charged_cents(m), static_cast<int>(m.request.payment), m.rider.own_payment};
  };
  uint64_t compared = 0;
  for (const CityDayOut& d : r.days) {
    if (d.day >= r.cfg.start_day + 3 || (d.city % 5) != 0) continue;
    std::map<Key, Side> in_city;
    std::set<uint64_t> customers;
    for (const MetroRide& m : d.rides) {
      customers.insert(m.request.customer);
      if (m.wanted_driver < 0) in_city[{m.request.customer, m.trip.request_ms, m.rider.account_key}] = side(m);
    }
    std::map<Key, Side> alone;
    const DayWeather w = r.market->weather(ctx, d.city, d.day);
    std::vector<MetroRide> own;
    for (uint64_t c : customers) {
      const auto rider = r.market->rider_of(ctx, make_customer(ctx, c));
      ASSERT_TRUE(rider.has_value());
      if (rider->city != d.city) continue;  // an accomplice's rides are all staged
      own.clear();
      r.market->rider_day(ctx, *rider, d.day, w, own);
      for (const MetroRide& m : own) alone[{m.request.customer, m.trip.request_ms, m.rider.account_key}] = side(m);
    }
    EXPECT_EQ(in_city, alone) << "city " << d.city << " day " << d.day;
    compared += alone.size();
  }
  EXPECT_GT(compared, 1000u);
}

TEST(DriverFraud, ACityDayIsTheSameEachTimeItIsComputed) {
  const DriverFraudWeeks& r = driver_fraud_weeks();
  for (size_t i : {size_t{3}, size_t{200}, r.days.size() - 1}) {
    const CityDayOut& d = r.days[i];
    std::vector<MetroRide> again;
    std::vector<DriverSession> sessions;
    r.world->area_day(d.city, d.day, again, sessions);
    ASSERT_EQ(again.size(), d.rides.size());
    ASSERT_EQ(sessions.size(), d.sessions.size());
    for (size_t k = 0; k < again.size(); ++k) {
      EXPECT_EQ(again[k].driver, d.rides[k].driver);
      EXPECT_EQ(again[k].fraud.type, d.rides[k].fraud.type);
      EXPECT_EQ(again[k].trace.path_ratio, d.rides[k].trace.path_ratio);
      EXPECT_EQ(again[k].trace.max_jump_m, d.rides[k].trace.max_jump_m);
    }
    for (size_t k = 0; k < sessions.size(); ++k) EXPECT_EQ(sessions[k].online_ms, d.sessions[k].online_ms);
  }
}

TEST(DriverFraud, LookAlikesOfTheDriverTypesExist) {
  const DriverFraudWeeks& r = driver_fraud_weeks();
  uint64_t sessions = 0, long_sessions_days = 0, honest_fast_close = 0, accepted = 0, honest_big_ratio = 0, honest_far_end = 0, completed = 0;
  for (const CityDayOut& d : r.days) {
    std::map<uint64_t, int> per_driver;
    for (const DriverSession& s : d.sessions) ++per_driver[s.driver];
    sessions += d.sessions.size();
    for (const auto& [driver, n] : per_driver) long_sessions_days += n >= 2;
    for (const MetroRide& m : d.rides) {
      if (m.fraud.any() || m.trip.accept_ms == kNoTime) continue;
      ++accepted;
      honest_fast_close += m.trip.pickup_km <= 0.3 && m.trip.accept_ms - m.trip.request_ms <= 10'000;
      if (m.trip.status != RideStatus::Completed) continue;
      ++completed;
      honest_big_ratio += m.trace.path_ratio >= 1.4;
      honest_far_end += m.trace.end_to_dropoff_m >= 1500;
    }
  }
  const Calibration& cal = r.cfg.calibration;
  EXPECT_NEAR(static_cast<double>(honest_fast_close) / static_cast<double>(accepted), cal.ride_car_in_front_share, 0.006)
      << "a car already at the door: GHOST_RIDE's look-alike";
  EXPECT_GT(honest_big_ratio, completed / 200) << "detours and zig-zag traces: GPS_SPOOFING's look-alikes";
  EXPECT_GT(honest_far_end, completed / 200) << "riders getting out early, drivers ending late: DESTINATION_DISPARITY's";
  EXPECT_GT(long_sessions_days, sessions / 20) << "drivers' breaks split sessions: SURGE_ABUSE's look-alike";
}

// MULTI_ACCOUNT_DRIVER: every labelled ride is a second account's, driven on its operator's car
// (the plate) and, done loudly, phone or payout account; the two accounts of the app take turns
// online; bought accounts are days to weeks old. Relatives sharing a car (the look-alike) do the
// same unlabelled, at shared_car_share of the drivers.
TEST(DriverFraud, SecondAccountsShareTheOperatorsCarAndTakeTurnsOnline) {
  const DriverFraudWeeks& r = driver_fraud_weeks();
  const uint64_t population = r.world->drivers();
  uint64_t scheme_rides = 0, partner_rides = 0, shares_phone_or_payout = 0, recent = 0;
  std::set<uint64_t> accounts;
  for (const CityDayOut& d : r.days) {
    std::map<uint64_t, std::vector<const DriverSession*>> sessions_of;
    for (const DriverSession& s : d.sessions) sessions_of[s.driver].push_back(&s);
    for (const MetroRide& m : d.rides) {
      if (m.driver < 0 || !is_second_account(population, static_cast<uint64_t>(m.driver))) {
        EXPECT_FALSE(of_type(m, FT::MultiAccountDriver)) << "only second accounts' rides are MULTI_ACCOUNT_DRIVER";
        continue;
      }
      const uint64_t index = static_cast<uint64_t>(m.driver);
      const DriverPerson& owner = r.world->driver(second_account_owner(population, index));
      const DriverPerson second = make_second_account(*r.ctx, r.world->reference(), population, index);
      const SecondAccount terms = second_account_terms(*r.ctx, population, index, owner);
      EXPECT_EQ(second.vehicle.plate, owner.vehicle.plate);
      EXPECT_EQ(second.city, owner.city);
      EXPECT_NE(std::string(second.cpf, 11), std::string(owner.cpf, 11));
      EXPECT_EQ(m.request.app, terms.app);
      EXPECT_TRUE(second.on(m.request.app));
      EXPECT_LE(second.registered_day[static_cast<size_t>(terms.app)], d.day);
      if (terms.kind == SecondAccountKind::Partner) {
        ++partner_rides;
        EXPECT_FALSE(of_type(m, FT::MultiAccountDriver)) << "a relative's rides are not the scheme's (riders' own schemes may be)";
      } else {
        ++scheme_rides;
        EXPECT_TRUE(of_type(m, FT::MultiAccountDriver));
        EXPECT_EQ(m.fraud.actor, owner.index) << "the scenario names the operator";
        EXPECT_EQ(m.fraud.role, RideFraudRole::Driver);
        EXPECT_GE(d.day, terms.start);
        EXPECT_LT(d.day, terms.start + terms.days);
        if (accounts.insert(index).second) {
          shares_phone_or_payout += second.device == owner.device || second.payout_account == owner.payout_account;
          recent += terms.kind == SecondAccountKind::Bought && terms.start - second.registered_day[static_cast<size_t>(terms.app)] <= 40;
        }
      }
      // Never online at once with the owner's own account on the app.
      for (const DriverSession* mine : sessions_of[index])
        for (const DriverSession* theirs : sessions_of[owner.index])
          if (theirs->on(terms.app)) {
            EXPECT_TRUE(mine->offline_ms <= theirs->online_ms || theirs->offline_ms <= mine->online_ms) << "turns on one app";
          }
    }
  }
  EXPECT_GT(scheme_rides, 100u);
  EXPECT_GT(partner_rides, 50u);
  EXPECT_EQ(shares_phone_or_payout, accounts.size()) << "loud schemes share the operator's phone or payout account";
  EXPECT_GE(recent * 2, accounts.size()) << "most are bought accounts approved days to weeks before";
  uint64_t sharing = 0;
  for (uint64_t i = 0; i < population; ++i) sharing += r.world->driver(i).shares_car;
  const double share = r.cfg.calibration.ride_shared_car_share;
  EXPECT_NEAR(static_cast<double>(sharing) / static_cast<double>(population), share, 4 * std::sqrt(share / static_cast<double>(population)));
}
