// How hard the data is to learn: legitimate behaviour that looks like fraud (look-alikes) and
// fraud that looks legitimate (quiet fraud). Presets by difficulty; a calibration file
// overrides any rate (docs/fraud-model.md, "Overlap").
#pragma once
#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "fraudgen/rides/ride_fraud_types.h"
#include "fraudgen/sim/fraud_types.h"

namespace fraudgen {

enum class Difficulty : uint8_t { Easy, Realistic, Hard };
inline constexpr std::string_view kDifficultyNames[] = {"easy", "realistic", "hard"};
std::optional<Difficulty> parse_difficulty(std::string_view name);

struct Calibration {
  // Legitimate look-alikes.
  double new_devices_per_year;       // devices a customer starts using inside the range
  double trips_per_year_scale;       // x the profile's trips away from home
  double big_purchase_share;         // card purchases at 5-15x the usual amount
  double night_share;                // transactions moved to 22:00-05:59
  double new_payee_share;            // transfers to a one-off person outside the usual payees
  double business_bursts_per_year;   // business profiles: 5-12 payments within an hour
  // Quiet fraud.
  double quiet_fraud_share;          // scenarios on the usual device, at home, at usual hours and amounts, over days
  double aged_attacker_device_share; // attackers' devices enrolled 1-30 days before their first fraud
  std::array<double, kFraudTypeCount> type_weight;  // multiplier on each fraud type's prevalence
  // Rides: legitimate look-alikes of the ride fraud types (docs/fraud-model.md, Rides).
  double ride_new_accounts_per_year;  // a rider's app account opened inside the range (promotions on its first rides)
  double ride_new_phones_per_year;    // riders who change phones
  double ride_new_cards_per_year;     // riders who put a new card on their accounts
  double ride_one_off_card_share;     // card rides paid with a card added for that ride
  double ride_borrowed_share;         // rides asked for on the rider's account from a family member's phone
  double ride_away_share;             // requests from somewhere far from the rider's usual places
  double ride_family_phone_share;     // riders sharing one phone with their family
  double ride_coupon_share;           // completed rides with a coupon
  double ride_friends_split_share;    // completed UBER rides split with friends (most at night, to and from nightlife)
  double ride_ticket_share;           // completed rides with a support ticket
  double ride_dispute_share;          // card rides disputed by the card's holder
  double ride_tunnel_share;           // completed rides whose trace loses the signal (tunnels, urban canyons)
  double ride_battery_saver_share;    // completed rides traced by a phone saving battery (zig-zag)
  double ride_early_exit_share;       // riders getting out before the drop-off
  double ride_forgot_to_end_share;    // drivers ending the trip in the app well after the drop-off
  double ride_car_in_front_share;     // accepted requests made with a car already at the door (ranks, hotels)
  double ride_driver_break_share;     // drivers' sessions with a short break offline (a meal, fuel, a rest)
  double ride_shared_car_share;       // drivers whose car a relative also drives, on another account and shift
  double ride_shared_car_phone_share; // of those couples, the ones sharing one phone and one payout account
  std::array<double, kRideFraudTypeCount> ride_type_weight;  // multiplier on each ride fraud type's prevalence
  // Rides: quiet fraud (docs/fraud-model.md, Rides).
  double ride_quiet_fraud_share;      // ride scenarios done quietly, inside the legitimate ranges of their signals
};

Calibration calibration_preset(Difficulty d);

// One settable rate: its key in a calibration file ("group.name"), where it lives, its range and meaning.
struct CalibrationKey {
  std::string_view group, name;
  double Calibration::*field;
  double min, max;
  std::string_view meaning;
};
std::span<const CalibrationKey> calibration_keys();

inline constexpr double kMaxTypeWeight = 100.0;

}  // namespace fraudgen
