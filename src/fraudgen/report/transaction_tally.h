// What the report counts over the transactions table: integer counters in fixed bins only, so
// tallies of any split of the rows merge (by adding, in file order) into the same numbers.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "fraudgen/report/amount_bins.h"
#include "fraudgen/report/scenario_example.h"
#include "fraudgen/schema/column_batch.h"

namespace fraudgen {
struct ReferenceData;
}

namespace fraudgen::report {

inline constexpr int kTxTypes = 8, kFraudTypes = 25, kStates = 27, kProfiles = 7;
inline constexpr int kDelayDays = 90;  // delay bins 0..89 days, and one for 90 or more

using LegitFraud = std::array<uint64_t, 2>;  // [0] legitimate, [1] fraudulent

// year * 12 + month - 1 of a day number.
int month_of_day(int64_t day);

// The calendar the counters are laid out on: the dataset's local days and months.
struct ReportCalendar {
  int64_t first_day = 0;
  int days = 0;
  int first_month = 0;  // year * 12 + month - 1
  int months = 0;
  static ReportCalendar of(int64_t start_day, int64_t end_day);
};

struct TransactionTally {
  explicit TransactionTally(const ReportCalendar& calendar);

  ReportCalendar calendar;
  uint64_t rows = 0, fraud_rows = 0, outside_range = 0;
  std::vector<LegitFraud> per_day;
  std::array<std::array<uint64_t, 24>, 7> weekday_hour{};  // Monday first, local hour
  std::vector<std::array<uint64_t, kTxTypes>> month_type;
  std::vector<LegitFraud> per_month;
  std::array<LegitFraud, kTxTypes> by_tx_type{};
  std::array<uint64_t, kFraudTypes> fraud_by_type{};
  std::array<LegitFraud, kStates> by_customer_state{};       // in ReferenceData::states order
  std::array<std::array<AmountCounts, 2>, kTxTypes> amount_by_type{};
  std::array<std::array<AmountCounts, 2>, kProfiles + 1> amount_by_profile{};  // the last: no profile
  std::array<std::array<uint64_t, kDelayDays + 1>, kFraudTypes> report_delay{};
  std::vector<std::vector<LegitFraud>> features;                   // per history_features(), per bin
  std::array<ScenarioExample, kFraudTypes> examples;

  // Counts a batch of transactions rows (read_schema_of(Table::Transactions)).
  void add(const ColumnBatch& batch, const ReferenceData& reference);
  // Adds `later`, a tally of rows after these ones.
  void merge(const TransactionTally& later);
};

// The columns add() reads.
std::vector<int> transaction_columns_read();

}  // namespace fraudgen::report
