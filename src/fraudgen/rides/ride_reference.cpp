#include "fraudgen/rides/ride_reference.h"

#include <algorithm>
#include <cstdlib>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "fraudgen/reference/csv_table.h"
#include "fraudgen/reference/embedded_data.h"
#include "fraudgen/sim/profiles.h"

namespace fraudgen {
namespace {

template <size_t N>
int index_of(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<int>(i);
  return -1;
}

int64_t cents(double reais) { return static_cast<int64_t>(std::llround(reais * 100.0)); }

uint32_t state_of(const CsvTable& t, size_t row, const ReferenceData& ref) {
  const int st = ref.state_index(t.at(row, 0));
  if (st < 0) t.fail(row, "unknown uf '" + t.text(row, 0) + "'");
  return static_cast<uint32_t>(st);
}

uint32_t municipality_of(const CsvTable& t, size_t row, size_t col, const ReferenceData& ref) {
  const std::string_view code = t.at(row, col);
  for (size_t m = 0; m < ref.municipalities.size(); ++m)
    if (ref.municipalities[m].ibge_code == code) return static_cast<uint32_t>(m);
  t.fail(row, "municipality " + std::string(code) + " is not in municipalities.csv");
}

void load_cities(RideReference& r, const ReferenceData& ref) {
  CsvTable t("ride_cities.csv", embedded_file("ride_cities.csv"),
             {"uf", "capital_ibge", "price_index", "barrier_city", "moto_in_capital", "black_min_model_year"});
  r.cities.resize(ref.states.size());
  std::vector<bool> seen(ref.states.size(), false);
  for (size_t i = 0; i < t.rows(); ++i) {
    const uint32_t st = state_of(t, i, ref);
    if (seen[st]) t.fail(i, "a second row for " + t.text(i, 0));
    seen[st] = true;
    RideCity& c = r.cities[st];
    c.state = st;
    c.municipality = municipality_of(t, i, 1, ref);
    if (ref.municipalities[c.municipality].uf != ref.states[st].uf) t.fail(i, "the capital is not in the state");
    c.price_index = t.number(i, 2);
    if (!(c.price_index >= 0.5 && c.price_index <= 2.0)) t.fail(i, "price_index must be within 0.5-2");
    c.barrier = t.integer(i, 3) != 0;
    c.moto_allowed = t.integer(i, 4) != 0;
    if (!t.at(i, 5).empty()) c.black_min_model_year = static_cast<int>(t.integer(i, 5));
  }
  if (std::count(seen.begin(), seen.end(), true) != static_cast<long>(ref.states.size()))
    throw std::runtime_error("reference data ride_cities.csv must list the 27 capitals");
  std::vector<double> population;
  for (const RideCity& c : r.cities) population.push_back(static_cast<double>(ref.municipalities[c.municipality].population));
  r.city_sampler = AliasTable(population);
}

void load_airports(RideReference& r, const ReferenceData& ref) {
  CsvTable t("ride_airports.csv", embedded_file("ride_airports.csv"),
             {"uf", "iata", "name", "lat", "lon", "municipality_ibge", "municipality_name"});
  for (size_t i = 0; i < t.rows(); ++i) {
    const uint32_t st = state_of(t, i, ref);
    Airport a{t.text(i, 1), t.text(i, 2), t.number(i, 3), t.number(i, 4), t.text(i, 5), t.text(i, 6)};
    if (a.iata.size() != 3) t.fail(i, "an IATA code has 3 letters");
    if (a.municipality_ibge.size() != 7 || a.municipality_ibge.substr(0, 2) != ref.municipalities[r.cities[st].municipality].ibge_code.substr(0, 2))
      t.fail(i, "municipality_ibge must be a 7-digit code of the state");
    for (const Municipality& m : ref.municipalities)
      if (m.ibge_code == a.municipality_ibge && m.name != a.municipality_name) t.fail(i, "municipality_name differs from municipalities.csv");
    r.cities[st].airports.push_back(std::move(a));
  }
  for (const RideCity& c : r.cities)
    if (c.airports.empty()) throw std::runtime_error("reference data ride_airports.csv has no airport for " + ref.states[c.state].uf);
}

void load_places(RideReference& r, const ReferenceData& ref) {
  CsvTable t("ride_pois.csv", embedded_file("ride_pois.csv"), {"uf", "kind", "name"});
  for (size_t i = 0; i < t.rows(); ++i) {
    const uint32_t st = state_of(t, i, ref);
    const int kind = index_of(kPoiKinds, t.at(i, 1));
    if (kind <= 0) t.fail(i, "kind must be bus_terminal, university, stadium, mall or nightlife");
    r.cities[st].places.push_back({static_cast<PoiKind>(kind), t.text(i, 2)});
  }
  for (const RideCity& c : r.cities) {
    for (PoiKind k : {PoiKind::Mall, PoiKind::Nightlife})
      if (std::none_of(c.places.begin(), c.places.end(), [&](const NamedPlace& p) { return p.kind == k; }))
        throw std::runtime_error("reference data ride_pois.csv: " + ref.states[c.state].uf + " has no " +
                                 std::string(kPoiKinds[static_cast<size_t>(k)]));
  }
}

void load_rain(RideReference& r, const ReferenceData& ref) {
  CsvTable t("ride_rain_normals.csv", embedded_file("ride_rain_normals.csv"), {"uf", "month", "precip_mm"});
  std::vector<int> months(ref.states.size(), 0);
  for (size_t i = 0; i < t.rows(); ++i) {
    const uint32_t st = state_of(t, i, ref);
    const long long month = t.integer(i, 1);
    if (month < 1 || month > 12) t.fail(i, "month must be 1-12");
    const double mm = t.number(i, 2);
    if (!(mm >= 0 && mm <= 2000)) t.fail(i, "precip_mm must be within 0-2000");
    r.cities[st].rain_mm[static_cast<size_t>(month - 1)] = mm;
    ++months[st];
  }
  for (size_t s = 0; s < months.size(); ++s)
    if (months[s] != 12) throw std::runtime_error("reference data ride_rain_normals.csv needs the 12 months of " + ref.states[s].uf);
}

void load_water(RideReference& r, const ReferenceData& ref) {
  CsvTable t("ride_water.csv", embedded_file("ride_water.csv"), {"uf", "bearing_deg", "offset_km"});
  for (size_t i = 0; i < t.rows(); ++i) {
    const WaterSide w{t.number(i, 1), t.number(i, 2)};
    if (!(w.bearing_deg >= 0 && w.bearing_deg < 360 && w.offset_km > 0 && w.offset_km < 50)) t.fail(i, "bearing 0-360 and offset 0-50 km");
    r.cities[state_of(t, i, ref)].water.push_back(w);
  }
}

void load_tariffs(RideReference& r) {
  CsvTable t("ride_tariffs.csv", embedded_file("ride_tariffs.csv"),
             {"level", "base", "per_km", "per_min", "min_fare_low", "min_fare_high"});
  std::array<bool, 4> seen{};
  for (size_t i = 0; i < t.rows(); ++i) {
    const int level = index_of(kRideLevels, t.at(i, 0));
    if (level < 0) t.fail(i, "unknown level");
    Tariff& f = r.tariffs[static_cast<size_t>(level)];
    f = {cents(t.number(i, 1)), cents(t.number(i, 2)), cents(t.number(i, 3)), cents(t.number(i, 4)), cents(t.number(i, 5))};
    if (f.min_fare_low_cents > f.min_fare_high_cents || f.per_km_cents <= 0) t.fail(i, "inconsistent tariff");
    seen[static_cast<size_t>(level)] = true;
  }
  if (std::count(seen.begin(), seen.end(), true) != 4) throw std::runtime_error("reference data ride_tariffs.csv needs the 4 levels");
}

void load_categories(RideReference& r) {
  CsvTable t("ride_categories.csv", embedded_file("ride_categories.csv"), {"app", "category", "level", "kind", "min_rating", "min_trips"});
  for (size_t i = 0; i < t.rows(); ++i) {
    const int level = index_of(kRideLevels, t.at(i, 2));
    if (level < 0) t.fail(i, "unknown level");
    if (t.at(i, 3) != "car" && t.at(i, 3) != "moto") t.fail(i, "kind must be car or moto");
    RideCategory c{t.text(i, 0), t.text(i, 1), static_cast<RideLevel>(level), t.at(i, 3) == "moto", {}, {}};
    if (c.moto != (c.level == RideLevel::Moto)) t.fail(i, "moto categories are the moto level");
    if (!t.at(i, 4).empty()) c.min_rating = t.number(i, 4);
    if (!t.at(i, 5).empty()) c.min_trips = static_cast<int>(t.integer(i, 5));
    r.categories.push_back(std::move(c));
  }
}

void load_vehicles(RideReference& r) {
  CsvTable t("ride_vehicles.csv", embedded_file("ride_vehicles.csv"), {"level", "brand", "model", "weight"});
  std::array<std::vector<double>, 4> weights;
  for (size_t i = 0; i < t.rows(); ++i) {
    const int level = index_of(kRideLevels, t.at(i, 0));
    if (level < 0) t.fail(i, "unknown level");
    const double w = t.number(i, 3);
    if (!(w > 0)) t.fail(i, "weight must be positive");
    r.vehicles_of_level[static_cast<size_t>(level)].push_back(static_cast<uint32_t>(r.vehicles.size()));
    weights[static_cast<size_t>(level)].push_back(w);
    r.vehicles.push_back({static_cast<RideLevel>(level), t.text(i, 1), t.text(i, 2)});
  }
  for (size_t l = 0; l < 4; ++l) {
    if (weights[l].empty()) throw std::runtime_error("reference data ride_vehicles.csv has no " + std::string(kRideLevels[l]) + " vehicle");
    r.vehicle_sampler[l] = AliasTable(weights[l]);
  }
}

void load_hours(RideReference& r) {
  CsvTable t("ride_hour_shares.csv", embedded_file("ride_hour_shares.csv"), {"day_kind", "hour", "share"});
  constexpr std::array<std::string_view, 3> kDayKinds = {"weekday", "saturday", "sunday"};
  std::array<int, 3> hours{};
  for (size_t i = 0; i < t.rows(); ++i) {
    const int kind = index_of(kDayKinds, t.at(i, 0));
    const long long hour = t.integer(i, 1);
    if (kind < 0 || hour < 0 || hour > 23) t.fail(i, "day_kind must be weekday, saturday or sunday and hour 0-23");
    const double share = t.number(i, 2);
    if (!(share > 0)) t.fail(i, "share must be positive");
    r.hour_share[static_cast<size_t>(kind)][static_cast<size_t>(hour)] = share;
    ++hours[static_cast<size_t>(kind)];
  }
  for (size_t k = 0; k < 3; ++k) {
    if (hours[k] != 24) throw std::runtime_error("reference data ride_hour_shares.csv needs 24 hours of " + std::string(kDayKinds[k]));
    const double sum = std::accumulate(r.hour_share[k].begin(), r.hour_share[k].end(), 0.0);
    for (double& s : r.hour_share[k]) s /= sum;  // the curves are drawn by hand: each day sums to 1
  }
}

std::pair<int, int> hour_range(const CsvTable& t, size_t row, std::string_view text) {
  const size_t dash = text.find('-');
  if (dash == std::string_view::npos) t.fail(row, "hours are ranges such as 7-9");
  const int a = std::atoi(std::string(text.substr(0, dash)).c_str()), b = std::atoi(std::string(text.substr(dash + 1)).c_str());
  if (a < 0 || a > 23 || b < 0 || b > 23) t.fail(row, "hours are 0-23");
  return {a, b};
}

void load_profiles(RideReference& r) {
  CsvTable t("ride_profiles.csv", embedded_file("ride_profiles.csv"),
             {"profile", "weight", "rides_per_week", "hours", "weekdays_only", "airport_share", "comfort_share", "black_share", "moto_share",
              "tip_probability"});
  std::vector<double> w;
  for (size_t i = 0; i < t.rows(); ++i) {
    RideProfile p{t.text(i, 0), t.number(i, 1), t.number(i, 2), {}, t.integer(i, 4) != 0, t.number(i, 5), t.number(i, 6), t.number(i, 7),
                  t.number(i, 8), t.number(i, 9)};
    std::string_view hours = t.at(i, 3);
    while (!hours.empty()) {
      const size_t semi = hours.find(';');
      p.hours.push_back(hour_range(t, i, hours.substr(0, semi)));
      hours = semi == std::string_view::npos ? std::string_view() : hours.substr(semi + 1);
    }
    for (double x : {p.airport_share, p.comfort_share, p.black_share, p.moto_share, p.tip_probability})
      if (!(x >= 0 && x <= 1)) t.fail(i, "shares are within 0-1");
    if (p.comfort_share + p.black_share + p.moto_share > 1) t.fail(i, "comfort, black and moto shares exceed 1");
    w.push_back(p.weight);
    r.profiles.push_back(std::move(p));
  }
  r.profile_sampler = AliasTable(w);

  CsvTable m("ride_profile_map.csv", embedded_file("ride_profile_map.csv"), {"customer_profile", "ride_profile", "weight"});
  std::vector<std::vector<double>> weights(profiles().size(), std::vector<double>(r.profiles.size(), 0.0));
  for (size_t i = 0; i < m.rows(); ++i) {
    size_t from = profiles().size(), to = r.profiles.size();
    for (size_t k = 0; k < profiles().size(); ++k)
      if (profiles()[k].name == m.at(i, 0)) from = k;
    for (size_t k = 0; k < r.profiles.size(); ++k)
      if (r.profiles[k].name == m.at(i, 1)) to = k;
    if (from == profiles().size() || to == r.profiles.size()) m.fail(i, "unknown profile");
    weights[from][to] += m.number(i, 2);
  }
  for (size_t k = 0; k < weights.size(); ++k) {
    if (profiles()[k].name.empty()) {  // the no-profile placeholder: the ride profiles' own weights
      r.profile_of_customer_profile.emplace_back(w);
      continue;
    }
    if (std::accumulate(weights[k].begin(), weights[k].end(), 0.0) <= 0)
      throw std::runtime_error("reference data ride_profile_map.csv does not map " + std::string(profiles()[k].name));
    r.profile_of_customer_profile.emplace_back(weights[k]);
  }
}

void tilt_profile_hours(RideReference& r) {
  constexpr double kTilt = 3.0;
  r.profile_hour_share.assign(r.profiles.size(), {});
  double volume = 0;
  for (const RideProfile& p : r.profiles) volume += p.weight * p.rides_per_week;
  for (size_t k = 0; k < 3; ++k) {
    // Per-hour factors fitted (iterative proportional fitting) so that the profiles' tilted
    // curves, weighted by their riders' volume, add up to the city curve.
    std::array<double, 24> g;
    g.fill(1.0);
    for (int iteration = 0; iteration < 200; ++iteration) {
      std::array<double, 24> together{};
      for (size_t i = 0; i < r.profiles.size(); ++i) {
        std::array<double, 24>& out = r.profile_hour_share[i][k];
        double sum = 0;
        for (size_t h = 0; h < 24; ++h) {
          out[h] = r.hour_share[k][h] * g[h] * (r.profiles[i].in_hours(static_cast<int>(h)) ? kTilt : 1.0);
          sum += out[h];
        }
        const double v = r.profiles[i].weight * r.profiles[i].rides_per_week / volume;
        for (size_t h = 0; h < 24; ++h) {
          out[h] /= sum;
          together[h] += v * out[h];
        }
      }
      for (size_t h = 0; h < 24; ++h) g[h] *= r.hour_share[k][h] / together[h];
    }
  }
}

}  // namespace

bool RideProfile::in_hours(int hour) const {
  if (hours.empty()) return true;
  for (const auto& [a, b] : hours)
    if (a <= b ? hour >= a && hour <= b : hour >= a || hour <= b) return true;
  return false;
}

RideReference RideReference::load(const ReferenceData& ref) {
  RideReference r;
  load_cities(r, ref);
  load_airports(r, ref);
  load_places(r, ref);
  load_rain(r, ref);
  load_water(r, ref);
  load_tariffs(r);
  load_categories(r);
  load_vehicles(r);
  load_hours(r);
  load_profiles(r);
  tilt_profile_hours(r);
  return r;
}

}  // namespace fraudgen
