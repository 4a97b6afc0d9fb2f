// Writes drivers, rides and driver sessions into column batches, and makes their ids. Ids are
// functions of the seed and what they name: a driver account of (person, app), a ride of (rider,
// request instant), a session of (account, online instant).
#pragma once
#include <cstdint>
#include <functional>

#include "fraudgen/rides/ride_history.h"
#include "fraudgen/schema/column_batch.h"

namespace fraudgen {

inline constexpr size_t kDriverIdLength = 4 + 12;  // DRV_ and 12 hex digits
char* write_driver_id(char* out, uint64_t seed, uint64_t driver, RideApp app);
// The dictionary key of a driver account.
inline uint64_t driver_account_key(uint64_t driver, RideApp app) { return driver * 4 + static_cast<uint64_t>(app) + 1; }

// One row per app the person is on.
void write_driver_rows(ColumnBatch& batch, const SimContext& ctx, const RideReference& rides, const DriverPerson& d);

// What a ride row needs besides the ride: its city, and the driver who took it.
struct RideRowContext {
  const SimContext& ctx;
  const RideReference& rides;
  const CityGeography& geo;
  std::function<const DriverPerson&(uint64_t)> driver;
  uint32_t dispatch_area;  // the area's number within the capital (DispatchAreas::number)
};
// Fills a row made by ColumnBatch::add_rows (a slice's rows are made at once).
void write_ride_row(RowWriter b, const RideRowContext& rc, const MetroRide& m, const RideHistory& h);

// What a ride_fraud_labels row needs of a fraudulent ride (a sixth of a MetroRide), so a run
// can keep its labels without keeping its rides (ride_span_store.h).
struct RideLabel {
  uint64_t customer = 0, device_key = 0;  // RideRequest::customer, RiderSide::device_key
  int64_t request_ms = 0;
  int64_t driver = -1;                    // DriverPerson::index; -1 when no driver came
  RideApp app{};
  RideFraud fraud;
};
RideLabel ride_label(const MetroRide& m);

// A row of ride_fraud_labels for a fraudulent ride.
void write_ride_label_row(ColumnBatch& batch, const RideRowContext& rc, const RideLabel& label);

// One row per app the session's driver is on; `dispatch_area` is the area's number in the capital.
void write_session_rows(ColumnBatch& batch, const SimContext& ctx, const RideReference& rides, const DriverPerson& d,
                        const DriverSession& s, uint32_t dispatch_area);

}  // namespace fraudgen
