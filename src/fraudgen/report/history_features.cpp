#include "fraudgen/report/history_features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "fraudgen/report/amount_bins.h"
#include "fraudgen/report/number_text.h"
#include "fraudgen/schema/columns.h"

namespace fraudgen::report {

namespace {

constexpr std::array<HistoryFeature, 9> kFeatures{{
    {"velocity_transactions_1h", tx_col::velocity_transactions_1h, FeatureBins::Count, 15, "transactions"},
    {"velocity_transactions_24h", tx_col::velocity_transactions_24h, FeatureBins::Count, 40, "transactions"},
    {"velocity_transactions_7d", tx_col::velocity_transactions_7d, FeatureBins::Count, 120, "transactions"},
    {"velocity_unique_devices_7d", tx_col::velocity_unique_devices_7d, FeatureBins::Count, 6, "devices"},
    {"accumulated_amount_24h", tx_col::accumulated_amount_24h, FeatureBins::Amount, 0, "BRL"},
    {"accumulated_amount_7d", tx_col::accumulated_amount_7d, FeatureBins::Amount, 0, "BRL"},
    {"device_new_for_customer", tx_col::device_new_for_customer, FeatureBins::Flag, 0, ""},
    {"new_beneficiary", tx_col::new_beneficiary, FeatureBins::Flag, 0, ""},
    {"fraud_score", tx_col::fraud_score, FeatureBins::Count, 100, "points"},
}};

constexpr std::array<int, 19> kDayFloors{0, 1, 2, 3, 4, 5, 6, 7, 14, 21, 30, 60, 90, 180, 365, 540, 730, 1095, 1460};

// Ride features a fraud analyst looks at: the GPS trace against the route, how far the driver
// was, how new the account and the card are, how often this pair rode together, how busy the
// driver and the rider were, and the promotion taken.
constexpr std::array<HistoryFeature, 9> kRideFeatures{{
    {"gps_path_ratio", ride_col::gps_path_ratio, FeatureBins::Real, 30, "x quoted route", 10},
    {"pickup_distance_km", ride_col::pickup_distance_km, FeatureBins::Real, 30, "km", 2},
    {"account_age_days", ride_col::account_age_days, FeatureBins::Days, 0, "days, widening bins"},
    {"card_age_days", ride_col::card_age_days, FeatureBins::Days, 0, "days, widening bins"},
    {"pair_rides_7d", ride_col::pair_rides_7d, FeatureBins::Count, 15, "rides"},
    {"driver_trips_7d", ride_col::driver_trips_7d, FeatureBins::Count, 60, "rides"},
    {"rider_requests_7d", ride_col::rider_requests_7d, FeatureBins::Count, 40, "requests"},
    {"rider_cancels_7d", ride_col::rider_cancels_7d, FeatureBins::Count, 10, "rides"},
    {"promo_amount", ride_col::promo_amount, FeatureBins::Amount, 0, "BRL"},
}};

}  // namespace

std::span<const HistoryFeature> history_features() { return kFeatures; }
std::span<const HistoryFeature> ride_features() { return kRideFeatures; }
std::span<const int> day_bin_floors() { return kDayFloors; }

int feature_bin_count(const HistoryFeature& f) {
  switch (f.bins) {
    case FeatureBins::Count:
    case FeatureBins::Real: return f.max_count + 1;
    case FeatureBins::Days: return static_cast<int>(kDayFloors.size());
    case FeatureBins::Amount: return kAmountBins;
    case FeatureBins::Flag: return 3;
  }
  return 0;
}

int feature_bin(const HistoryFeature& f, const ColumnData& column, size_t row) {
  const bool valid = column.valid[row] == 1;
  if (f.bins == FeatureBins::Flag) return valid ? 1 + (column.ints[row] != 0) : 0;
  if (!valid) return -1;
  // A product and a floor give the same bin on any machine; the nudge keeps a value written with
  // few decimals (1.05) in the bin its text names, not the one below.
  if (f.bins == FeatureBins::Real)
    return static_cast<int>(std::clamp(std::floor(column.doubles[row] * f.bins_per_unit + 1e-9), 0.0, static_cast<double>(f.max_count)));
  const int64_t v = column.ints[row];
  if (f.bins == FeatureBins::Amount) return amount_bin(v);
  if (f.bins == FeatureBins::Days)  // the last floor not above the value
    return std::max(static_cast<int>(std::upper_bound(kDayFloors.begin(), kDayFloors.end(), v) - kDayFloors.begin()) - 1, 0);
  return static_cast<int>(std::clamp<int64_t>(v, 0, f.max_count));
}

std::string feature_bin_label(const HistoryFeature& f, int b) {
  switch (f.bins) {
    case FeatureBins::Count: return std::to_string(b) + (b == f.max_count ? "+" : "");
    case FeatureBins::Real:
      return format_fixed(static_cast<double>(b) / f.bins_per_unit, f.bins_per_unit > 10 ? 2 : f.bins_per_unit > 1 ? 1 : 0) +
             (b == f.max_count ? "+" : "");
    case FeatureBins::Days: {
      const size_t i = static_cast<size_t>(b);
      std::string label = std::to_string(kDayFloors[i]);
      if (i + 1 == kDayFloors.size()) label += '+';
      else if (kDayFloors[i + 1] - 1 > kDayFloors[i]) label.append(1, '-').append(std::to_string(kDayFloors[i + 1] - 1));
      return label;
    }
    case FeatureBins::Amount: return "R$ " + format_cents(amount_bin_floor(b)) + "+";
    case FeatureBins::Flag: return b == 0 ? "null" : b == 1 ? "false" : "true";
  }
  return "";
}

}  // namespace fraudgen::report
