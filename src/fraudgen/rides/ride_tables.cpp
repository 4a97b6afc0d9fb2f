#include "fraudgen/rides/ride_tables.h"

#include <charconv>
#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/core/text.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/sim/customer_table.h"
#include "fraudgen/sim/documents.h"
#include "fraudgen/sim/quiet_taxonomy.h"

namespace fraudgen {
namespace {

constexpr uint64_t kMask48 = (1ULL << 48) - 1;

// A bijection of 48-bit numbers keyed by the seed: ids that never collide and reveal no order.
uint64_t permute48(uint64_t seed, uint64_t x) {
  x = (x ^ (mix64(seed) & kMask48)) & kMask48;
  x = (x * 0x9E3779B97F4BULL) & kMask48;  // odd: invertible modulo 2^48
  x ^= x >> 24;
  x = (x * 0xC2B2AE3D27D5ULL) & kMask48;
  x ^= x >> 21;
  return x;
}

double coordinate(double v) { return std::round(v * 1e5) / 1e5; }

void put_driver_id(RowWriter& b, int col, uint64_t seed, uint64_t driver, RideApp app) {
  char* p = b.begin_str(col, kDriverIdLength);
  b.commit_keyed_str(col, driver_account_key(driver, app), write_driver_id(p, seed, driver, app));
}

void put_city(RowWriter& b, const ReferenceData& ref, const RideCity& city, int ibge_col, int name_col, int state_col) {
  const Municipality& m = ref.municipalities[city.municipality];
  b.put_str(ibge_col, m.ibge_code);
  if (name_col >= 0) b.put_str(name_col, m.name);
  if (state_col >= 0) b.put_str(state_col, m.uf);
}

void put_time(RowWriter& b, int col, int64_t ms) {
  if (ms == kNoTime) b.put_null(col);
  else b.put_int(col, ms);
}

constexpr size_t kAccountIdLength = 5 + 12;  // RACC_/RDEV_ and 12 hex digits

char* write_key_id(char* out, std::string_view prefix, uint64_t seed, uint64_t key) {
  return write_hex(write_text(out, prefix), permute48(seed, key), 12, true);
}

void put_key_id(RowWriter& b, int col, std::string_view prefix, uint64_t seed, uint64_t key) {
  b.commit_keyed_str(col, key + 1, write_key_id(b.begin_str(col, kAccountIdLength), prefix, seed, key));
}

// RIDE_ and 20 hex digits from the rider, the phone and the request instant.
// A ride's id: of its rider (and the phone of a relative asking on their account) and request instant.
void put_ride_id(RowWriter& b, int col, uint64_t seed, uint64_t customer, uint64_t device_key, int64_t request_ms) {
  const uint64_t who = device_key == 0 ? customer : hash_combine(customer, device_key);
  const uint64_t id = hash_combine(hash_combine(mix64(seed ^ 0x41DE), who), static_cast<uint64_t>(request_ms));
  char* p = write_hex(write_text(b.begin_str(col, 25), "RIDE_"), id, 16, true);
  b.commit_str(col, write_hex(p, mix64(id) >> 48, 4, true));
}

// fraud_type, fraud_scenario_id, fraud_role, fraud_taxonomy, fraud_reported_date, from `first` on.
void put_ride_ground_truth(RowWriter& b, int first, const RideFraud& f) {
  const RideFraudTypeInfo& info = ride_fraud_types()[static_cast<size_t>(f.type)];
  b.put_int(first, f.type);
  char* p = write_text(b.begin_str(first + 1, 4 + 1 + 12 + 1 + 8 + 1 + 3), "RFR_");
  *p++ = f.driver_actor ? 'D' : 'R';
  p = write_padded(p, f.actor + (f.driver_actor ? 0 : 1), 12);
  const CivilDate d = civil_from_days(f.start_day);
  *p++ = '-';
  p = write_padded(write_padded(write_padded(p, static_cast<uint64_t>(d.year), 4), d.month, 2), d.day, 2);
  *p++ = '-';
  b.commit_str(first + 1, std::to_chars(p, p + 3, f.number).ptr);
  b.put_int(first + 2, static_cast<int>(f.role));
  put_scenario_taxonomy(b, first + 3, info.taxonomy, f.quiet);
  b.put_int(first + 4, f.reported_day);
}
static_assert(ride_col::fraud_reported_date - ride_col::fraud_type == 4 && ride_label_col::fraud_reported_date - ride_label_col::fraud_type == 4);

}  // namespace

char* write_driver_id(char* out, uint64_t seed, uint64_t driver, RideApp app) {
  out = write_text(out, "DRV_");
  return write_hex(out, permute48(seed ^ 0xD817E5, driver * 3 + static_cast<uint64_t>(app)), 12, true);
}

void write_driver_rows(ColumnBatch& batch, const SimContext& ctx, const RideReference& rides, const DriverPerson& d) {
  namespace col = driver_col;
  const ReferenceData& ref = ctx.ref();
  const uint64_t seed = ctx.config().seed;
  const std::string name = full_name(ref, d.sex, d.first_name, d.surname1, d.surname2);
  const RideVehicle& v = rides.vehicles[d.vehicle.model];
  char device[5 + 12], payout[16];
  char* end = write_hex(write_text(device, "DDEV_"), permute48(seed ^ 0xDE71CE, d.device), 12, true);
  write_hex(payout, mix64(d.payout_account ^ mix64(seed)), 16);
  for (int a = 0; a < 3; ++a) {
    const RideApp app = static_cast<RideApp>(a);
    if (!d.on(app)) continue;
    RowWriter b = batch.row_writer(batch.add_rows(1));
    put_driver_id(b, col::driver_id, seed, d.index, app);
    b.put_int(col::app, a);
    b.put_str(col::name, name);
    b.put_int(col::sex, d.sex);
    b.commit_str(col::cpf, write_formatted_cpf(b.begin_str(col::cpf, 14), d.cpf));
    b.put_str(col::cnh, std::string_view(d.cnh, 11));
    b.put_bool(col::cnh_paid_activity, d.cnh_paid_activity);
    b.put_int(col::birth_date, d.birth_day);
    put_city(b, ref, rides.cities[d.city], col::city_ibge_code, col::city_name, col::state);
    b.put_int(col::activity, static_cast<int>(d.activity));
    b.put_int(col::registered_at, d.registered_day[static_cast<size_t>(a)]);
    b.put_keyed_str(col::device_id, d.device + 1, std::string_view(device, static_cast<size_t>(end - device)));
    b.put_str(col::payout_bank_code, ref.banks[d.payout_bank].code);
    b.put_str(col::payout_account_hash, std::string_view(payout, 16));
    b.put_str(col::vehicle_plate, d.vehicle.plate);
    b.put_str(col::vehicle_brand, v.brand);
    b.put_str(col::vehicle_model, v.model);
    b.put_int(col::vehicle_level, static_cast<int>(v.level));
    b.put_int(col::vehicle_year, d.vehicle.model_year);
    b.put_int(col::vehicle_colour, d.vehicle.colour);
    b.put_int(col::vehicle_ownership, static_cast<int>(d.vehicle.ownership));
  }
}

void write_ride_row(RowWriter b, const RideRowContext& rc, const MetroRide& m, const RideHistory& h) {
  namespace col = ride_col;
  const ReferenceData& ref = rc.ctx.ref();
  const uint64_t seed = rc.ctx.config().seed;
  const RideRequest& q = m.request;
  const RideTrip& t = m.trip;
  const RideCategory& category = rc.rides.categories[q.category];
  const RideCity& city = rc.geo.city();

  put_ride_id(b, col::ride_id, seed, m.request.customer, m.rider.device_key, m.trip.request_ms);
  b.put_int(col::app, static_cast<int>(q.app));
  b.put_str(col::category, category.name);
  b.put_int(col::level, static_cast<int>(category.level));
  char* p = b.begin_str(col::customer_id, 17);
  b.commit_keyed_str(col::customer_id, q.customer + 1, write_customer_id(p, q.customer));
  const RiderSide& rs = m.rider;
  put_key_id(b, col::rider_account_id, "RACC_", seed ^ 0xACC7, rs.account_key);
  b.put_int(col::account_age_days, local_day_of(t.request_ms) - rs.account_created_day);
  put_key_id(b, col::rider_device_id, "RDEV_", seed ^ 0xDE7ACE, rs.device_key);
  if (m.driver >= 0) {
    const DriverPerson& d = rc.driver(static_cast<uint64_t>(m.driver));
    put_driver_id(b, col::driver_id, seed, d.index, q.app);
    b.put_str(col::vehicle_plate, d.vehicle.plate);
  } else {
    b.put_null(col::driver_id);
    b.put_null(col::vehicle_plate);
  }
  put_city(b, ref, city, col::city_ibge_code, col::city_name, col::state);
  b.put_int(col::dispatch_area, static_cast<int64_t>(rc.dispatch_area));
  b.put_int(col::status, static_cast<int>(t.status));
  b.put_int(col::requested_at, t.request_ms);
  put_time(b, col::accepted_at, t.accept_ms);
  put_time(b, col::arrived_at, t.arrive_ms);
  put_time(b, col::started_at, t.start_ms);
  put_time(b, col::ended_at, t.end_ms);
  put_time(b, col::cancelled_at, t.cancel_ms);
  b.put_double(col::pickup_lat, coordinate(q.pickup.lat));
  b.put_double(col::pickup_lon, coordinate(q.pickup.lon));
  b.put_str(col::pickup_zone, zone_name(ref.municipalities[city.municipality].uf, city, q.pickup_zone));
  b.put_double(col::dropoff_lat, coordinate(q.dropoff.lat));
  b.put_double(col::dropoff_lon, coordinate(q.dropoff.lon));
  if (q.dropoff_place >= 0) b.put_str(col::dropoff_place, city.places[static_cast<size_t>(q.dropoff_place)].name);
  else b.put_null(col::dropoff_place);
  if (q.dropoff_airport >= 0) b.put_str(col::dropoff_airport, city.airports[static_cast<size_t>(q.dropoff_airport)].iata);
  else b.put_null(col::dropoff_airport);
  if (t.accept_ms != kNoTime) b.put_double(col::pickup_distance_km, std::round(t.pickup_km * 1000.0) / 1000.0);
  else b.put_null(col::pickup_distance_km);
  b.put_int(col::quoted_distance_m, t.quoted_distance_m);
  b.put_int(col::quoted_duration_s, t.quoted_duration_s);
  const bool completed = t.status == RideStatus::Completed;
  if (completed) {
    b.put_int(col::actual_distance_m, t.actual_distance_m);
    b.put_int(col::actual_duration_s, t.actual_duration_s);
  } else {
    b.put_null(col::actual_distance_m);
    b.put_null(col::actual_duration_s);
  }
  b.put_int(col::rain, static_cast<int>(t.rain));
  b.put_double(col::surge_multiplier, t.surge_tenths / 10.0);
  b.put_bool(col::flight_bank, t.flight_bank);
  const bool indrive = q.app == RideApp::InDrive;
  b.put_int(col::quoted_price, indrive ? t.upfront.total_cents() * 9 / 10 : t.upfront.total_cents());
  if (indrive) {
    b.put_int(col::offer_amount, t.offer_cents);
    b.put_int(col::counter_offers, t.counter_offers);
  } else {
    b.put_null(col::offer_amount);
    b.put_null(col::counter_offers);
  }
  int basis = vocab::NO_PRICE;
  if (completed) basis = indrive ? vocab::NEGOTIATED : t.metered ? vocab::METERED : vocab::UPFRONT;
  else if (t.cancel_fee_cents > 0) basis = vocab::CANCELLATION_FEE;
  b.put_int(col::price_basis, basis);
  if (basis == vocab::UPFRONT || basis == vocab::METERED) {
    b.put_int(col::fare_base, t.charged.base_cents);
    b.put_int(col::fare_distance, t.charged.distance_cents);
    b.put_int(col::fare_time, t.charged.time_cents);
    b.put_int(col::fare_surge, t.charged.surge_cents);
    b.put_int(col::fare_minimum_topup, t.charged.minimum_topup_cents);
  } else {
    for (int c : {col::fare_base, col::fare_distance, col::fare_time, col::fare_surge, col::fare_minimum_topup}) b.put_null(c);
  }
  if (completed) b.put_int(col::fare_municipal_fee, t.municipal_fee_cents);
  else b.put_null(col::fare_municipal_fee);
  b.put_int(col::fare_amount, t.fare_cents);
  b.put_int(col::cancel_fee, t.cancel_fee_cents);
  b.put_int(col::payment_method, static_cast<int>(q.payment));
  b.put_bool(col::zero_fee_day, t.zero_fee_day);
  b.put_int(col::platform_fee, t.platform_fee_cents);
  b.put_int(col::tip_amount, t.tip_cents);
  put_time(b, col::tipped_at, t.tip_ms);
  b.put_int(col::driver_earnings, t.driver_earnings_cents);
  if (m.rating_by_rider) b.put_int(col::rating_by_rider, m.rating_by_rider);
  else b.put_null(col::rating_by_rider);
  if (m.rating_by_driver) b.put_int(col::rating_by_driver, m.rating_by_driver);
  else b.put_null(col::rating_by_driver);
  if (m.driver >= 0) {
    b.put_int(col::driver_trips_7d, h.driver_trips);
    if (h.driver_rated) b.put_double(col::driver_rating_7d, h.driver_stars / h.driver_rated);
    else b.put_null(col::driver_rating_7d);
    b.put_int(col::driver_cancels_7d, h.driver_cancels);
  } else {
    for (int c : {col::driver_trips_7d, col::driver_rating_7d, col::driver_cancels_7d}) b.put_null(c);
  }
  b.put_int(col::rider_requests_7d, h.rider_requests);
  b.put_int(col::rider_cancels_7d, h.rider_cancels);
  if (h.rider_rated) b.put_double(col::rider_rating_7d, h.rider_stars / h.rider_rated);
  else b.put_null(col::rider_rating_7d);
  if (m.driver >= 0) b.put_int(col::pair_rides_7d, h.pair_rides);
  else b.put_null(col::pair_rides_7d);

  if (rs.card_age_days >= 0) b.put_int(col::card_age_days, rs.card_age_days);
  else b.put_null(col::card_age_days);
  b.put_int(col::promo_amount, rs.promo_cents);
  if (rs.splits > 0) {
    char* s = b.begin_str(col::split_account_ids, rs.splits * (kAccountIdLength + 1));
    for (uint8_t k = 0; k < rs.splits; ++k) {
      if (k > 0) *s++ = '|';
      s = write_key_id(s, "RACC_", seed ^ 0xACC7, rs.split_accounts[k]);
    }
    b.commit_str(col::split_account_ids, s);
  } else {
    b.put_null(col::split_account_ids);
  }
  b.put_int(col::charged_amount, charged_cents(m));
  const RideTrace& tr = m.trace;
  if (completed) {
    b.put_double(col::gps_path_ratio, std::round(tr.path_ratio * 1000.0) / 1000.0);
    b.put_int(col::gps_max_jump_m, tr.max_jump_m);
    b.put_int(col::end_to_dropoff_m, tr.end_to_dropoff_m);
  } else {
    for (int c : {col::gps_path_ratio, col::gps_max_jump_m, col::end_to_dropoff_m}) b.put_null(c);
  }
  b.put_int(col::driver_adjustment, tr.adjustment_cents);
  if (rs.ticket >= 0) b.put_int(col::ticket, rs.ticket);
  else b.put_null(col::ticket);
  b.put_int(col::refund_amount, rs.refund_cents);
  if (rs.dispute_day != kNoDay) b.put_int(col::dispute_date, rs.dispute_day);
  else b.put_null(col::dispute_date);
  b.put_bool(col::is_fraud, m.fraud.any());
  if (m.fraud.any()) put_ride_ground_truth(b, col::fraud_type, m.fraud);
  else for (int c = col::fraud_type; c <= col::fraud_reported_date; ++c) b.put_null(c);
}

RideLabel ride_label(const MetroRide& m) {
  return {m.request.customer, m.rider.device_key, m.trip.request_ms, m.driver, m.request.app, m.fraud};
}

void write_ride_label_row(ColumnBatch& batch, const RideRowContext& rc, const RideLabel& l) {
  namespace col = ride_label_col;
  const uint64_t seed = rc.ctx.config().seed;
  RowWriter b = batch.row_writer(batch.add_rows(1));
  put_ride_id(b, col::ride_id, seed, l.customer, l.device_key, l.request_ms);
  b.commit_keyed_str(col::customer_id, l.customer + 1, write_customer_id(b.begin_str(col::customer_id, 17), l.customer));
  if (l.driver >= 0) put_driver_id(b, col::driver_id, seed, rc.driver(static_cast<uint64_t>(l.driver)).index, l.app);
  else b.put_null(col::driver_id);
  b.put_int(col::requested_at, l.request_ms);
  put_ride_ground_truth(b, col::fraud_type, l.fraud);
}

void write_session_rows(ColumnBatch& batch, const SimContext& ctx, const RideReference& rides, const DriverPerson& d,
                        const DriverSession& s, uint32_t dispatch_area) {
  namespace col = session_col;
  const uint64_t seed = ctx.config().seed;
  for (int a = 0; a < 3; ++a) {
    const RideApp app = static_cast<RideApp>(a);
    if (!d.on(app) || !s.on(app)) continue;
    RowWriter b = batch.row_writer(batch.add_rows(1));
    const uint64_t id = hash_combine(hash_combine(mix64(seed ^ 0x5E55), driver_account_key(d.index, app)), static_cast<uint64_t>(s.online_ms));
    char* p = b.begin_str(col::session_id, 5 + 20);
    p = write_hex(write_text(p, "DSES_"), id, 16, true);
    b.commit_str(col::session_id, write_hex(p, mix64(id) >> 48, 4, true));
    put_driver_id(b, col::driver_id, seed, d.index, app);
    b.put_int(col::app, a);
    put_city(b, ctx.ref(), rides.cities[d.city], col::city_ibge_code, -1, -1);
    b.put_int(col::dispatch_area, static_cast<int64_t>(dispatch_area));
    b.put_int(col::online_at, s.online_ms);
    b.put_int(col::offline_at, s.offline_ms);
  }
}

}  // namespace fraudgen
