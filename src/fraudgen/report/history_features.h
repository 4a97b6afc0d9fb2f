// The history features the report compares between fraudulent and legitimate rows, each with
// fixed bins (exact small counts, steps of a real value, widening spans of days, the amount log
// bins, or a flag's null/false/true), so the histograms of two scans merge by adding counts.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

#include "fraudgen/schema/column_batch.h"

namespace fraudgen::report {

enum class FeatureBins : uint8_t { Count, Real, Days, Amount, Flag };

struct HistoryFeature {
  std::string_view column;  // a transactions (or rides) column
  int index;                // its tx_col (ride_col)
  FeatureBins bins;
  int max_count;            // Count, Real: bins 0..max_count, the last one also holds everything above
  std::string_view unit;    // for the axis
  int bins_per_unit = 1;    // Real: value x bins_per_unit, rounded down, is the bin (a double column)
};

// The transactions' features, then the rides'.
std::span<const HistoryFeature> history_features();
std::span<const HistoryFeature> ride_features();
// The lower edges of the Days bins: a day at a time for the first week, then ever wider, to three years.
std::span<const int> day_bin_floors();
int feature_bin_count(const HistoryFeature& f);
// The bin of the feature's value in `row`; -1 for a null Count or Amount value.
int feature_bin(const HistoryFeature& f, const ColumnData& column, size_t row);
// The label of bin `b` (e.g. "3", "40+", "1.25", "14-20", "R$ 1.60", "null").
std::string feature_bin_label(const HistoryFeature& f, int b);

}  // namespace fraudgen::report
