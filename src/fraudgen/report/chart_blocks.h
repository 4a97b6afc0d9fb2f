// The charts the transactions and rides sections share, each built from a tally's counters
// with the words of its table ("transactions", "rides"): every block draws its chart, records
// its mark count in data["charts"] and returns the figure; the numbers go to the JSON object the
// caller passes.
#pragma once
#include <array>
#include <functional>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "fraudgen/report/amount_bins.h"
#include "fraudgen/report/history_features.h"
#include "fraudgen/report/scenario_example.h"
#include "fraudgen/report/transaction_tally.h"

namespace fraudgen {
struct ReferenceData;
}

namespace fraudgen::report {

using nlohmann::json;

std::string month_name(int month_index);  // "2025-03"
double share(uint64_t part, uint64_t whole);  // percent; 0 of nothing
std::string count_tip(const std::string& what, uint64_t n);  // "fraudulent: 1,234"
// Adds the chart's mark count (its figure's data-marks) and `extra` to data["charts"][id].
void record(json& data, const std::string& id, const std::string& html, json extra = json::object());
// AUC of a feature's bins, higher bins taken as more suspicious, ties counted half.
double binned_auc(const std::vector<LegitFraud>& bins);
// The bins from the first to the last one any class has ({0, 0} when none has any).
std::pair<size_t, size_t> used_range(const std::vector<LegitFraud>& bins);
std::vector<std::string> amount_labels();
std::vector<LegitFraud> as_bins(const std::array<AmountCounts, 2>& counts);

// Legitimate against fraudulent rows, each as a share of its class, over the used bins.
std::string class_histogram(json& data, const std::string& id, const std::string& title, const std::string& x_label,
                            const std::vector<LegitFraud>& bins, const std::vector<std::string>& labels, const std::string& note);

// The words of a table in titles and tooltips.
struct Nouns {
  std::string rows;    // "transactions"
  std::string prefix;  // of chart ids: "" or "ride_"
};

// Rows per day (per 7 or 28 days over a long range), legitimate and fraudulent; `days` gets every
// day: {"first_date": "YYYY-MM-DD", "legit": [...], "fraud": [...]}.
std::string per_day_chart(json& data, json& days, const Nouns& n, const std::string& x_label, const std::string& note,
                          const std::vector<LegitFraud>& per_day, const ReportCalendar& cal);
// Rows by weekday (Monday first) and local hour.
std::string weekday_hour_chart(json& data, json& grid, const Nouns& n, const std::string& note,
                               const std::array<std::array<uint64_t, 24>, 7>& counts);
// Fraudulent rows by fraud type, most frequent first, with each type's calibrated share as ticks.
std::string fraud_type_chart(json& data, json& by_type, json& prevalence_json, const Nouns& n, std::span<const std::string_view> names,
                             std::span<const uint64_t> counts, std::span<const double> prevalence, uint64_t fraud_rows,
                             const std::string& note);
// Fraud rate per month against the requested rate.
std::string fraud_month_chart(json& data, json& months, const Nouns& n, const std::vector<LegitFraud>& per_month, const ReportCalendar& cal,
                              double requested_rate, const std::string& flag);
// Fraud share per state on the map and as sorted bars (`whose`: "the customer's home state").
std::string fraud_state_charts(json& data, json& states, const Nouns& n, const std::string& whose, std::span<const LegitFraud> by_state,
                               const ReferenceData& reference);
// Days from the fraudulent row to its report, all types together; `delays` gets them per type.
std::string report_delay_chart(json& data, json& delays, const Nouns& n, std::span<const std::string_view> names,
                               std::span<const std::array<uint64_t, kDelayDays + 1>> per_type, std::span<const uint64_t> counts,
                               const std::string& note);
// One lane per type with an example; `describe(example, step index)` gives a step's tooltip.
std::string scenario_timeline(json& data, json& examples, const Nouns& n, std::span<const std::string_view> names,
                              std::span<const ScenarioExample> list, const std::string& note,
                              const std::function<std::string(const ScenarioExample&, size_t)>& describe);
// The features' AUCs and one legitimate-against-fraudulent histogram per feature.
std::string feature_charts(json& data, json& features_json, const Nouns& n, std::span<const HistoryFeature> features,
                           const std::vector<std::vector<LegitFraud>>& bins, const std::string& note);

}  // namespace fraudgen::report
