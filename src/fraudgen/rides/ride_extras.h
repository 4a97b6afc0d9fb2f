// What a ride row shows besides the trip itself: the rider's side of the app (which account and
// phone asked, the card's age, promotions, a split fare, tickets and disputes), the driver's GPS
// trace, and the ground truth. Legitimate rides fill them from the rider's and driver's own keys
// (rider_account.h, ride_trace.h); fraud scenarios (rider_fraud.h, driver_fraud.h) change them.
#pragma once
#include <array>
#include <cstdint>

#include "fraudgen/rides/ride_fraud_types.h"

namespace fraudgen {

inline constexpr int64_t kNoDay = INT64_MIN;

// Keys of rider accounts and phones (written as RACC_/RDEV_ ids through a 48-bit permutation):
// the tag in bits 44-47 keeps each kind of key apart.
// Staged: the rider accounts and the second phone a driver's own scenarios ask from (driver_fraud.h).
enum class RideKeyTag : uint64_t { Own = 0, Family = 1, Farm = 2, Attacker = 3, Ring = 4, FakeRider = 5, Staged = 6 };
inline uint64_t ride_key(RideKeyTag tag, uint64_t payload) { return (static_cast<uint64_t>(tag) << 44) | (payload & ((1ULL << 44) - 1)); }
// A customer's account on an app: number 0 is the one they use; more (up to 31) are opened for
// promotions or with stolen cards.
inline uint64_t rider_account_key(uint64_t customer, uint8_t app, uint8_t number) {
  return ride_key(RideKeyTag::Own, (customer << 7) | (static_cast<uint64_t>(app) << 5) | (number & 31));
}

struct RiderSide {
  uint8_t account = 0;                // rider_account_key's number
  uint64_t account_key = 0;           // RACC_ key
  int64_t account_created_day = 0;
  uint64_t device_key = 0;            // RDEV_ key
  int32_t card_age_days = -1;         // card payments only
  bool own_payment = true;            // paid with the rider's own card or Pix (the bank sees it)
  int64_t promo_cents = 0;
  uint8_t splits = 0;                 // co-rider accounts that paid a share
  std::array<uint64_t, 3> split_accounts{};
  int8_t ticket = -1;                 // vocab::kRideTicket
  int64_t refund_cents = 0;
  int64_t dispute_day = kNoDay;
};

struct RideTrace {
  double path_ratio = 1.0;            // COMPLETED rides: trace length over the quoted route
  int32_t max_jump_m = 0, end_to_dropoff_m = 0;
  int64_t adjustment_cents = 0;       // paid to the driver for trace km over 1.25 x quoted
};

struct RideFraud {
  int8_t type = -1;                   // RideFraudType; -1 when legitimate
  RideFraudRole role = RideFraudRole::Rider;
  bool driver_actor = false;          // the scenario id names a driver (else a customer)
  uint64_t actor = 0;                 // customer or driver index
  int64_t start_day = 0;
  uint8_t number = 0;                 // the actor's scenarios started that day
  int64_t reported_day = kNoDay;
  bool quiet = false;                 // done quietly (ride_quiet_fraud.share): its taxonomy ends in |QUIET
  bool any() const { return type >= 0; }
};

}  // namespace fraudgen
