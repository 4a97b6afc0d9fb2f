// A rider's side of the app, as legitimate riders use it: the phone a request comes from (their
// own; a new one after a change; the family's shared phone), the age of the card on the account,
// and what ordinary rides carry: promotions in a new account's first month and coupons,
// fares split with friends (mostly at night, on weekends), tickets and card disputes. These are
// the look-alikes of the rider-side fraud types (calibration keys ride_look_alikes.*).
#pragma once
#include <cstdint>

#include "fraudgen/rides/metro_day.h"
#include "fraudgen/rides/rider.h"

namespace fraudgen {

// A friend (who splits a fare) is another customer within this many customer numbers.
inline constexpr uint64_t kFriendReach = 60;

// The phone the rider asks from on local date `day` (an RDEV_ key).
uint64_t rider_phone_key(const Rider& rd, int64_t day);
// Days on `day` since the rider's card was put on an account created on `created_day`.
int32_t card_age_days(const Rider& rd, int64_t created_day, int64_t day);

// Fills m.rider for a request the rider made on their own account (number 0).
void fill_rider_side(const SimContext& ctx, const Rider& rd, MetroRide& m);

// A promotion of `share` of the fare, at most `cap_cents` (never above the fare).
int64_t promotion_cents(int64_t fare_cents, double share, int64_t cap_cents);

}  // namespace fraudgen
