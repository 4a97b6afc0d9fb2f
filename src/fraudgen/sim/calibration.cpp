#include "fraudgen/sim/calibration.h"

#include <iterator>

namespace fraudgen {
namespace {

struct RideLookAlikes {
  double new_accounts, new_phones, new_cards, one_off_card, borrowed, away, family_phone, coupon, friends_split, ticket, dispute, tunnel,
      battery_saver, early_exit, forgot_to_end, car_in_front, driver_break, shared_car, shared_car_phone;
};

constexpr Calibration with_types(Calibration c, RideLookAlikes r, double ride_quiet_share) {
  c.type_weight.fill(1.0);
  c.ride_type_weight.fill(1.0);
  c.ride_new_accounts_per_year = r.new_accounts;
  c.ride_new_phones_per_year = r.new_phones;
  c.ride_new_cards_per_year = r.new_cards;
  c.ride_one_off_card_share = r.one_off_card;
  c.ride_borrowed_share = r.borrowed;
  c.ride_away_share = r.away;
  c.ride_family_phone_share = r.family_phone;
  c.ride_coupon_share = r.coupon;
  c.ride_friends_split_share = r.friends_split;
  c.ride_ticket_share = r.ticket;
  c.ride_dispute_share = r.dispute;
  c.ride_tunnel_share = r.tunnel;
  c.ride_battery_saver_share = r.battery_saver;
  c.ride_early_exit_share = r.early_exit;
  c.ride_forgot_to_end_share = r.forgot_to_end;
  c.ride_car_in_front_share = r.car_in_front;
  c.ride_driver_break_share = r.driver_break;
  c.ride_shared_car_share = r.shared_car;
  c.ride_shared_car_phone_share = r.shared_car_phone;
  c.ride_quiet_fraud_share = ride_quiet_share;
  return c;
}

// Realistic is what the quality gate holds to AUC 0.80-0.93 (docs/quality.md); easy drops most of
// the overlap, hard doubles it.
constexpr Calibration kPresets[] = {
    with_types({0.20, 0.5, 0.0005, 0.00, 0.08, 0, 0.00, 0.00, {}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, {}, 0},
               {0.05, 0.10, 0.2, 0.002, 0.001, 0.005, 0.01, 0.005, 0.002, 0.005, 0.001, 0.005, 0.001, 0.005, 0.002, 0.005, 0.05, 0.002, 0.1}, 0.0),
    with_types({1.50, 1.0, 0.0040, 0.03, 0.25, 6, 0.40, 0.70, {}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, {}, 0},
               {0.60, 0.35, 1.0, 0.02, 0.01, 0.03, 0.08, 0.08, 0.015, 0.03, 0.004, 0.06, 0.05, 0.02, 0.008, 0.02, 0.25, 0.04, 0.4}, 0.6),
    with_types({2.00, 2.0, 0.0120, 0.08, 0.30, 24, 0.70, 0.85, {}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, {}, 0},
               {0.90, 0.50, 1.5, 0.04, 0.02, 0.06, 0.15, 0.15, 0.03, 0.05, 0.008, 0.10, 0.08, 0.04, 0.015, 0.04, 0.4, 0.08, 0.6}, 0.8),
};

constexpr CalibrationKey kKeys[] = {
    {"look_alikes", "new_devices_per_year", &Calibration::new_devices_per_year, 0, 4,
     "legitimate devices a customer starts using inside the date range, per year (new phones, new computers); at most 3 per customer"},
    {"look_alikes", "trips_per_year_scale", &Calibration::trips_per_year_scale, 0, 10,
     "multiplier on the profile's trips away from home (2 a year, 6 for high_spender, 8 for business_owner)"},
    {"look_alikes", "big_purchase_share", &Calibration::big_purchase_share, 0, 0.1,
     "share of legitimate card purchases at 5-15x the usual amount (electronics, furniture, travel)"},
    {"look_alikes", "night_share", &Calibration::night_share, 0, 0.5,
     "share of legitimate transactions moved to 22:00-05:59, on top of the profile's own night hours"},
    {"look_alikes", "new_payee_share", &Calibration::new_payee_share, 0, 1,
     "share of legitimate PIX and TED to a person paid only once (the rest go to the customer's 14 usual payees)"},
    {"look_alikes", "business_bursts_per_year", &Calibration::business_bursts_per_year, 0, 200,
     "micro_empreendedor and business_owner: bursts of 5-12 payments within an hour, per year"},
    {"quiet_fraud", "share", &Calibration::quiet_fraud_share, 0, 1,
     "share of scenarios done quietly: the customer's usual device, at home, in the profile's hours, usual amounts, steps days apart"},
    {"ride_look_alikes", "new_accounts_per_year", &Calibration::ride_new_accounts_per_year, 0, 1,
     "apps a rider joins after start_date, per year and app they are not on: the new account's first month carries the promotion, and the rider rides more; a family sharing a phone joins together"},
    {"ride_look_alikes", "new_phones_per_year", &Calibration::ride_new_phones_per_year, 0, 2,
     "riders who start using a new phone, per year (at most two changes per rider)"},
    {"ride_look_alikes", "new_cards_per_year", &Calibration::ride_new_cards_per_year, 0, 4,
     "riders who put a new card on their accounts, per year (at most two per rider; cards are also reissued every three to five years)"},
    {"ride_look_alikes", "one_off_card_share", &Calibration::ride_one_off_card_share, 0, 0.2,
     "share of card rides paid with another card of the rider's, added for that ride at checkout"},
    {"ride_look_alikes", "borrowed_share", &Calibration::ride_borrowed_share, 0, 0.2,
     "share of a rider's requests made on their account from a family member's phone"},
    {"ride_look_alikes", "away_share", &Calibration::ride_away_share, 0, 0.3,
     "share of requests from anywhere in the metro instead of around the rider's home (errands, visits, a night elsewhere)"},
    {"ride_look_alikes", "family_phone_share", &Calibration::ride_family_phone_share, 0, 0.5,
     "share of riders whose family shares one phone: their accounts ask from the same rider_device_id"},
    {"ride_look_alikes", "coupon_share", &Calibration::ride_coupon_share, 0, 0.3, "share of completed rides with a coupon: half one at a time (R$2-10), half in weekly packs (R$4-10 off most of a week's rides on one app)"},
    {"ride_look_alikes", "friends_split_share", &Calibration::ride_friends_split_share, 0, 0.2,
     "share of completed UBER rides split with friends' accounts (ten times commoner at night to and from nightlife)"},
    {"ride_look_alikes", "ticket_share", &Calibration::ride_ticket_share, 0, 0.2, "share of completed rides with a rider's support ticket"},
    {"ride_look_alikes", "dispute_share", &Calibration::ride_dispute_share, 0, 0.05, "share of card rides the card's holder disputes"},
    {"ride_look_alikes", "tunnel_share", &Calibration::ride_tunnel_share, 0, 0.2,
     "share of completed rides whose GPS trace jumps where the signal is lost (tunnels, urban canyons)"},
    {"ride_look_alikes", "battery_saver_share", &Calibration::ride_battery_saver_share, 0, 0.1,
     "share of completed rides traced by a driver's phone saving battery: a zig-zag trace 1.2-1.8 times the route"},
    {"ride_look_alikes", "early_exit_share", &Calibration::ride_early_exit_share, 0, 0.2,
     "share of completed rides where the rider got out 0.3-4 km before the drop-off"},
    {"ride_look_alikes", "forgot_to_end_share", &Calibration::ride_forgot_to_end_share, 0, 0.1,
     "share of completed rides the driver ended in the app 0.5-3 km after the drop-off"},
    {"ride_look_alikes", "car_in_front_share", &Calibration::ride_car_in_front_share, 0, 0.2,
     "share of accepted requests made with a car already at the door (taxi ranks, hotels): accepted within seconds, 0.05-0.3 km away"},
    {"ride_look_alikes", "driver_break_share", &Calibration::ride_driver_break_share, 0, 1,
     "share of drivers' sessions of 2 hours or more with a 3-15 minute break offline (a meal, fuel, a rest), and of surged rides whose driver waited offline 4-18 minutes for the surge to rise, back 0.5-5 minutes before accepting"},
    {"ride_look_alikes", "shared_car_share", &Calibration::ride_shared_car_share, 0, 0.2,
     "share of drivers whose car a relative also drives on an account of their own on the same app, on other shifts (some days from midday on, some whole days)"},
    {"ride_look_alikes", "shared_car_phone_share", &Calibration::ride_shared_car_phone_share, 0, 1,
     "share of those couples whose accounts also share one phone (device_id) and one payout account"},
    {"ride_quiet_fraud", "share", &Calibration::ride_quiet_fraud_share, 0, 1,
     "share of ride scenarios done quietly, inside the legitimate ranges of their signals (Ride fraud: each type's quiet form)"},
    {"quiet_fraud", "aged_attacker_device_share", &Calibration::aged_attacker_device_share, 0, 1,
     "share of attackers' devices enrolled 1-30 days before their first fraudulent transaction"},
};

}  // namespace

std::optional<Difficulty> parse_difficulty(std::string_view name) {
  for (size_t i = 0; i < std::size(kDifficultyNames); ++i)
    if (name == kDifficultyNames[i]) return static_cast<Difficulty>(i);
  return std::nullopt;
}

Calibration calibration_preset(Difficulty d) { return kPresets[static_cast<size_t>(d)]; }

std::span<const CalibrationKey> calibration_keys() { return kKeys; }

}  // namespace fraudgen
