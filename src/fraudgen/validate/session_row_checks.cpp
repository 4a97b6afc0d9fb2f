// driver_sessions: ids, the capital, and a session that ends after it begins.
#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/validate/ride_row_checks.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {

void check_session_row(const CheckContext& ctx, const RideMarket& market, const RowRef& r) {
  namespace sc = session_col;
  ctx.checked(Check::RideIds);
  if (r.valid(sc::session_id) && !(r.str(sc::session_id).size() == 25 && r.str(sc::session_id).starts_with("DSES_") && all_hex(r.str(sc::session_id).substr(5), true)))
    ctx.fail(Check::RideIds, r, sc::session_id, "DSES_ + 20 upper-case hex digits");
  if (r.valid(sc::driver_id) && !driver_key(r.str(sc::driver_id))) ctx.fail(Check::RideIds, r, sc::driver_id, "DRV_ + 12 upper-case hex digits");
  check_capital(ctx, market, r, sc::city_ibge_code, -1, -1);
  check_dispatch_area(ctx, r, sc::dispatch_area);
  ctx.checked(Check::RideTimes);
  if (r.valid(sc::online_at) && r.valid(sc::offline_at) && r.i(sc::offline_at) <= r.i(sc::online_at))
    ctx.fail(Check::RideTimes, r, sc::offline_at, "after online_at " + format_timestamp_brt(r.i(sc::online_at)));
}

}  // namespace fraudgen::validate
