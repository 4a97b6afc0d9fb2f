// fraudgen validate on the ride tables: a clean --type all dataset passes, and for each ride check
// a dataset with one tampered value makes that check report the row. The tampering runs on a
// --type rides dataset of the same world (the same rides, without the banking tables, so each
// test costs a fraction of a second).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/validate/validator.h"
#include "text_lines.h"

// A named namespace: the unit tests are compiled in unity batches, beside validate_test.cpp.
namespace rides_validate_test {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace fraudgen::validate;

constexpr const char* kWorld = "--customers 2000 --seed 11 --start-date 2025-03-01 --end-date 2025-03-21 --format jsonl --quiet";

fs::path scratch(const std::string& name) {
  const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  return base / ("fraudgen-rides-validate-" + name + "-" + std::to_string(::getpid()));
}

// One dataset of the world, made once per process and removed at exit.
struct Generated {
  fs::path dir;
  Generated(const std::string& type, const std::string& extra = "--file-size 1GB") : dir(scratch(type)) {
    fs::remove_all(dir);
    const std::string cmd = std::string(FRAUDGEN_BINARY) + " generate --type " + type + " " + kWorld + " " + extra + " --output " + dir.string();
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("fraudgen generate failed: " + cmd);
  }
  ~Generated() { fs::remove_all(dir); }
};

const fs::path& rides_dataset() {
  static const Generated d("rides");
  return d.dir;
}

using fraudgen::test_support::read_lines;
using fraudgen::test_support::write_lines;

// Replaces the JSON text of `key`'s value in a JSONL line (no value here holds an escaped quote).
void set_value(std::string& line, const std::string& key, const std::string& json_text) {
  const size_t key_at = line.find("\"" + key + "\":");
  if (key_at == std::string::npos) throw std::runtime_error("no " + key + " in " + line);
  const size_t at = key_at + key.size() + 3;
  const size_t end = line[at] == '"' ? line.find('"', at + 1) + 1 : line.find_first_of(",}", at);
  line.replace(at, end - at, json_text);
}

std::string json_string(const std::string& s) { return "\"" + s + "\""; }

std::string money(double reais) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", reais);
  return buf;
}

int64_t instant(const json& value) { return *fraudgen::parse_timestamp_rfc3339(value.get<std::string>()); }

// Simulation bugs these checks found, reported to the rides simulation's owners; each exception
// matches only the rows of its bug, so any other violation still fails the clean tests. Remove
// them once the simulation is fixed:
// - a reserve driver keeps the CPF drawn for the city make_driver picked before
//   make_reserve_driver moved the driver to the reserve's city (rides/driver.cpp): 9th digit of
//   another fiscal region;
// - each city-day's driver assignment starts afresh (rides/metro_day.cpp), so an account online
//   or on a ride across midnight is given a session or a ride of the next day at the same time.
// The report holds no violation.
void expect_clean(const ValidationResult& r) {
  for (size_t i = 0; i < kCheckCount; ++i) {
    const Check c = static_cast<Check>(i);
    const CheckResult& result = r.report.result(c);
    EXPECT_EQ(result.violations, 0u) << check_name(c);
    for (const Example& e : result.examples)
      ADD_FAILURE() << check_name(c) << ": " << e.file << " row " << e.row << " " << e.column << " = " << e.value << "; expected " << e.expected;
  }
}

constexpr Check kRideChecks[] = {Check::RideIds,       Check::DriverDocuments, Check::RideFares,      Check::RideTimes,
                                 Check::RideAgreement, Check::RideHistory,     Check::RideConditions, Check::RideGeography};

