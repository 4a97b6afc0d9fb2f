#include "fraudgen/validate/ride_label_check.h"

#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/rides/ride_fraud_types.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/quiet_taxonomy.h"
#include "fraudgen/validate/row_checks.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {
namespace {

namespace col = ride_col;
namespace lc = ride_label_col;

constexpr uint64_t kRideRateTestedFrom = 1'000'000;  // rides: enough scenarios for 5% to hold (1 / sqrt(scenarios) and more)
constexpr double kRideRateTolerance = 0.05;         // relative

// RFR_, R or D, 12 digits, '-', YYYYMMDD, '-', a number: the start date in days, or nullopt.
std::optional<int64_t> scenario_start(std::string_view id) {
  if (id.size() < 4 + 1 + 12 + 1 + 8 + 2 || !id.starts_with("RFR_") || (id[4] != 'R' && id[4] != 'D') || !all_digits(id.substr(5, 12)) ||
      id[17] != '-' || !all_digits(id.substr(18, 8)) || id[26] != '-' || !all_digits(id.substr(27)))
    return std::nullopt;
  const int y = std::stoi(std::string(id.substr(18, 4))), m = std::stoi(std::string(id.substr(22, 2))), d = std::stoi(std::string(id.substr(24, 2)));
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

}  // namespace

RideLabelCheck::RideLabelCheck(const CheckContext& ctx, bool whole)
    : ctx_(ctx), whole_(whole), labels_(ctx, Table::RideFraudLabels, ctx.dataset.files_of(Table::RideFraudLabels)) {}

void RideLabelCheck::check(const RowRef& r, const RideFacts& f) {
  ctx_.checked(Check::RideLabels);
  auto fail = [&](int c, std::string expected) { ctx_.fail(Check::RideLabels, r, c, std::move(expected)); };
  ++rides_;
  if (!r.valid(col::is_fraud)) return;  // reported by the schema check
  const bool fraud = r.i(col::is_fraud) != 0;
  for (int c = col::fraud_type; c <= col::fraud_reported_date; ++c)
    if (r.valid(c) != fraud) fail(c, fraud ? "a value: is_fraud is true" : "null: is_fraud is false");
  if (!fraud) return;
  ++fraudulent_;
  const int type = r.valid(col::fraud_type) ? vocab_index(vocab::kRideFraudType, r.str(col::fraud_type)) : -1;
  if (type >= 0) {
    ++by_type_[std::string(r.str(col::fraud_type))];
    const RideFraudTypeInfo& info = ride_fraud_types()[static_cast<size_t>(type)];
    if (r.valid(col::fraud_taxonomy) && !is_scenario_taxonomy(r.str(col::fraud_taxonomy), info.taxonomy))
      fail(col::fraud_taxonomy, std::string(info.taxonomy) + " (or " + std::string(info.taxonomy) + std::string(kQuietTaxonomySuffix) + "), the type's taxonomy");
    if (r.valid(col::fraud_role) && r.str(col::fraud_role) != vocab::kRideFraudRole[static_cast<size_t>(info.role)])
      fail(col::fraud_role, std::string(vocab::kRideFraudRole[static_cast<size_t>(info.role)]) + ", the type's role");
  }
  const int64_t day = f.requested != kNoInstant ? local_day_of(f.requested) : INT64_MIN;
  if (r.valid(col::fraud_scenario_id)) {
    const auto start = scenario_start(r.str(col::fraud_scenario_id));
    if (!start || *start > day) fail(col::fraud_scenario_id, "RFR_, R or D, 12 digits, the start date (YYYYMMDD, not after the ride's) and a number, separated by '-'");
  }
  if (r.valid(col::fraud_reported_date) && r.i(col::fraud_reported_date) < day) fail(col::fraud_reported_date, "on or after the ride's date");
  if (!whole_) return;
  // The labels table: the next label row is this ride's.
  if (labels_.at_end()) {
    fail(col::is_fraud, "a row of ride_fraud_labels for this fraudulent ride (the table ends before it)");
    return;
  }
  const RowRef l = labels_.row();
  ++label_rows_;
  check_schema_row(ctx_, l, schema_of(Table::RideFraudLabels));
  auto same = [&](int ride_col, int label_col) { return r.valid(ride_col) == l.valid(label_col) && (!r.valid(ride_col) || r.str(ride_col) == l.str(label_col)); };
  auto same_int = [&](int ride_col, int label_col) { return r.valid(ride_col) == l.valid(label_col) && (!r.valid(ride_col) || r.i(ride_col) == l.i(label_col)); };
  const std::pair<int, int> text[] = {{col::ride_id, lc::ride_id}, {col::customer_id, lc::customer_id}, {col::driver_id, lc::driver_id},
                                      {col::fraud_type, lc::fraud_type}, {col::fraud_scenario_id, lc::fraud_scenario_id},
                                      {col::fraud_role, lc::fraud_role}, {col::fraud_taxonomy, lc::fraud_taxonomy}};
  const std::pair<int, int> ints[] = {{col::requested_at, lc::requested_at}, {col::fraud_reported_date, lc::fraud_reported_date}};
  for (auto [rc, lcol] : text)
    if (!same(rc, lcol)) ctx_.fail(Check::RideLabels, l, lcol, "the fraudulent ride's " + std::string(r.name(rc)) + " (rides " + r.file + " row " + std::to_string(r.file_row) + ")");
  for (auto [rc, lcol] : ints)
    if (!same_int(rc, lcol)) ctx_.fail(Check::RideLabels, l, lcol, "the fraudulent ride's " + std::string(r.name(rc)) + " (rides " + r.file + " row " + std::to_string(r.file_row) + ")");
  labels_.advance();
}

void RideLabelCheck::finish() {
  for (bool first = true; !labels_.at_end(); labels_.advance(), first = false) {
    const RowRef l = labels_.row();
    ++label_rows_;
    check_schema_row(ctx_, l, schema_of(Table::RideFraudLabels));
    if (whole_ && first) ctx_.fail(Check::RideLabels, l, lc::ride_id, "no row: every fraudulent ride has its label row already");
  }
  if (!whole_) return;
  const RideFraudSummary& m = ctx_.dataset.ride_fraud;
  auto differ = [&](std::string what, std::string counted, std::string manifest) {
    ctx_.report.violation(Check::RideLabels, {"", 0, std::move(what), std::move(counted), "the manifest's " + std::move(manifest)});
  };
  if (rides_ != m.rides) differ("ride_fraud.rides", std::to_string(rides_), std::to_string(m.rides));
  if (fraudulent_ != m.fraudulent) differ("ride_fraud.fraudulent_rides", std::to_string(fraudulent_), std::to_string(m.fraudulent));
  std::map<std::string, uint64_t> manifest_types;
  for (const auto& [type, n] : m.by_type)
    if (n) manifest_types[type] = n;
  if (manifest_types != by_type_) differ("ride_fraud.rides_by_type", std::to_string(by_type_.size()) + " types counted", "per-type counts");
  const double realised = rides_ ? static_cast<double>(fraudulent_) / static_cast<double>(rides_) : 0.0;
  if (std::abs(realised - m.realised_rate) > 1e-12) differ("ride_fraud.realised_rate", short_number(realised), short_number(m.realised_rate));
  if (rides_ >= kRideRateTestedFrom && m.requested_rate > 0 && std::abs(realised / m.requested_rate - 1) > kRideRateTolerance)
    ctx_.report.violation(Check::RideLabels, {"", 0, "ride fraud rate", short_number(realised),
                                              "within 5% of the requested " + short_number(m.requested_rate) + " (1,000,000 rides or more)"});
}

}  // namespace fraudgen::validate
