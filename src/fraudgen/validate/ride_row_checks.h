// Checks of one row of the ride tables that need the reference data only (the cross-row and
// cross-table checks are in ride_walk.cpp and the classes it drives).
#pragma once
#include "fraudgen/validate/check_context.h"
#include "fraudgen/validate/ride_facts.h"
#include "fraudgen/validate/ride_market.h"

namespace fraudgen::validate {

void check_driver_row(const CheckContext& ctx, const RideMarket& market, const RowRef& row);
void check_session_row(const CheckContext& ctx, const RideMarket& market, const RowRef& row);
// Ids, timestamps, fare and places of a ride; sets facts.zone when pickup_zone is right.
void check_ride_row(const CheckContext& ctx, const RideMarket& market, const RowRef& row, RideFacts& facts);

void check_ride_times(const CheckContext& ctx, const RowRef& row, const RideFacts& facts);
void check_ride_fare(const CheckContext& ctx, const RideMarket& market, const RowRef& row, const RideFacts& facts);
// Promotion, split, charged amount, card age, refunds, disputes, the trace's presence; account and phone ids.
void check_ride_charges(const CheckContext& ctx, const RowRef& row, const RideFacts& facts);
void check_ride_place(const CheckContext& ctx, const RideMarket& market, const RowRef& row, RideFacts& facts);
// The city of a ride-table row: the capital of the IBGE code in column `ibge`, with the name and
// state columns (-1 for none) agreeing; -1 when the code names no capital.
int check_capital(const CheckContext& ctx, const RideMarket& market, const RowRef& row, int ibge, int name, int state);
// The capital's dispatch area in column `area`: a number from 1 (per_area.h).
void check_dispatch_area(const CheckContext& ctx, const RowRef& row, int area);

}  // namespace fraudgen::validate
