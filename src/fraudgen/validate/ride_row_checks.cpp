// rides: what one row must satisfy on its own.
#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/validate/ride_row_checks.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {

void check_ride_row(const CheckContext& ctx, const RideMarket& market, const RowRef& r, RideFacts& f) {
  namespace col = ride_col;
  ctx.checked(Check::RideIds);
  if (r.valid(col::ride_id) && !(r.str(col::ride_id).size() == 25 && r.str(col::ride_id).starts_with("RIDE_") && all_hex(r.str(col::ride_id).substr(5), true)))
    ctx.fail(Check::RideIds, r, col::ride_id, "RIDE_ + 20 upper-case hex digits");
  if (r.valid(col::customer_id) && !numbered_id(r.str(col::customer_id), "CUST_", 12)) ctx.fail(Check::RideIds, r, col::customer_id, "CUST_ + 12 digits");
  if (r.valid(col::driver_id) && !f.driver) ctx.fail(Check::RideIds, r, col::driver_id, "DRV_ + 12 upper-case hex digits");
  // The category is one of the app's (its vocabulary), of the level written beside it.
  if (f.app >= 0 && r.valid(col::category) && !f.category)
    ctx.fail(Check::Schema, r, col::category, "a category of " + std::string(r.str(col::app)) + " (data/ride_categories.csv)");
  if (f.category && r.valid(col::level) && r.str(col::level) != vocab::kRideLevel[static_cast<size_t>(f.category->level)])
    ctx.fail(Check::Schema, r, col::level, std::string(vocab::kRideLevel[static_cast<size_t>(f.category->level)]) + ", the level of " + f.category->name);
  check_ride_times(ctx, r, f);
  check_ride_fare(ctx, market, r, f);
  check_ride_charges(ctx, r, f);
  check_ride_place(ctx, market, r, f);
}

}  // namespace fraudgen::validate
