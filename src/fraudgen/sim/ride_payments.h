// A rider's rides in their banking timeline, in a world with rides: each completed ride paid by
// credit card, debit card or Pix is the rider's payment to the app's merchant (MCC 4121) for the
// fare, at the ride's end, in the app on the rider's phone, placed in the ride's capital. One
// world, two views: the payment is the ride's fare_amount at its ended_at. The rider side of a ride (whether it was
// completed, its times and fare) never depends on the drivers, so a customer's payments of any
// day are computed alone, as the rest of the timeline is.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "fraudgen/rides/ride_market.h"
#include "fraudgen/sim/customer.h"
#include "fraudgen/sim/transaction.h"

namespace fraudgen {

// Appends the payments of the rides that ended on local dates [first_day, last_day] (requested
// from the day before), every field but history, session and risk filled in.
void add_ride_payments(const SimContext& ctx, const RideMarket& market, const Rider& rider, const Customer& c, int64_t first_day,
                       int64_t last_day, uint32_t local_index, std::vector<Transaction>& out);
// How many add_ride_payments appends.
uint64_t count_ride_payments(const SimContext& ctx, const RideMarket& market, const Rider& rider, int64_t first_day, int64_t last_day);
// The same, by date: adds 1 to per_day[d - first_day] for each payment on local date d.
void count_ride_payments_by_day(const SimContext& ctx, const RideMarket& market, const Rider& rider, int64_t first_day, int64_t last_day,
                                std::span<uint32_t> per_day);

}  // namespace fraudgen
