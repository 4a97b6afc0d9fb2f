// What the report counts over the rides table: integer counters in fixed bins only, as for the
// transactions (transaction_tally.h), so tallies of any split of the rows merge into the same numbers.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "fraudgen/report/amount_bins.h"
#include "fraudgen/report/scenario_example.h"
#include "fraudgen/report/transaction_tally.h"
#include "fraudgen/rides/ride_fraud_types.h"
#include "fraudgen/schema/column_batch.h"

namespace fraudgen::report {

inline constexpr int kRideAppCount = 3, kRideStatusCount = 4, kRideLevelCount = 4, kRidePaymentCount = 6;
inline constexpr int kSurgeBins = 31;  // surge_multiplier 1.0, 1.1, ... 3.9 and 4.0 or more

struct RideTally {
  explicit RideTally(const ReportCalendar& calendar);

  ReportCalendar calendar;
  uint64_t rows = 0, fraud_rows = 0, outside_range = 0;
  std::vector<LegitFraud> per_day;                          // requested_at's local date
  std::array<std::array<uint64_t, 24>, 7> weekday_hour{};   // Monday first, local hour of requested_at
  std::vector<LegitFraud> per_month;
  std::array<std::array<uint64_t, kRideStatusCount>, kRideAppCount> app_status{};
  std::array<std::array<uint64_t, kRideAppCount>, kRideLevelCount> level_app{};
  std::array<LegitFraud, kRideAppCount> by_app{};
  std::array<std::array<AmountCounts, 2>, kRideAppCount> fare_by_app{};  // fare_amount above 0, log bins
  std::array<LegitFraud, kRideAppCount> no_fare_by_app{};                 // fare_amount 0: nothing was charged
  std::array<LegitFraud, kSurgeBins> surge{};
  std::array<LegitFraud, kRidePaymentCount> payment{};
  std::array<uint64_t, kRideFraudTypeCount> fraud_by_type{};
  std::array<LegitFraud, kStates> by_state{};  // the ride's state, in ReferenceData::states order
  std::array<std::array<uint64_t, kDelayDays + 1>, kRideFraudTypeCount> report_delay{};
  std::vector<std::vector<LegitFraud>> features;  // per ride_features(), per bin
  std::array<ScenarioExample, kRideFraudTypeCount> examples;

  // Counts a batch of rides rows (read_schema_of(Table::Rides)).
  void add(const ColumnBatch& batch, const ReferenceData& reference);
  // Adds `later`, a tally of rows after these ones.
  void merge(const RideTally& later);
};

// The surge bin of a multiplier (a tenth each from 1.0).
int surge_bin(double multiplier);

// The columns add() reads.
std::vector<int> ride_columns_read();

}  // namespace fraudgen::report
