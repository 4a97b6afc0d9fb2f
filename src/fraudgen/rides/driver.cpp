#include "fraudgen/rides/driver.h"

#include <algorithm>
#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/rides/second_account.h"
#include "fraudgen/sim/documents.h"

namespace fraudgen {
namespace {

enum Purpose : uint64_t { kIdentity = 1, kWork = 2, kVehicle = 3, kPayout = 4, kSharedCar = 5 };
constexpr double kNewcomerShare = 0.15;

// Which app a driver joins first, and which next: Uber leads everywhere; 99 and inDrive are
// stronger in the North and Northeast and in smaller capitals.
std::array<double, 3> app_weights(const State& s) {
  const bool north = s.region == "NORTE" || s.region == "NORDESTE";
  return {0.58, north ? 0.36 : 0.30, north ? 0.16 : 0.10};
}

int year_of(int64_t day) { return civil_from_days(day).year; }

}  // namespace

bool vehicle_fits(const RideReference& rides, const DriverPerson& d, const RideCategory& category) {
  const RideLevel have = d.level(rides);
  if (category.moto || have == RideLevel::Moto) return category.moto && have == RideLevel::Moto;
  if (static_cast<int>(category.level) > static_cast<int>(have)) return false;
  if (category.level != RideLevel::Black) return true;
  const std::optional<int> min_year = rides.cities[d.city].black_min_model_year;
  return d.vehicle.colour != kRedColour && d.vehicle.colour != kRedColour + 1 && (!min_year || d.vehicle.model_year >= *min_year);
}

DriverPerson make_driver(const SimContext& ctx, const RideReference& rides, uint64_t index, std::optional<uint32_t> city_given,
                         std::optional<RideApp> app_given) {
  const ReferenceData& ref = ctx.ref();
  const SimConfig& cfg = ctx.config();
  DriverPerson d{};
  d.index = index;

  // Who: a metro by its capital's population; mostly men around forty (Cebrap, Uber).
  Rng id(cfg.seed, EntityKind::Driver, index, kIdentity);
  // The first three drivers of each capital are dealt in turn, so a small world still has drivers everywhere.
  const uint64_t dealt = 3 * rides.cities.size();
  d.city = city_given ? *city_given : index < dealt ? static_cast<uint32_t>(index % rides.cities.size()) : rides.city_sampler.sample(id);
  const State& st = ref.states[rides.cities[d.city].state];
  d.sex = id.chance(0.06) ? 0 : 1;
  d.first_name = ref.first_names[static_cast<size_t>(d.sex)].sampler.sample(id);
  d.surname1 = ref.surnames.sampler.sample(id);
  d.surname2 = id.chance(0.7) ? static_cast<int32_t>(ref.surnames.sampler.sample(id)) : -1;
  if (d.surname2 == static_cast<int32_t>(d.surname1)) d.surname2 = -1;
  const double age = std::clamp(id.normal(40.0, 10.0), 21.0, 70.0);
  d.birth_day = cfg.start_day - static_cast<int64_t>(age * 365.2425) - static_cast<int64_t>(id.below(365));
  make_cpf(id, st.cpf_region_digit, d.cpf);
  make_cnh(id, d.cnh);
  d.cnh_paid_activity = id.chance(0.95);
  d.quality = id.normal();

  // Work: how much, on which apps, since when.
  Rng work(cfg.seed, EntityKind::Driver, index, kWork);
  d.activity = static_cast<DriverActivity>(work.weighted({35, 45, 20}));
  const int app_count = 1 + work.weighted({35, 45, 20});
  std::array<double, 3> w = app_weights(st);
  for (int k = 0; k < app_count; ++k) {
    const int app = work.weighted(w);
    d.apps |= static_cast<uint8_t>(1u << app);
    w[static_cast<size_t>(app)] = 0;
  }
  if (app_given) d.apps |= static_cast<uint8_t>(1u << static_cast<int>(*app_given));
  // On the first app for a couple of years (lognormal, median 2), the others joined since.
  const int64_t tenure = std::clamp<int64_t>(static_cast<int64_t>(work.lognormal_median(730, 0.8)), 7, 10 * 365);
  bool first = true;
  for (int app = 0; app < 3; ++app) {
    if (!d.on(static_cast<RideApp>(app))) continue;
    d.registered_day[static_cast<size_t>(app)] = cfg.start_day - (first ? tenure : static_cast<int64_t>(work.below(static_cast<uint64_t>(tenure) + 1)));
    first = false;
  }
  // Drivers come and go: 15% of the population sign up within a year of start_date, on
  // all their apps that day, and works from then on (reserve drivers are there all along).
  const bool newcomer = work.chance(kNewcomerShare);
  const int64_t joined = cfg.start_day + static_cast<int64_t>(work.below(365));
  if (newcomer && !app_given) {
    for (int app = 0; app < 3; ++app)
      if (d.on(static_cast<RideApp>(app))) d.registered_day[static_cast<size_t>(app)] = joined;
    d.working_since = joined;
  }

  // The vehicle: motorcycles where moto rides run, else a car of the level the driver aims for.
  Rng car(cfg.seed, EntityKind::Driver, index, kVehicle);
  const RideCity& city = rides.cities[d.city];
  d.moto = city.moto_allowed && car.chance(0.2);
  const RideLevel level = d.moto ? RideLevel::Moto : static_cast<RideLevel>(car.weighted({80, 15, 5}));
  const size_t l = static_cast<size_t>(level);
  d.vehicle.model = rides.vehicles_of_level[l][rides.vehicle_sampler[l].sample(car)];
  const int year = year_of(cfg.start_day);
  const int oldest = level == RideLevel::Black ? city.black_min_model_year.value_or(year - 6) : year - (level == RideLevel::Comfort ? 8 : 10);
  // Newer cars are commoner: the age is the smaller of two uniform draws.
  const int span = std::max(0, year - oldest);
  d.vehicle.model_year = year - static_cast<int>(std::min(car.below(static_cast<uint64_t>(span) + 1), car.below(static_cast<uint64_t>(span) + 1)));
  d.vehicle.colour = static_cast<uint8_t>(level == RideLevel::Black ? car.weighted({20, 25, 20, 30, 0, 0, 3, 2})
                                                                     : car.weighted({35, 25, 20, 12, 5, 3, 0, 0}));
  const bool big = ref.municipalities[city.municipality].population > 2'000'000;
  d.vehicle.ownership = static_cast<VehicleOwnership>(car.weighted({60, 15, big ? 25.0 : 12.0}));
  // Plates: Mercosul for cars first registered since 2019; older ones keep the old plate
  // unless they changed owner or municipality since (then converted).
  if (d.vehicle.model_year >= 2019) d.vehicle.plate = make_mercosul_plate(car);
  else {
    d.vehicle.plate = make_old_plate(car);
    if (car.chance(0.55)) d.vehicle.plate = mercosul_plate(d.vehicle.plate);
  }

  Rng pay(cfg.seed, EntityKind::Driver, index, kPayout);
  d.payout_bank = ref.bank_sampler.sample(pay);
  d.payout_account = pay.next();
  d.device = index;
  d.shares_car = Rng(cfg.seed, EntityKind::Driver, index, kSharedCar).chance(cfg.calibration.ride_shared_car_share);
  return d;
}

uint64_t reserve_driver_index(const RideReference& rides, uint64_t population, uint32_t area, uint32_t category, uint64_t k) {
  return population + (static_cast<uint64_t>(area) * rides.categories.size() + category) * reserves_per_category(population) + k;
}

DriverPerson make_reserve_driver(const SimContext& ctx, const RideReference& rides, const DispatchAreas& areas, uint32_t area, uint32_t category, uint64_t k) {
  const uint64_t index = reserve_driver_index(rides, areas.population(), area, category, k);
  const uint32_t city = areas.city_of(area);
  const RideCategory& c = rides.categories[category];
  int app = 0;
  while (c.app != kRideApps[static_cast<size_t>(app)]) ++app;
  DriverPerson d = make_driver(ctx, rides, index, city, static_cast<RideApp>(app));
  if (!vehicle_fits(rides, d, c)) {
    // A vehicle of the category's level, recent and of a colour every category takes.
    Rng car(ctx.config().seed, EntityKind::Driver, index, kVehicle + 10);
    const size_t l = static_cast<size_t>(c.level);
    d.moto = c.moto;
    d.vehicle.model = rides.vehicles_of_level[l][rides.vehicle_sampler[l].sample(car)];
    d.vehicle.model_year = year_of(ctx.config().start_day) - static_cast<int>(car.below(3));
    d.vehicle.colour = 3;  // black
    d.vehicle.plate = make_mercosul_plate(car);
  }
  return d;
}

DriverPerson driver_by_index(const SimContext& ctx, const RideReference& rides, const DispatchAreas& areas, uint64_t index) {
  const uint64_t population = areas.population();
  if (index < population) return make_driver(ctx, rides, index);
  if (is_second_account(population, index)) return make_second_account(ctx, rides, population, index);
  const uint64_t reserves = reserves_per_category(population);
  const uint64_t k = (index - population) % reserves, rest = (index - population) / reserves;
  return make_reserve_driver(ctx, rides, areas, static_cast<uint32_t>(rest / rides.categories.size()),
                             static_cast<uint32_t>(rest % rides.categories.size()), k);
}

}  // namespace fraudgen
