// The ride-hailing market's reference tables (data/ride_*.csv, compiled in): per capital its
// airports, named places, rain normals and price index; the apps' categories, the tariffs by
// level, the vehicles and the hour curves of demand. Parsed once, shared read-only.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fraudgen/core/alias_table.h"
#include "fraudgen/reference/reference_data.h"

namespace fraudgen {

enum class RideLevel : uint8_t { Economy, Comfort, Black, Moto };
inline constexpr std::array<std::string_view, 4> kRideLevels = {"economy", "comfort", "black", "moto"};

enum class PoiKind : uint8_t { Airport, BusTerminal, University, Stadium, Mall, Nightlife };
inline constexpr std::array<std::string_view, 6> kPoiKinds = {"airport", "bus_terminal", "university", "stadium", "mall", "nightlife"};

enum class DayKind : uint8_t { Weekday, Saturday, Sunday };

struct Airport {
  std::string iata, name;
  double lat, lon;
  std::string municipality_ibge, municipality_name;  // some lie outside the capital, in a municipality customers do not live in
};

struct NamedPlace {
  PoiKind kind;
  std::string name;
};

// A straight shoreline near a city (data/ride_water.csv): water lies beyond `offset_km` from the
// municipal seat towards `bearing_deg` (0 = north, 90 = east).
struct WaterSide {
  double bearing_deg, offset_km;
};

// A capital and its ride market: every field a reference value, never a draw.
struct RideCity {
  uint32_t state;         // index into ReferenceData::states
  uint32_t municipality;  // the capital, index into ReferenceData::municipalities
  double price_index;     // fares relative to the national tariff
  bool barrier;           // bays, islands and hills lengthen road routes
  bool moto_allowed;      // moto rides inside the capital itself
  std::optional<int> black_min_model_year;
  std::array<double, 12> rain_mm{};  // monthly precipitation normals, January first
  std::vector<Airport> airports;
  std::vector<NamedPlace> places;
  std::vector<WaterSide> water;  // empty inland
};

struct Tariff {
  int64_t base_cents, per_km_cents, per_min_cents, min_fare_low_cents, min_fare_high_cents;
};

struct RideCategory {
  std::string app, name;
  RideLevel level;
  bool moto;
  std::optional<double> min_rating;
  std::optional<int> min_trips;
};

struct RideVehicle {
  RideLevel level;
  std::string brand, model;
};

// How a kind of rider uses the apps (data/ride_profiles.csv).
struct RideProfile {
  std::string name;
  double weight, rides_per_week;
  std::vector<std::pair<int, int>> hours;  // local hour ranges, inclusive, possibly past midnight (22-4); empty: the city's curve
  bool weekdays_only;
  double airport_share, comfort_share, black_share, moto_share, tip_probability;
  bool in_hours(int hour) const;
};

struct RideReference {
  std::vector<RideCity> cities;  // one per state, in states.csv order
  AliasTable city_sampler;       // by the capital's population
  std::array<Tariff, 4> tariffs{};  // by RideLevel
  std::vector<RideCategory> categories;
  std::vector<RideVehicle> vehicles;
  std::array<AliasTable, 4> vehicle_sampler;  // by RideLevel, over `vehicles` of that level
  std::array<std::vector<uint32_t>, 4> vehicles_of_level;
  std::array<std::array<double, 24>, 3> hour_share{};  // by DayKind: share of the day's requests, summing to 1
  std::vector<RideProfile> profiles;
  // Each profile's hours by DayKind: the city curve tilted three times towards the profile's
  // hours, with per-hour factors fitted so that all profiles together, weighted by their
  // riders' volume, keep the city curve: profiles shift who rides when, not when people ride.
  std::vector<std::array<std::array<double, 24>, 3>> profile_hour_share;
  AliasTable profile_sampler;                           // without banking profiles
  std::vector<AliasTable> profile_of_customer_profile;  // by the banking profile (sim/profiles.h)

  // The city of a state (every state has one: its capital).
  const RideCity& city_of_state(uint32_t state) const { return cities[state]; }

  // Parses the embedded ride CSVs against `ref` (states and municipalities); throws
  // std::runtime_error naming the file and line on bad data.
  static RideReference load(const ReferenceData& ref);
};

}  // namespace fraudgen
