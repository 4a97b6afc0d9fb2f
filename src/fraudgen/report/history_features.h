// The history features the report compares between fraudulent and legitimate rows, each with
// fixed bins (exact small counts, the amount log bins, or a flag's null/false/true), so the
// histograms of two scans merge by adding counts.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

#include "fraudgen/schema/column_batch.h"

namespace fraudgen::report {

enum class FeatureBins : uint8_t { Count, Amount, Flag };

struct HistoryFeature {
  std::string_view column;  // a transactions column
  int index;                // its tx_col
  FeatureBins bins;
  int max_count;            // Count: bins 0..max_count, the last one also holds everything above
  std::string_view unit;    // for the axis
};

std::span<const HistoryFeature> history_features();
int feature_bin_count(const HistoryFeature& f);
// The bin of the feature's value in `row`; -1 for a null Count or Amount value.
int feature_bin(const HistoryFeature& f, const ColumnData& column, size_t row);
// The label of bin `b` (e.g. "3", "40+", "R$ 1.60", "null").
std::string feature_bin_label(const HistoryFeature& f, int b);

}  // namespace fraudgen::report
