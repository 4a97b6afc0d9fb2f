// Where a ride happens: a capital's metro, its points near the seat or at an airport, the pickup's
// surge zone, the named place or airport it went to.
#include <algorithm>
#include <cstdio>

#include "fraudgen/schema/columns.h"
#include "fraudgen/validate/per_area.h"
#include "fraudgen/validate/ride_row_checks.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {
namespace {

namespace col = ride_col;

// Riders live in the metro (CityGeography::metro_km, rider.h); trips start and end within a few
// hundred metres of where they live, work or go: 2 km more is five sigmas of that.
constexpr double kPointSlackKm = 2.0;
constexpr double kNearAirportKm = 2.0;
// Coordinates are written with 5 decimals: the point may lie this far (degrees) from the drawn one.
constexpr double kCoordinateRounding = 0.5e-5;

void check_ride_point(const CheckContext& ctx, const CityGeography& geo, const RowRef& r, int lat, int lon) {
  if (!r.valid(lat) || !r.valid(lon)) return;
  const GeoPoint p{r.d(lat), r.d(lon)}, seat = geo.centre();
  const double limit = geo.metro_km() + kPointSlackKm;
  if (haversine_km(p.lat, p.lon, seat.lat, seat.lon) <= limit) return;
  for (size_t a = 0; a < geo.airports(); ++a)
    if (haversine_km(p.lat, p.lon, geo.airport(a).lat, geo.airport(a).lon) <= kNearAirportKm) return;
  char text[160];
  std::snprintf(text, sizeof text, "within %.1f km of the seat (%.4f, %.4f) or %.0f km of an airport of the city", limit, seat.lat, seat.lon,
                kNearAirportKm);
  ctx.fail(Check::RideGeography, r, lat, text);
}

}  // namespace

int check_capital(const CheckContext& ctx, const RideMarket& market, const RowRef& r, int ibge, int name, int state) {
  ctx.checked(Check::RideGeography);
  if (!r.valid(ibge)) return -1;
  const std::optional<uint32_t> city = market.city(r.str(ibge));
  if (!city) {
    ctx.fail(Check::RideGeography, r, ibge, "the IBGE code of a state capital (data/ride_cities.csv)");
    return -1;
  }
  const Municipality& m = market.capital(*city);
  if (name >= 0 && r.valid(name) && r.str(name) != m.name) ctx.fail(Check::RideGeography, r, name, m.name + ", the capital of IBGE " + m.ibge_code);
  if (state >= 0 && r.valid(state) && r.str(state) != m.uf) ctx.fail(Check::RideGeography, r, state, m.uf + ", the state of " + m.name);
  return static_cast<int>(*city);
}

void check_dispatch_area(const CheckContext& ctx, const RowRef& r, int area) {
  if (r.valid(area) && (r.i(area) < 1 || r.i(area) > kMaxDispatchArea))
    ctx.fail(Check::RideGeography, r, area, "a dispatch area of the capital, from 1 to " + std::to_string(kMaxDispatchArea));
}

void check_ride_place(const CheckContext& ctx, const RideMarket& market, const RowRef& r, RideFacts& f) {
  if (check_capital(ctx, market, r, col::city_ibge_code, col::city_name, col::state) < 0) return;
  check_dispatch_area(ctx, r, col::dispatch_area);
  const CityGeography& geo = market.geos[static_cast<size_t>(f.city)];
  const RideCity& city = geo.city();
  check_ride_point(ctx, geo, r, col::pickup_lat, col::pickup_lon);
  check_ride_point(ctx, geo, r, col::dropoff_lat, col::dropoff_lon);

  if (r.valid(col::dropoff_airport)) {
    const auto a = std::find_if(city.airports.begin(), city.airports.end(), [&](const Airport& x) { return x.iata == r.str(col::dropoff_airport); });
    if (a == city.airports.end()) {
      ctx.fail(Check::RideGeography, r, col::dropoff_airport, "the IATA code of an airport of " + market.capital(static_cast<uint32_t>(f.city)).name);
    } else if (r.valid(col::dropoff_lat) && r.valid(col::dropoff_lon) && haversine_km(r.d(col::dropoff_lat), r.d(col::dropoff_lon), a->lat, a->lon) > 0.01) {
      char text[96];
      std::snprintf(text, sizeof text, "the coordinates of %s (%.5f, %.5f)", a->iata.c_str(), a->lat, a->lon);
      ctx.fail(Check::RideGeography, r, col::dropoff_lat, text);
    }
  }
  if (r.valid(col::dropoff_place) &&
      std::none_of(city.places.begin(), city.places.end(), [&](const NamedPlace& p) { return p.name == r.str(col::dropoff_place); }))
    ctx.fail(Check::RideGeography, r, col::dropoff_place, "a named place of " + market.capital(static_cast<uint32_t>(f.city)).name + " (data/ride_pois.csv)");

  // The zone of the pickup as drawn: any corner of the rounding square may be it, so a point on
  // a zone's edge matches either side.
  if (!r.valid(col::pickup_lat) || !r.valid(col::pickup_lon) || !r.valid(col::pickup_zone)) return;
  const GeoPoint p{r.d(col::pickup_lat), r.d(col::pickup_lon)};
  const std::string& uf = market.capital(static_cast<uint32_t>(f.city)).uf;
  for (const auto& [dlat, dlon] : {std::pair{0.0, 0.0}, {kCoordinateRounding, kCoordinateRounding}, {kCoordinateRounding, -kCoordinateRounding}, {-kCoordinateRounding, kCoordinateRounding}, {-kCoordinateRounding, -kCoordinateRounding}}) {
    const Zone z = zone_of(geo, {p.lat + dlat, p.lon + dlon});
    if (zone_name(uf, city, z) == r.str(col::pickup_zone)) {
      f.zone = z;
      return;
    }
  }
  ctx.fail(Check::RideGeography, r, col::pickup_zone, zone_name(uf, city, zone_of(geo, p)) + ", the zone of the pickup (2 km rings, 8 sectors, 1.5 km around airports)");
}

}  // namespace fraudgen::validate
