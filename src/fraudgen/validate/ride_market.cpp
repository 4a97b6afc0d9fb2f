#include "fraudgen/validate/ride_market.h"

namespace fraudgen::validate {

RideMarket::RideMarket(const ReferenceData& reference)
    : market_(reference), ref(reference), rides(market_.reference()), geos(market_.geographies()) {
  for (uint32_t c = 0; c < rides.cities.size(); ++c) city_by_ibge_.emplace(capital(c).ibge_code, c);
  for (const RideCategory& c : rides.categories) category_by_name_.emplace(c.app + "/" + c.name, &c);
}

std::optional<uint32_t> RideMarket::city(std::string_view ibge) const {
  auto it = city_by_ibge_.find(std::string(ibge));
  if (it == city_by_ibge_.end()) return std::nullopt;
  return it->second;
}

const RideCategory* RideMarket::category(std::string_view app, std::string_view name) const {
  auto it = category_by_name_.find(std::string(app) + "/" + std::string(name));
  return it == category_by_name_.end() ? nullptr : it->second;
}

}  // namespace fraudgen::validate
