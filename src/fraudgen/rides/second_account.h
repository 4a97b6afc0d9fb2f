// A second driver account on one person's car: someone else's account driven on other shifts.
//   Partner: a relative who drives the car on an account of their own, on the same app, when the
//     owner does not (legitimate; ride_look_alikes.shared_car_share of drivers): their own CPF and
//     CNH, registered months or years ago, their own phone and payout account or, for
//     shared_car_phone_share of couples, the owner's.
//   Bought (MULTI_ACCOUNT_DRIVER): an account registered days to weeks before the scheme in a
//     stranger's name (bought CPF and CNH), driven by the operator on the operator's car, phone
//     and, mostly, payout account; done quietly, on a phone and payout account of its own.
//   Rented (MULTI_ACCOUNT_DRIVER): an old, verified account in someone else's name, rented by the
//     operator for a few weeks and driven on the operator's car and phone.
// A second account is online only when the owner's own account on its app is not: the owner's
// sessions of the day are handed over to it from some hour on (account_handover.h). Its index
// lies above the population's and the reserves' and names the owner (and the scheme), so the
// account is a pure function of (seed, index), like any driver.
#pragma once
#include <cstdint>

#include "fraudgen/rides/driver.h"

namespace fraudgen {

enum class SecondAccountKind : uint8_t { Partner, Bought, Rented };

// What a second account is and, for a scheme, how it runs.
struct SecondAccount {
  SecondAccountKind kind;
  uint64_t owner;      // the population driver whose car it is driven in
  int64_t start = 0;   // a scheme's first day
  uint8_t k = 0;       // a scheme's number among the city's MULTI_ACCOUNT_DRIVER starts of that day
  int64_t days = 0;    // how long a scheme runs
  RideApp app;         // the one app the account is on (one the owner is on too)
  bool quiet = false;  // a scheme done quietly (ride_quiet_fraud.share)
  bool banned = false; // the operator's own account is not used during the scheme: whole days on this one
};

// MULTI_ACCOUNT_DRIVER schemes run at most this long.
inline constexpr int64_t kMaxAccountSchemeDays = 35;

bool is_second_account(uint64_t population, uint64_t index);
uint64_t partner_account_index(uint64_t population, uint64_t owner);
uint64_t scheme_account_index(uint64_t population, uint64_t owner, int64_t start, uint8_t k);

// The account's terms; `owner` is the person of second_account_owner(index).
SecondAccount second_account_terms(const SimContext& ctx, uint64_t population, uint64_t index, const DriverPerson& owner);
uint64_t second_account_owner(uint64_t population, uint64_t index);

// The account's person: a new identity on the owner's car, city and habits.
DriverPerson make_second_account(const SimContext& ctx, const RideReference& rides, uint64_t population, uint64_t index, const DriverPerson& owner);
DriverPerson make_second_account(const SimContext& ctx, const RideReference& rides, uint64_t population, uint64_t index);

}  // namespace fraudgen
