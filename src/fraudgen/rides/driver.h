// A person who drives for ride apps: a pure function of (seed, driver index). The drivers table
// has one row per app account, and one person's accounts share the CPF, CNH, vehicle, phone and
// payout account (most drivers are on two or three apps: the look-alike of a driver with
// several accounts). Drivers live in a capital's metro, in proportion to its population; about
// a third drive full time (5-6 days a week, 9-10 hours), under half part time, a fifth now and
// then. Their vehicle is what their categories need: the level, the model year and, for
// black, the colour; moto drivers ride where moto rides are allowed.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/rides/dispatch_areas.h"
#include "fraudgen/rides/ride_reference.h"
#include "fraudgen/sim/sim_context.h"

namespace fraudgen {

enum class RideApp : uint8_t { Uber, NinetyNine, InDrive };
inline constexpr const auto& kRideApps = vocab::kRideApp;

enum class DriverActivity : uint8_t { FullTime, PartTime, Occasional };
inline constexpr const auto& kDriverActivities = vocab::kDriverActivity;

enum class VehicleOwnership : uint8_t { Own, Financed, Rental };
inline constexpr const auto& kVehicleOwnership = vocab::kVehicleOwnership;

// Uber Black accepts black, graphite, silver, grey, navy, brown and white cars.
inline constexpr const auto& kVehicleColours = vocab::kVehicleColour;
inline constexpr uint8_t kRedColour = 4;  // and blue: the two colours Black refuses

struct DriverVehicle {
  uint32_t model;  // RideReference::vehicles
  int model_year;
  uint8_t colour;  // kVehicleColours
  VehicleOwnership ownership;
  std::string plate;
};

struct DriverPerson {
  uint64_t index;
  uint32_t city;           // RideReference::cities
  uint8_t apps;            // a bit per RideApp
  DriverActivity activity;
  int sex;                 // 0 = F, 1 = M
  uint32_t first_name, surname1;
  int32_t surname2;        // -1 = only one surname
  int64_t birth_day;
  char cpf[11], cnh[11];   // digits
  bool cnh_paid_activity;  // the licence says the holder drives for pay (EAR), as the law asks
  bool moto;
  DriverVehicle vehicle;
  std::array<int64_t, 3> registered_day{};  // per RideApp, on the apps the driver is on
  int64_t working_since = INT64_MIN;        // newcomers (drivers who join inside the range) work from that day
  double quality;          // rating tendency, standard normal: riders rate good drivers higher
  uint32_t payout_bank;    // ReferenceData::banks
  uint64_t payout_account; // hashes to the account and the Pix key
  uint64_t device;         // the phone's owner (a driver index): the driver's own, or one shared with another account
  bool shares_car;         // a relative drives the car too, on an account of their own (second_account.h)

  bool on(RideApp app) const { return (apps >> static_cast<int>(app)) & 1; }
  RideLevel level(const RideReference& rides) const { return rides.vehicles[vehicle.model].level; }
};

// `city` and `app`, when given, fix where the driver works and one app they are on (reserve drivers).
DriverPerson make_driver(const SimContext& ctx, const RideReference& rides, uint64_t index, std::optional<uint32_t> city = std::nullopt,
                         std::optional<RideApp> app = std::nullopt);

// A driver in reserve for a dispatch area and category: when every driver fit for a request is
// busy, the area's next reserve driver for the category takes it (someone who came online for the
// demand). Reserves are numbered after the population of `population` drivers, so each is a pure
// function of (seed, area, category, k) like any other driver; an area below the capitals' count
// is the capital of that number (dispatch_areas.h).
// Each area and category has 65,536 while the population is at most 524,288 drivers (about 18
// million customers), then twice as many each time it doubles: the reserves a night takes grow
// with the rides under way at midnight (808 of a night's 16,384 in São Paulo with 3,000,000
// customers on Carnival Saturday), so a fixed number ran out at about 60 million customers.
inline uint64_t reserves_per_category(uint64_t population) {
  uint64_t reserves = uint64_t{1} << 16;
  while (reserves * 8 < population) reserves <<= 1;
  return reserves;
}
uint64_t reserve_driver_index(const RideReference& rides, uint64_t population, uint32_t area, uint32_t category, uint64_t k);
DriverPerson make_reserve_driver(const SimContext& ctx, const RideReference& rides, const DispatchAreas& areas, uint32_t area, uint32_t category, uint64_t k);
// Any driver by index: one of the population, a reserve, or a second account on a driver's car
// (second_account.h).
DriverPerson driver_by_index(const SimContext& ctx, const RideReference& rides, const DispatchAreas& areas, uint64_t index);

// Whether the driver's vehicle may serve the category (level, and for black the city's minimum
// model year and the colours); rating and trip thresholds are checked where they are known.
bool vehicle_fits(const RideReference& rides, const DriverPerson& d, const RideCategory& category);

}  // namespace fraudgen
