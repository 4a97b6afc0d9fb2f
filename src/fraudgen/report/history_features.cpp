#include "fraudgen/report/history_features.h"

#include <algorithm>
#include <array>
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

}  // namespace

std::span<const HistoryFeature> history_features() { return kFeatures; }

int feature_bin_count(const HistoryFeature& f) {
  switch (f.bins) {
    case FeatureBins::Count: return f.max_count + 1;
    case FeatureBins::Amount: return kAmountBins;
    case FeatureBins::Flag: return 3;
  }
  return 0;
}

int feature_bin(const HistoryFeature& f, const ColumnData& column, size_t row) {
  const bool valid = column.valid[row] == 1;
  if (f.bins == FeatureBins::Flag) return valid ? 1 + (column.ints[row] != 0) : 0;
  if (!valid) return -1;
  const int64_t v = column.ints[row];
  if (f.bins == FeatureBins::Amount) return amount_bin(v);
  return static_cast<int>(std::clamp<int64_t>(v, 0, f.max_count));
}

std::string feature_bin_label(const HistoryFeature& f, int b) {
  switch (f.bins) {
    case FeatureBins::Count: return std::to_string(b) + (b == f.max_count ? "+" : "");
    case FeatureBins::Amount: return "R$ " + format_cents(amount_bin_floor(b)) + "+";
    case FeatureBins::Flag: return b == 0 ? "null" : b == 1 ? "false" : "true";
  }
  return "";
}

}  // namespace fraudgen::report
