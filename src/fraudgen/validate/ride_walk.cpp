#include "fraudgen/validate/ride_walk.h"

#include <limits>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/validate/ride_row_checks.h"
#include "fraudgen/validate/row_checks.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {
namespace {

// Ride and session ids are unique within a dispatch area and this window (see recent_ids.h).
constexpr int64_t kIdWindow = 8 * kMillisPerDay;
// In valid data the sessions a ride needs lie in its own block; this many more sessions read
// looking for a missing one is the most a violation may cost.
constexpr uint64_t kMaxSessionSearch = 1 << 20;

}  // namespace

RideWalk::RideWalk(const CheckContext& ctx, const RideMarket& market, bool cross_checks)
    : ctx_(ctx), market_(market), cross_(cross_checks), drivers_(ctx, market), schedule_(ctx),
      history_(ctx), conditions_(ctx, market), labels_(ctx, cross_checks), ride_ids_(kIdWindow),
      session_ids_(kIdWindow),
      driver_rows_(ctx, Table::Drivers, ctx.dataset.files_of(Table::Drivers)),
      ride_rows_(ctx, Table::Rides, ctx.dataset.files_of(Table::Rides)),
      session_rows_(ctx, Table::DriverSessions, ctx.dataset.files_of(Table::DriverSessions)) {}

void RideWalk::run() {
  read_drivers();
  for (; !ride_rows_.at_end(); ride_rows_.advance()) process_ride(ride_rows_.row());
  while (!session_rows_.at_end()) absorb_session();
  labels_.finish();
}

void RideWalk::read_drivers() {
  for (; !driver_rows_.at_end(); driver_rows_.advance()) {
    const RowRef r = driver_rows_.row();
    ++rows_;
    check_schema_row(ctx_, r, schema_of(Table::Drivers));
    check_driver_row(ctx_, market_, r);
    if (cross_) drivers_.add(r);
  }
  drivers_.finish();
}

void RideWalk::process_ride(const RowRef& r) {
  namespace col = ride_col;
  ++rows_;
  check_schema_row(ctx_, r, schema_of(Table::Rides));
  RideFacts f = ride_facts(market_, r);
  check_ride_row(ctx_, market_, r, f);
  labels_.check(r, f);
  if (f.area < 0 || f.requested == kNoInstant) return;  // reported by the geography and schema checks

  // Rides of a dispatch area are in request order: blocks of an area and span of days, each sorted.
  ctx_.checked(Check::Layout);
  int64_t& last = last_request_[static_cast<size_t>(f.area)].at;
  if (f.requested < last)
    ctx_.fail(Check::Layout, r, col::requested_at, "at or after " + format_timestamp_brt(last) + ", the previous request of the dispatch area (rides of a city's dispatch_area in requested_at order)");
  last = std::max(last, f.requested);
  if (r.valid(col::ride_id))
    if (auto seen = ride_ids_.insert(static_cast<uint32_t>(f.area), f.requested, r.str(col::ride_id), {&r.file, r.file_row}))
      ctx_.fail(Check::RideIds, r, col::ride_id, "a ride_id used once (also at " + *seen->file + " row " + std::to_string(seen->row) + ")");
  conditions_.check(r, f);
  if (!cross_) return;

  // A rider is a customer of the customers table (numbered 1 to the dataset's customers).
  ctx_.checked(Check::References);
  if (r.valid(col::customer_id)) {
    auto n = numbered_id(r.str(col::customer_id), "CUST_", 12);
    if (n && (*n < 1 || *n > ctx_.dataset.customers)) ctx_.fail(Check::References, r, col::customer_id, "a customer of the customers table");
  }
  if (f.driver) check_one_area(f.driver, f.area, r, col::dispatch_area);
  drivers_.check_ride(r, f);
  if (f.driver && f.accepted != kNoInstant) {
    find_session(f);
    schedule_.check_ride(r, f);
  }
  history_.check(r, f);
}

void RideWalk::find_session(const RideFacts& f) {
  for (uint64_t read = 0; read < kMaxSessionSearch && !schedule_.covered(f) && !schedule_.passed(f) && !session_rows_.at_end(); ++read)
    absorb_session();
}

void RideWalk::check_one_area(uint64_t account, int area, const RowRef& r, int column) {
  ctx_.checked(Check::RideAgreement);
  const auto [it, fresh] = driver_area_.try_emplace(account, FirstArea{area, &r.file, r.file_row});
  if (!fresh && it->second.area != area)
    ctx_.fail(Check::RideAgreement, r, column, std::to_string(dispatch_area_of(it->second.area, market_.rides.cities.size())) +
                                                   ", the driver account's dispatch area (as " + *it->second.file + " row " + std::to_string(it->second.row) + ")");
}

void RideWalk::absorb_session() {
  namespace sc = session_col;
  const RowRef r = session_rows_.row();
  ++rows_;
  check_schema_row(ctx_, r, schema_of(Table::DriverSessions));
  check_session_row(ctx_, market_, r);
  // A plain index rather than an optional: g++ 12 at -O1 takes the optional read twice for an
  // uninitialised one (-Wmaybe-uninitialized).
  constexpr uint32_t kNoCity = std::numeric_limits<uint32_t>::max();
  const uint32_t city = r.valid(sc::city_ibge_code) ? market_.city(r.str(sc::city_ibge_code)).value_or(kNoCity) : kNoCity;
  const int area = city != kNoCity && r.valid(sc::dispatch_area) ? area_of(static_cast<int>(city), r.i(sc::dispatch_area), market_.rides.cities.size()) : -1;
  if (area >= 0 && r.valid(sc::session_id) && r.valid(sc::online_at))
    if (auto seen = session_ids_.insert(static_cast<uint32_t>(area), r.i(sc::online_at), r.str(sc::session_id), {&r.file, r.file_row}))
      ctx_.fail(Check::RideIds, r, sc::session_id, "a session_id used once (also at " + *seen->file + " row " + std::to_string(seen->row) + ")");
  const auto account = r.valid(sc::driver_id) ? driver_key(r.str(sc::driver_id)) : std::nullopt;
  if (cross_ && account) {
    drivers_.check_session(r, *account, city != kNoCity ? static_cast<int>(city) : -1);
    if (area >= 0) {
      schedule_.add_session(r, static_cast<uint32_t>(area), *account, drivers_.device_of(*account));
      check_one_area(*account, area, r, sc::dispatch_area);
    }
  }
  session_rows_.advance();
}

}  // namespace fraudgen::validate
