#include "fraudgen/validate/ride_facts.h"

#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/validate/per_area.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {

std::optional<uint64_t> driver_key(std::string_view driver_id) {
  auto n = hex_id(driver_id, "DRV_", 12, true);
  if (!n) return std::nullopt;
  return *n + 1;
}

RideFacts ride_facts(const RideMarket& market, const RowRef& r) {
  namespace col = ride_col;
  RideFacts f;
  if (r.valid(col::city_ibge_code))
    if (auto c = market.city(r.str(col::city_ibge_code))) f.city = static_cast<int>(*c);
  if (r.valid(col::dispatch_area)) f.area = area_of(f.city, r.i(col::dispatch_area), market.rides.cities.size());
  if (r.valid(col::app)) f.app = vocab_index(vocab::kRideApp, r.str(col::app));
  if (r.valid(col::status)) f.status = vocab_index(vocab::kRideStatus, r.str(col::status));
  if (r.valid(col::price_basis)) f.basis = vocab_index(vocab::kPriceBasis, r.str(col::price_basis));
  if (f.app >= 0 && r.valid(col::category)) f.category = market.category(vocab::kRideApp[static_cast<size_t>(f.app)], r.str(col::category));
  if (r.valid(col::rider_account_id))
    if (auto n = hex_id(r.str(col::rider_account_id), "RACC_", 12, true)) f.rider = *n + 1;
  if (r.valid(col::driver_id)) f.driver = driver_key(r.str(col::driver_id)).value_or(0);
  auto instant = [&](int c) { return r.valid(c) ? r.i(c) : kNoInstant; };
  f.requested = instant(col::requested_at);
  f.accepted = instant(col::accepted_at);
  f.arrived = instant(col::arrived_at);
  f.started = instant(col::started_at);
  f.ended = instant(col::ended_at);
  f.cancelled = instant(col::cancelled_at);
  return f;
}

}  // namespace fraudgen::validate
