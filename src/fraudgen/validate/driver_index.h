// The driver accounts of the drivers table, as the rides and sessions that name them need them:
// app, city, vehicle and plate. Read whole before the rides (a few bytes per account; accounts
// are far fewer than rides). While reading it checks that driver_id is unique, that a person (a
// CPF) has one account per app, and that a person's accounts agree on everything but the app
// and registration date (drivers.driver_id's description). A phone may serve several people's
// accounts (a relative's, a second account's): driver_schedule.h checks they take turns.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "fraudgen/validate/check_context.h"
#include "fraudgen/validate/ride_facts.h"
#include "fraudgen/validate/ride_market.h"

namespace fraudgen::validate {

class DriverIndex {
 public:
  DriverIndex(const CheckContext& ctx, const RideMarket& market) : ctx_(ctx), market_(market) {}
  void add(const RowRef& row);
  void finish();  // after the last add: sorts, and reports repeated driver_ids

  // A ride agrees with its driver account: on the ride's app and in its city, with the plate
  // shown and a vehicle fit for the category.
  void check_ride(const RowRef& row, const RideFacts& facts) const;
  // A session's account exists, on the session's app and in its city.
  void check_session(const RowRef& row, uint64_t account, int city) const;
  // The account's device_id (hashed), when the account is known.
  std::optional<uint64_t> device_of(uint64_t account) const;

 private:
  struct Account {
    uint64_t key;  // driver_key()
    int8_t app, city, level, colour;
    int32_t year;
    std::string plate;
    uint64_t device;  // device_id hashed; 0 when null
    const std::string* file;
    uint64_t row;
  };
  // The fields a person's accounts share, hashed, and the apps seen.
  static constexpr size_t kShared = 17;
  struct Person {
    std::array<uint32_t, kShared> fields;
    uint8_t apps;
    const std::string* file;
    uint64_t row;
  };
  const Account* find(uint64_t key) const;
  void add_person(const RowRef& row, int app);

  const CheckContext& ctx_;
  const RideMarket& market_;
  std::vector<Account> accounts_;
  std::unordered_map<uint64_t, Person> people_;  // by CPF
};

}  // namespace fraudgen::validate
