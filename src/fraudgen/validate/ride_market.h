// The ride market's reference data (data/ride_*.csv, with the capitals' geography as the
// generator's RideMarket holds it: seat, radius, airports, zones, places) as the ride checks look
// it up: the capitals by IBGE code and each app's categories by name. Loaded once per
// validation, shared read-only.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fraudgen/reference/reference_data.h"
#include "fraudgen/rides/ride_market.h"

namespace fraudgen::validate {

class RideMarket {
  const fraudgen::RideMarket market_;  // first: the references below point into it

 public:
  explicit RideMarket(const ReferenceData& ref);

  const ReferenceData& ref;
  const RideReference& rides;
  const std::vector<CityGeography>& geos;  // by city (RideReference::cities index)

  // The city whose capital has this IBGE code, if any.
  std::optional<uint32_t> city(std::string_view ibge) const;
  const Municipality& capital(uint32_t city) const { return ref.municipalities[rides.cities[city].municipality]; }
  // The category `name` of `app` (UBER, 99, INDRIVE), if the app has it.
  const RideCategory* category(std::string_view app, std::string_view name) const;

 private:
  std::unordered_map<std::string, uint32_t> city_by_ibge_;
  std::unordered_map<std::string, const RideCategory*> category_by_name_;  // "app/name"
};

}  // namespace fraudgen::validate