// A fresh copy of the rides dataset, for one test to tamper with.
class RideTampered : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch(std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::copy(rides_dataset(), dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path file(const std::string& table) const { return dir_ / table / "part-00000.jsonl"; }
  // A table's rows as generated, parsed once per process: every test reads them before it tampers
  // with its copy, and parsing them again in each test was most of the suite's time.
  static const std::vector<json>& rows(const std::string& table) {
    static std::map<std::string, std::vector<json>> parsed;
    auto [it, fresh] = parsed.try_emplace(table);
    if (fresh)
      for (const std::string& l : read_lines(rides_dataset() / table / "part-00000.jsonl")) it->second.push_back(json::parse(l));
    return it->second;
  }
  // Sets `key` of line i of a table's file to a JSON text.
  void set(const std::string& table, size_t i, const std::string& key, const std::string& json_text) const {
    auto lines = read_lines(file(table));
    set_value(lines.at(i), key, json_text);
    write_lines(file(table), lines);
  }
  // The first row of a table that `pred` accepts.
  template <typename Pred>
  size_t first(const std::vector<json>& rows, Pred pred) const {
    for (size_t i = 0; i < rows.size(); ++i)
      if (pred(rows[i])) return i;
    throw std::runtime_error("no row of the wanted kind");
  }
  ValidationResult run() const { return validate_dataset(dir_.string(), {50}); }
  // `check` reports row i + 1 of the table's file at `column`, with `expected` in what it expected.
  void expect_caught(Check check, const std::string& table, size_t i, const std::string& column, const std::string& expected = "") const {
    const ValidationResult r = run();
    const CheckResult& c = r.report.result(check);
    ASSERT_GT(c.violations, 0u) << check_name(check) << "\n" << r.report.text(r.summary);
    bool named = false;
    for (const Example& e : c.examples)
      named = named || (e.file == table + "/part-00000.jsonl" && e.row == i + 1 && e.column == column && e.expected.find(expected) != std::string::npos);
    EXPECT_TRUE(named) << check_name(check) << " does not name " << table << " row " << i + 1 << " " << column << " (" << expected << ")\n"
                       << r.report.text(r.summary);
  }
  fs::path dir_;
};

}  // namespace rides_validate_test

using namespace rides_validate_test;

TEST(RidesValidate, CleanAllDatasetPassesEveryCheck) {
  const Generated all("all");
  const ValidationResult r = validate_dataset(all.dir.string(), {1'000'000});
  expect_clean(r);
  for (size_t c = 0; c < kCheckCount; ++c) {
    EXPECT_EQ(r.report.result(static_cast<Check>(c)).skipped, "") << check_name(static_cast<Check>(c));
    EXPECT_GT(r.report.result(static_cast<Check>(c)).checked, 0u) << check_name(static_cast<Check>(c));
  }
  // The first 8 days' rides are not recomputed, and the report says so.
  EXPECT_NE(r.report.result(Check::RideHistory).note.find("not recomputed"), std::string::npos);
}

TEST(RidesValidate, RidesOnlyDatasetSkipsTheBankingChecks) {
  const ValidationResult r = validate_dataset(rides_dataset().string(), {1'000'000});
  expect_clean(r);
  for (Check c : {Check::Devices, Check::Directions, Check::History, Check::Labels, Check::FraudShare})
    EXPECT_NE(r.report.result(c).skipped.find("--type rides"), std::string::npos) << check_name(c);
  for (Check c : kRideChecks) EXPECT_GT(r.report.result(c).checked, 0u) << check_name(c);
  EXPECT_GT(r.report.result(Check::References).checked, 0u);  // riders are customers
}

