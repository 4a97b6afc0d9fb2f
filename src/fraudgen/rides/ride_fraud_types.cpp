#include "fraudgen/rides/ride_fraud_types.h"

namespace fraudgen {
namespace {

using R = RideFraudRole;
// Shares follow what gig platforms report (rides reference §5, §8.12): promotions and stolen
// cards lead, then collusion and GPS tricks; supply withholding, rating rings and split fares
// are rarer. Discovery: chargebacks arrive 20-90 days after the charge, account takeovers are
// reported within a week, investigations take one to eight weeks.
constexpr RideFraudTypeInfo kTypes[] = {
    {"GPS_SPOOFING", 12, "DRIVER|GPS|ROUTE_INFLATION", R::Driver, 4.7, 1, 21},
    {"GHOST_RIDE", 12, "COLLUSION|FAKE_ACCOUNT|PROMO", R::RiderAndDriver, 14.0, 7, 56},
    {"PROMO_ABUSE", 18, "RIDER|MULTI_ACCOUNT|PROMO", R::Rider, 6.95, 7, 56},
    {"SURGE_ABUSE", 5, "DRIVER|COLLUSION|SUPPLY_WITHHOLDING", R::Driver, 1.0, 14, 56},
    {"MULTI_ACCOUNT_DRIVER", 7, "DRIVER|IDENTITY|FAKE_ACCOUNT", R::Driver, 62.0, 14, 56},
    {"REFUND_ABUSE", 8, "RIDER|FIRST_PARTY|REFUND", R::Rider, 4.2, 14, 60},
    {"RATING_FRAUD", 4, "COLLUSION|REPUTATION", R::RiderAndDriver, 16.0, 7, 56},
    {"PAYMENT_CHARGEBACK", 14, "RIDER|STOLEN_CARD|RESALE", R::Rider, 7.0, 20, 90},
    {"SPLIT_FARE_FRAUD", 3, "RIDER|STOLEN_CARD|SPLIT", R::Rider, 1.3, 20, 90},
    {"ACCOUNT_TAKEOVER_RIDE", 9, "ATO|RIDER_ACCOUNT", R::Rider, 3.2, 0, 7},
    {"DESTINATION_DISPARITY", 8, "DRIVER|ROUTE|OFF_APP", R::Driver, 1.8, 1, 21},
};
static_assert(std::size(kTypes) == kRideFraudTypeCount);

}  // namespace

std::span<const RideFraudTypeInfo> ride_fraud_types() { return kTypes; }

double ride_fraud_share(std::span<const double, kRideFraudTypeCount> weights, RideFraudType type) {
  double total = 0;
  for (size_t t = 0; t < std::size(kTypes); ++t) total += kTypes[t].simulated ? kTypes[t].prevalence * weights[t] : 0.0;
  const size_t t = static_cast<size_t>(type);
  return total > 0 && kTypes[t].simulated ? kTypes[t].prevalence * weights[t] / total : 0.0;
}

}  // namespace fraudgen
