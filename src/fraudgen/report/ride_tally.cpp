#include "fraudgen/report/ride_tally.h"

#include <algorithm>
#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/report/add_counts.h"
#include "fraudgen/report/history_features.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::report {

RideTally::RideTally(const ReportCalendar& cal)
    : calendar(cal), per_day(static_cast<size_t>(cal.days)), per_month(static_cast<size_t>(cal.months)) {
  for (const HistoryFeature& f : ride_features()) features.emplace_back(static_cast<size_t>(feature_bin_count(f)));
}

int surge_bin(double multiplier) {
  // Multipliers are written rounded to a tenth; rounding again absorbs the binary fraction.
  return static_cast<int>(std::clamp<long>(std::lround(multiplier * 10) - 10, 0, kSurgeBins - 1));
}

std::vector<int> ride_columns_read() {
  std::vector<int> columns{ride_col::app,         ride_col::level,       ride_col::state,           ride_col::status,
                           ride_col::requested_at, ride_col::surge_multiplier, ride_col::fare_amount, ride_col::payment_method,
                           ride_col::is_fraud,    ride_col::fraud_type,  ride_col::fraud_scenario_id, ride_col::fraud_role,
                           ride_col::fraud_reported_date};
  for (const HistoryFeature& f : ride_features()) columns.push_back(f.index);
  return columns;
}

void RideTally::add(const ColumnBatch& batch, const ReferenceData& reference) {
  const ColumnData& app = batch.column(ride_col::app);
  const ColumnData& level = batch.column(ride_col::level);
  const ColumnData& state = batch.column(ride_col::state);
  const ColumnData& status = batch.column(ride_col::status);
  const ColumnData& requested = batch.column(ride_col::requested_at);
  const ColumnData& surge_multiplier = batch.column(ride_col::surge_multiplier);
  const ColumnData& fare = batch.column(ride_col::fare_amount);
  const ColumnData& pay = batch.column(ride_col::payment_method);
  const ColumnData& is_fraud = batch.column(ride_col::is_fraud);
  const ColumnData& fraud_type = batch.column(ride_col::fraud_type);
  const ColumnData& scenario = batch.column(ride_col::fraud_scenario_id);
  const ColumnData& role = batch.column(ride_col::fraud_role);
  const ColumnData& reported = batch.column(ride_col::fraud_reported_date);
  const auto feature_list = ride_features();
  for (size_t r = 0; r < batch.rows(); ++r) {
    const bool fraud = is_fraud.valid[r] && is_fraud.ints[r] != 0;
    const size_t f = fraud ? 1 : 0;
    ++rows;
    fraud_rows += f;
    const int64_t ts = requested.ints[r];
    const int64_t day = local_day_of(ts);
    const int64_t day_index = day - calendar.first_day;
    if (day_index < 0 || day_index >= calendar.days) {
      ++outside_range;  // not in the manifest's range: counted, not drawn
      continue;
    }
    ++per_day[static_cast<size_t>(day_index)][f];
    ++weekday_hour[weekday_from_days(day)][static_cast<size_t>(brasilia_hour(ts))];
    ++per_month[static_cast<size_t>(month_of_day(day) - calendar.first_month)][f];
    const int a = validate::vocab_index(vocab::kRideApp, app.str(r));
    const int st = validate::vocab_index(vocab::kRideStatus, status.str(r));
    const int lv = validate::vocab_index(vocab::kRideLevel, level.str(r));
    if (a >= 0) {
      const size_t ai = static_cast<size_t>(a);
      ++by_app[ai][f];
      if (fare.ints[r] > 0) ++fare_by_app[ai][f][static_cast<size_t>(amount_bin(fare.ints[r]))];
      else ++no_fare_by_app[ai][f];
      if (st >= 0) ++app_status[ai][static_cast<size_t>(st)];
      if (lv >= 0) ++level_app[static_cast<size_t>(lv)][ai];
    }
    ++surge[static_cast<size_t>(surge_bin(surge_multiplier.doubles[r]))][f];
    const int p = validate::vocab_index(vocab::kRidePayment, pay.str(r));
    if (p >= 0) ++payment[static_cast<size_t>(p)][f];
    const int uf = reference.state_index(state.str(r));
    if (uf >= 0 && uf < kStates) ++by_state[static_cast<size_t>(uf)][f];
    for (size_t i = 0; i < feature_list.size(); ++i) {
      const int bin = feature_bin(feature_list[i], batch.column(feature_list[i].index), r);
      if (bin >= 0) ++features[i][static_cast<size_t>(bin)][f];
    }
    if (!fraud) continue;
    const int ft = fraud_type.valid[r] ? validate::vocab_index(vocab::kRideFraudType, fraud_type.str(r)) : -1;
    if (ft < 0) continue;
    const size_t t = static_cast<size_t>(ft);
    ++fraud_by_type[t];
    if (reported.valid[r]) ++report_delay[t][static_cast<size_t>(std::clamp<int64_t>(reported.ints[r] - day, 0, kDelayDays))];
    if (!scenario.valid[r]) continue;
    // Rides carry no step number: the page numbers them in file order.
    examples[t].offer(scenario.str(r), {ts, fare.ints[r], reported.valid[r] ? reported.ints[r] : day, 0, std::max(st, 0),
                                        role.valid[r] ? std::string(role.str(r)) : std::string()});
  }
}

void RideTally::merge(const RideTally& later) {
  rows += later.rows;
  fraud_rows += later.fraud_rows;
  outside_range += later.outside_range;
  add_into(per_day, later.per_day);
  add_into(weekday_hour, later.weekday_hour);
  add_into(per_month, later.per_month);
  add_into(app_status, later.app_status);
  add_into(level_app, later.level_app);
  add_into(by_app, later.by_app);
  add_into(fare_by_app, later.fare_by_app);
  add_into(no_fare_by_app, later.no_fare_by_app);
  add_into(surge, later.surge);
  add_into(payment, later.payment);
  add_into(fraud_by_type, later.fraud_by_type);
  add_into(by_state, later.by_state);
  add_into(report_delay, later.report_delay);
  add_into(features, later.features);
  for (size_t t = 0; t < examples.size(); ++t) examples[t].merge(later.examples[t]);
}

}  // namespace fraudgen::report
