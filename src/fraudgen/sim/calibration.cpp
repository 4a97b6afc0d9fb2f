#include "fraudgen/sim/calibration.h"

#include <iterator>

namespace fraudgen {
namespace {

constexpr Calibration with_types(Calibration c) {
  c.type_weight.fill(1.0);
  return c;
}

// Realistic is what the quality gate holds to AUC 0.80-0.93 (docs/quality.md); easy drops most of
// the overlap, hard doubles it.
constexpr Calibration kPresets[] = {
    with_types({0.20, 0.5, 0.0005, 0.00, 0.08, 0, 0.00, 0.00, {}}),
    with_types({1.50, 1.0, 0.0040, 0.03, 0.25, 6, 0.40, 0.70, {}}),
    with_types({2.00, 2.0, 0.0120, 0.08, 0.30, 24, 0.70, 0.85, {}}),
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