TEST(RidesValidate, OneShardAloneSkipsTheChecksAcrossRowsAndTables) {
  const fs::path dir = scratch("shards");
  fs::remove_all(dir);
  for (int i = 0; i < 2; ++i) {
    const std::string cmd = std::string(FRAUDGEN_BINARY) + " generate --type rides " + kWorld + " --file-size 200KB --shard " +
                            std::to_string(i) + "/2 --output " + dir.string();
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  const ValidationResult whole = validate_dataset(dir.string(), {1'000'000});
  expect_clean(whole);
  EXPECT_EQ(whole.report.result(Check::RideAgreement).skipped, "");
  fs::remove(dir / "manifest.shard-00000-of-00002.json");
  const ValidationResult part = validate_dataset(dir.string(), {1'000'000, true});
  fs::remove_all(dir);
  expect_clean(part);
  for (Check c : {Check::RideAgreement, Check::RideHistory}) EXPECT_NE(part.report.result(c).skipped.find("of the dataset's"), std::string::npos) << check_name(c);
  for (Check c : {Check::RideFares, Check::RideTimes, Check::RideConditions, Check::RideGeography})
    EXPECT_GT(part.report.result(c).checked, 0u) << check_name(c);
}

TEST_F(RideTampered, IdsRideIdOfAnotherRide) {
  const auto& rides = rows("rides");
  const size_t i = first(rides, [&](const json& r) { return &r != &rides[0] && r["city_ibge_code"] == rides[0]["city_ibge_code"]; });
  set("rides", i, "ride_id", rides[0]["ride_id"].dump());
  expect_caught(Check::RideIds, "rides", i, "ride_id", "used once");
}

TEST_F(RideTampered, DriverDocumentsCpfCheckDigit) {
  std::string cpf = rows("drivers")[0]["cpf"];
  cpf.back() = cpf.back() == '9' ? '0' : static_cast<char>(cpf.back() + 1);
  set("drivers", 0, "cpf", json_string(cpf));
  expect_caught(Check::DriverDocuments, "drivers", 0, "cpf", "check digits");
}

TEST_F(RideTampered, DriverDocumentsCnhCheckDigit) {
  std::string cnh = rows("drivers")[1]["cnh"];
  cnh.back() = cnh.back() == '9' ? '0' : static_cast<char>(cnh.back() + 1);
  set("drivers", 1, "cnh", json_string(cnh));
  expect_caught(Check::DriverDocuments, "drivers", 1, "cnh");
}

TEST_F(RideTampered, FaresUpfrontBaseOffByOneCentavo) {
  const auto& rides = rows("rides");
  const size_t i = first(rides, [](const json& r) { return r["price_basis"] == "UPFRONT"; });
  set("rides", i, "fare_base", money(rides[i]["fare_base"].get<double>() + 0.01));
  expect_caught(Check::RideFares, "rides", i, "fare_base", "base fare");
}

TEST_F(RideTampered, FaresMeteredDistanceOffByOneCentavo) {
  const auto& rides = rows("rides");
  const size_t i = first(rides, [](const json& r) { return r["price_basis"] == "METERED"; });
  set("rides", i, "fare_distance", money(rides[i]["fare_distance"].get<double>() - 0.01));
  expect_caught(Check::RideFares, "rides", i, "fare_distance", "driven");
}

TEST_F(RideTampered, FaresNegotiatedPriceOfAnotherCounterOffer) {
  const auto& rides = rows("rides");
  const size_t i = first(rides, [](const json& r) { return r["price_basis"] == "NEGOTIATED"; });
  set("rides", i, "counter_offers", rides[i]["counter_offers"] == 0 ? "1" : "0");
  expect_caught(Check::RideFares, "rides", i, "fare_amount", "counter_offers");
}

TEST_F(RideTampered, FaresInDriveQuotedPriceNotNinetyPercentOfTheQuote) {
  const auto& rides = rows("rides");
  const size_t i = first(rides, [](const json& r) { return r["app"] == "INDRIVE"; });
  set("rides", i, "quoted_price", money(rides[i]["quoted_price"].get<double>() + 0.01));
  expect_caught(Check::RideFares, "rides", i, "quoted_price", "90%");
}

TEST_F(RideTampered, FaresCancellationFeeNotWhatTheRiderPaid) {
  const auto& rides = rows("rides");
  const size_t i = first(rides, [](const json& r) { return r["price_basis"] == "CANCELLATION_FEE"; });
  set("rides", i, "fare_amount", money(rides[i]["fare_amount"].get<double>() + 0.01));
  expect_caught(Check::RideFares, "rides", i, "fare_amount", "cancellation fee");
}

TEST_F(RideTampered, FaresDriverEarningsOffByOneCentavo) {
  const auto& rides = rows("rides");
  const size_t i = first(rides, [](const json& r) { return r["tip_amount"].get<double>() > 0; });
  set("rides", i, "driver_earnings", money(rides[i]["driver_earnings"].get<double>() - 0.01));
  expect_caught(Check::RideFares, "rides", i, "driver_earnings", "tip_amount");
}

TEST_F(RideTampered, TimesTripStartedBeforeTheDriverArrived) {
  const auto& rides = rows("rides");
  const size_t i = first(rides, [](const json& r) { return r["status"] == "COMPLETED"; });
  set("rides", i, "arrived_at", rides[i]["ended_at"].dump());
  expect_caught(Check::RideTimes, "rides", i, "started_at", "arrived_at");
}

TEST_F(RideTampered, TimesDurationNotTheTripsLength) {
  const auto& rides = rows("rides");
  const size_t i = first(rides, [](const json& r) { return r["status"] == "COMPLETED"; });
  set("rides", i, "actual_duration_s", std::to_string(rides[i]["actual_duration_s"].get<int64_t>() + 1));
  expect_caught(Check::RideTimes, "rides", i, "actual_duration_s", "ended_at - started_at");
}

TEST_F(RideTampered, TimesNoDriverRideAccepted) {
  const auto& rides = rows("rides");
  const size_t i = first(rides, [](const json& r) { return r["status"] == "NO_DRIVER"; });
  set("rides", i, "accepted_at", rides[i]["requested_at"].dump());
  expect_caught(Check::RideTimes, "rides", i, "accepted_at", "null");
}

TEST_F(RideTampered, AgreementDriverOnAnotherApp) {
  const auto& rides = rows("rides"), &drivers = rows("drivers");
  const size_t i = first(rides, [&](const json& r) {
    return r["app"] == "UBER" && r["driver_id"].is_string() &&
           std::any_of(drivers.begin(), drivers.end(), [&](const json& d) { return d["app"] == "99" && d["city_ibge_code"] == r["city_ibge_code"]; });
  });
  const size_t d = first(drivers, [&](const json& x) { return x["app"] == "99" && x["city_ibge_code"] == rides[i]["city_ibge_code"]; });
  set("rides", i, "driver_id", drivers[d]["driver_id"].dump());
  expect_caught(Check::RideAgreement, "rides", i, "driver_id", "an account on UBER");
}

TEST_F(RideTampered, AgreementPlateOfAnotherVehicle) {
  const auto& rides = rows("rides");
  const size_t i = first(rides, [](const json& r) { return r["vehicle_plate"].is_string() && r["vehicle_plate"] != "AAA1A11"; });
  set("rides", i, "vehicle_plate", json_string("AAA1A11"));
  expect_caught(Check::RideAgreement, "rides", i, "vehicle_plate", "the driver's plate");
}

TEST_F(RideTampered, AgreementVehicleThatDoesNotServeTheCategory) {
  const auto& rides = rows("rides"), &drivers = rows("drivers");
  std::map<std::string, std::string> level;
  for (const json& d : drivers) level[d["driver_id"]] = d["vehicle_level"];
  const size_t i = first(rides, [&](const json& r) { return r["app"] == "UBER" && r["driver_id"].is_string() && level[r["driver_id"]] == "ECONOMY"; });
  set("rides", i, "category", json_string("Black"));
  set("rides", i, "level", json_string("BLACK"));
  expect_caught(Check::RideAgreement, "rides", i, "category", "ECONOMY vehicle");
}

TEST_F(RideTampered, AgreementRideOutsideItsDriversSessions) {
  const auto& rides = rows("rides"), &sessions = rows("driver_sessions");
  const size_t i = first(rides, [](const json& r) { return r["status"] == "COMPLETED"; });
  const int64_t accepted = instant(rides[i]["accepted_at"]);
  // The account's session that holds the ride now ends at its acceptance.
  const size_t s = first(sessions, [&](const json& x) {
    return x["driver_id"] == rides[i]["driver_id"] && instant(x["online_at"]) <= accepted && accepted < instant(x["offline_at"]);
  });
  set("driver_sessions", s, "offline_at", rides[i]["accepted_at"].dump());
  expect_caught(Check::RideAgreement, "rides", i, "accepted_at", "within a session of " + rides[i]["driver_id"].get<std::string>());
}

TEST_F(RideTampered, AgreementSessionsOfAnAccountOverlap) {
  const auto& sessions = rows("driver_sessions");
  const size_t a = 0;
  const size_t b = first(sessions, [&](const json& x) { return &x != &sessions[a] && x["driver_id"] == sessions[a]["driver_id"]; });
  // The account's first session now runs an hour into its next one.
  set("driver_sessions", a, "offline_at", json_string(fraudgen::format_timestamp_brt(instant(sessions[b]["online_at"]) + 3'600'000)));
  expect_caught(Check::RideAgreement, "driver_sessions", b, "online_at", "no overlap");
}

TEST_F(RideTampered, AgreementTwoAccountsOfAnAppOnOnePhoneOnlineAtOnce) {
  const auto& drivers = rows("drivers"), &sessions = rows("driver_sessions");
  auto overlaps = [&](size_t x, size_t y) {
    return instant(sessions[x]["online_at"]) < instant(sessions[y]["offline_at"]) && instant(sessions[y]["online_at"]) < instant(sessions[x]["offline_at"]);
  };
  // Two accounts of one app and city online at once (nearby rows: sessions come in online order).
  std::optional<std::pair<size_t, size_t>> pair;
  for (size_t j = 1; j < sessions.size() && !pair; ++j)
    for (size_t i = j > 50 ? j - 50 : 0; i < j && !pair; ++i)
      if (sessions[i]["driver_id"] != sessions[j]["driver_id"] && sessions[i]["app"] == sessions[j]["app"] &&
          sessions[i]["city_ibge_code"] == sessions[j]["city_ibge_code"] && overlaps(i, j))
        pair = {i, j};
  ASSERT_TRUE(pair) << "two accounts online at once";
  const json a = sessions[pair->first]["driver_id"], b = sessions[pair->second]["driver_id"];
  // b's account now has a's phone: the first of their sessions to overlap an earlier one of the
  // other account is reported.
  const size_t a_row = first(drivers, [&](const json& d) { return d["driver_id"] == a; });
  const size_t b_row = first(drivers, [&](const json& d) { return d["driver_id"] == b; });
  set("drivers", b_row, "device_id", drivers[a_row]["device_id"].dump());
  std::vector<size_t> seen;
  size_t reported = sessions.size();
  for (size_t k = 0; k < sessions.size() && reported == sessions.size(); ++k) {
    if (sessions[k]["driver_id"] != a && sessions[k]["driver_id"] != b) continue;
    for (size_t o : seen)
      if (sessions[o]["driver_id"] != sessions[k]["driver_id"] && overlaps(o, k)) reported = k;
    seen.push_back(k);
  }
  expect_caught(Check::RideAgreement, "driver_sessions", reported, "online_at", "the phone's other account on the app offline");
}

TEST_F(RideTampered, AgreementARideInAnotherDispatchAreaThanItsDriversFirst) {
  const auto& rides = rows("rides");
  // A driver account's later ride moved to the capital's second dispatch area: an account is in
  // one area, that of its first row (a ride or a session).
  std::map<std::string, size_t> first_ride;
  std::optional<size_t> moved;
  for (size_t k = 0; k < rides.size() && !moved; ++k) {
    if (rides[k]["driver_id"].is_null()) continue;
    const auto [it, fresh] = first_ride.try_emplace(rides[k]["driver_id"].get<std::string>(), k);
    if (!fresh) moved = k;
  }
  ASSERT_TRUE(moved);
  set("rides", *moved, "dispatch_area", "2");
  expect_caught(Check::RideAgreement, "rides", *moved, "dispatch_area", "1, the driver account's dispatch area (as ");
}

TEST_F(RideTampered, AgreementADriversSessionInAnotherDispatchArea) {
  const auto& sessions = rows("driver_sessions");
  const size_t later = first(sessions, [&](const json& x) { return &x != &sessions[0] && x["driver_id"] == sessions[0]["driver_id"]; });
  set("driver_sessions", later, "dispatch_area", "3");
  expect_caught(Check::RideAgreement, "driver_sessions", later, "dispatch_area", "the driver account's dispatch area");
}

TEST_F(RideTampered, GeographyDispatchAreaZero) {
  set("driver_sessions", 1, "dispatch_area", "0");
  expect_caught(Check::RideGeography, "driver_sessions", 1, "dispatch_area", "a dispatch area of the capital, from 1");
}

TEST_F(RideTampered, ReferencesRiderNotACustomer) {
  set("rides", 3, "customer_id", json_string("CUST_000000999999"));
  expect_caught(Check::References, "rides", 3, "customer_id", "customers table");
}

TEST_F(RideTampered, HistoryDriverTripsCountChanged) {
  const auto& rides = rows("rides");
  const int64_t recomputed_from = instant(json("2025-03-09T00:00:00.000-03:00"));
  const size_t i = first(rides, [&](const json& r) { return r["driver_trips_7d"].is_number() && instant(r["requested_at"]) >= recomputed_from; });
  set("rides", i, "driver_trips_7d", std::to_string(rides[i]["driver_trips_7d"].get<int>() + 1));
  expect_caught(Check::RideHistory, "rides", i, "driver_trips_7d", "COMPLETED rides of the driver account");
}

TEST_F(RideTampered, HistoryRiderRatingChanged) {
  const auto& rides = rows("rides");
  const int64_t recomputed_from = instant(json("2025-03-09T00:00:00.000-03:00"));
  const size_t i = first(rides, [&](const json& r) { return r["rider_rating_7d"].is_number() && instant(r["requested_at"]) >= recomputed_from; });
  set("rides", i, "rider_rating_7d", rides[i]["rider_rating_7d"].get<double>() == 5.0 ? "4.5" : "5.0");
  expect_caught(Check::RideHistory, "rides", i, "rider_rating_7d", "rating_by_driver");
}

// The rain of one ride of a city-hour differs from the others'.
TEST_F(RideTampered, ConditionsRainChangedWithinACityHour) {
  const auto& rides = rows("rides");
  auto hour_of = [](const json& r) { return (instant(r["requested_at"]) + fraudgen::kBrasiliaOffsetMillis) / 3'600'000; };
  size_t i = 1;
  for (; i < rides.size(); ++i)
    if (rides[i]["city_ibge_code"] == rides[i - 1]["city_ibge_code"] && hour_of(rides[i]) == hour_of(rides[i - 1])) break;
  ASSERT_LT(i, rides.size());
  set("rides", i, "rain", json_string(rides[i]["rain"] == "NONE" ? "LIGHT" : "NONE"));
  expect_caught(Check::RideConditions, "rides", i, "rain", "as rides/part-00000.jsonl row " + std::to_string(i));
}

// Every ride of a city-hour agrees, on the wrong weather: the recomputation from the seed finds it.
TEST_F(RideTampered, ConditionsRainOfAWholeCityHourNotTheWeathers) {
  const auto& rides = rows("rides");
  auto hour_of = [](const json& r) { return (instant(r["requested_at"]) + fraudgen::kBrasiliaOffsetMillis) / 3'600'000; };
  const json& one = rides[0];
  auto lines = read_lines(file("rides"));
  for (size_t k = 0; k < rides.size(); ++k)
    if (rides[k]["city_ibge_code"] == one["city_ibge_code"] && hour_of(rides[k]) == hour_of(one))
      set_value(lines[k], "rain", json_string(one["rain"] == "HEAVY" ? "LIGHT" : "HEAVY"));
  write_lines(file("rides"), lines);
  expect_caught(Check::RideConditions, "rides", 0, "rain", "day_weather");
}

// The surge of one ride of a zone and five minutes differs from the others'.
TEST_F(RideTampered, ConditionsSurgeChangedWithinAZoneBucket) {
  const auto& rides = rows("rides");
  std::map<std::pair<std::string, int64_t>, size_t> opened;
  size_t i = 0;
  for (; i < rides.size(); ++i) {
    if (rides[i]["app"] == "INDRIVE") continue;
    const auto key = std::pair(rides[i]["pickup_zone"].get<std::string>(), (instant(rides[i]["requested_at"]) + fraudgen::kBrasiliaOffsetMillis) / 300'000);
    if (!opened.emplace(key, i).second) break;
  }
  ASSERT_LT(i, rides.size()) << "no zone and five minutes with two rides";
  char surge[16];
  std::snprintf(surge, sizeof surge, "%.1f", rides[i]["surge_multiplier"].get<double>() + 0.1);
  set("rides", i, "surge_multiplier", surge);
  expect_caught(Check::RideConditions, "rides", i, "surge_multiplier", "five minutes");
}

TEST_F(RideTampered, ConditionsInDriveWithSurge) {
  const auto& rides = rows("rides");
  const size_t i = first(rides, [](const json& r) { return r["app"] == "INDRIVE"; });
  set("rides", i, "surge_multiplier", "1.5");
  expect_caught(Check::RideConditions, "rides", i, "surge_multiplier", "inDrive has no surge");
}

TEST_F(RideTampered, ConditionsZeroFeeDayOfAnotherApp) {
  const auto& rides = rows("rides");
  const size_t i = first(rides, [](const json& r) { return r["app"] == "UBER"; });
  set("rides", i, "zero_fee_day", "true");
  expect_caught(Check::RideConditions, "rides", i, "zero_fee_day", "only 99");
}

TEST_F(RideTampered, GeographyPickupZoneOfAnotherZone) {
  set("rides", 2, "pickup_zone", json_string("XX-R99-S9"));
  expect_caught(Check::RideGeography, "rides", 2, "pickup_zone", "the zone of the pickup");
}

TEST_F(RideTampered, GeographyPickupFarFromTheCity) {
  const auto& rides = rows("rides");
  set("rides", 4, "pickup_lat", std::to_string(rides[4]["pickup_lat"].get<double>() + 1.0));
  expect_caught(Check::RideGeography, "rides", 4, "pickup_lat", "of the seat");
}

TEST_F(RideTampered, GeographyDriverInACityThatIsNoCapital) {
  set("drivers", 2, "city_ibge_code", json_string("3509502"));  // Campinas
  expect_caught(Check::RideGeography, "drivers", 2, "city_ibge_code", "capital");
}

TEST_F(RideTampered, ManifestTotalsOfTheRidesTable) {
  std::ifstream in(dir_ / "manifest.json");
  json m = json::parse(in);
  in.close();
  m["totals"]["rides"]["rows"] = m["totals"]["rides"]["rows"].get<uint64_t>() + 1;
  std::ofstream(dir_ / "manifest.json", std::ios::trunc) << m.dump(2);
  const ValidationResult r = run();
  const CheckResult& c = r.report.result(Check::ManifestFiles);
  ASSERT_EQ(c.violations, 1u) << r.report.text(r.summary);
  EXPECT_EQ(c.examples[0].column, "totals.rides.rows");
}
