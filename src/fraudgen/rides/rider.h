// Riders are the banking customers who live in a capital's metro (within 1.3 times the city's
// radius of its seat, plus 10 km): each has a ride profile from their banking profile, accounts
// on one to three apps, and a personal activity (most people ride rarely, a few daily). What a
// rider requests on a day (when, from where to where, on which app and category, paid how) is
// drawn from the rider's own (customer, date) keys, so any rider's day is computed alone.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/rides/driver.h"
#include "fraudgen/rides/geography.h"
#include "fraudgen/rides/ride_extras.h"
#include "fraudgen/rides/weather.h"
#include "fraudgen/rides/zone_conditions.h"
#include "fraudgen/sim/customer.h"

namespace fraudgen {

enum class RidePayment : uint8_t { CreditCard, DebitCard, Pix, Cash, Wallet, Voucher };
inline constexpr const auto& kRidePayments = vocab::kRidePayment;

struct Rider {
  uint64_t customer;
  uint32_t city;
  uint32_t profile;       // RideReference::profiles
  double activity;        // multiplies the profile's rides per week
  uint8_t apps;           // a bit per RideApp
  std::array<int64_t, 3> account_created_day{};
  GeoPoint home, work;
  bool family_phone;                   // shares one phone with the family (rider_account.h)
  std::array<int64_t, 2> phone_changes;  // days a new phone took over; kNoDay when none
  int32_t card_period, card_phase;     // the card on the accounts is reissued every card_period days
  std::array<int64_t, 2> card_changes;   // days a new card was put on the accounts; kNoDay when none
  // The customers whose fraud scenario starts this rider takes (rider_fraud.h): itself and the
  // non-riders just before it, so the riders share out the starts of every customer.
  uint32_t customers_taken;
  bool on(RideApp app) const { return (apps >> static_cast<int>(app)) & 1; }
  // On the app on local date `day`: the account exists by then.
  bool on(RideApp app, int64_t day) const { return on(app) && account_created_day[static_cast<size_t>(app)] <= day; }
};

// A new account's sign-up promotion lasts its first month, when its rider also rides more.
inline constexpr int64_t kNewAccountDays = 30;

// The family a customer belongs to (four consecutive customers): a family phone is shared by its riders.
inline uint64_t family_of(uint64_t customer) { return customer / 4; }

// The rider a customer is, or nothing when the customer lives outside every capital's metro.
// `cities` holds one CityGeography per RideReference city.
std::optional<Rider> make_rider(const SimContext& ctx, const RideReference& rides, const std::vector<CityGeography>& cities, const Customer& c);

struct RideRequest {
  uint64_t customer;
  int64_t time_ms;      // UTC
  RideApp app;
  uint32_t category;    // RideReference::categories
  GeoPoint pickup, dropoff;
  Zone pickup_zone;
  int8_t dropoff_place = -1;  // RideCity::places index, or -1
  int8_t dropoff_airport = -1;
  RidePayment payment;
  bool borrowed = false;      // asked on the rider's account by a relative, from the relative's phone
};

// The category of `level` on the app, or the nearest lower car level it has (99 and inDrive have
// no Black), among those the city's drivers serve (`served`; every one when empty); kNoCategory
// when none.
inline constexpr uint32_t kNoCategory = UINT32_MAX;
uint32_t category_of(const RideReference& rides, RideApp app, RideLevel level, const std::vector<bool>& served);

// The rider's requests on local date `day`, in time order (appended to `out`). `served` says
// which categories run in the city (ride_market.h; every one when empty): a rider asks for a
// lower level, or another of their apps, when theirs does not run there.
void rider_requests(const SimContext& ctx, const RideReference& rides, const CityGeography& geo, const Rider& r, int64_t day,
                    const DayWeather& weather, std::vector<RideRequest>& out, const std::vector<bool>& served = {});

}  // namespace fraudgen
