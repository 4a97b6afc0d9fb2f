// The 11 ride fraud types as data: how common each is among fraudulent rides, who acts, how
// many rides a scenario makes and how long until it is found. docs/fraud-model.md ("Rides")
// describes each type's steps, the fields that show it and its legitimate look-alikes.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

namespace fraudgen {

enum class RideFraudType : uint8_t {
  GpsSpoofing, GhostRide, PromoAbuse, SurgeAbuse, MultiAccountDriver, RefundAbuse, RatingFraud, PaymentChargeback,
  SplitFareFraud, AccountTakeover, DestinationDisparity
};
enum class RideFraudRole : uint8_t { Rider, Driver, RiderAndDriver };

struct RideFraudTypeInfo {
  std::string_view name;      // vocab::kRideFraudType
  double prevalence;          // share of fraudulent rides, in percent (the 11 sum to 100)
  std::string_view taxonomy;  // '|'-separated labels
  RideFraudRole role;
  double mean_rides;          // fraudulent rides per scenario, on average, as measured (sizes the start rates)
  int min_report_days, max_report_days;  // from the scenario's last ride to its discovery
  bool simulated = true;      // false: no scenario makes it yet, and its share goes to the others
};

inline constexpr int kRideFraudTypeCount = 11;
std::span<const RideFraudTypeInfo> ride_fraud_types();
inline const RideFraudTypeInfo& ride_fraud_type(RideFraudType t) { return ride_fraud_types()[static_cast<size_t>(t)]; }
// The type's share of fraudulent rides: its prevalence times its weight (ride_fraud_type_weights),
// over those of the simulated types.
double ride_fraud_share(std::span<const double, kRideFraudTypeCount> weights, RideFraudType t);

}  // namespace fraudgen
