#include "fraudgen/report/transaction_tally.h"

#include <algorithm>
#include <string_view>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/report/add_counts.h"
#include "fraudgen/report/history_features.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::report {

int month_of_day(int64_t day) {
  const CivilDate d = civil_from_days(day);
  return d.year * 12 + static_cast<int>(d.month) - 1;
}

ReportCalendar ReportCalendar::of(int64_t start_day, int64_t end_day) {
  ReportCalendar c;
  c.first_day = start_day;
  c.days = static_cast<int>(std::max<int64_t>(end_day - start_day + 1, 0));
  c.first_month = month_of_day(start_day);
  c.months = c.days ? month_of_day(end_day) - c.first_month + 1 : 0;
  return c;
}

TransactionTally::TransactionTally(const ReportCalendar& cal)
    : calendar(cal), per_day(static_cast<size_t>(cal.days)), month_type(static_cast<size_t>(cal.months)),
      per_month(static_cast<size_t>(cal.months)) {
  for (const HistoryFeature& f : history_features()) features.emplace_back(static_cast<size_t>(feature_bin_count(f)));
}

std::vector<int> transaction_columns_read() {
  std::vector<int> columns{tx_col::timestamp,      tx_col::type,          tx_col::amount,           tx_col::customer_state,
                           tx_col::customer_profile, tx_col::is_fraud,    tx_col::fraud_type,       tx_col::fraud_scenario_id,
                           tx_col::fraud_role,     tx_col::fraud_step,    tx_col::fraud_reported_date};
  for (const HistoryFeature& f : history_features()) columns.push_back(f.index);
  return columns;
}

void TransactionTally::add(const ColumnBatch& batch, const ReferenceData& reference) {
  const ColumnData& ts = batch.column(tx_col::timestamp);
  const ColumnData& type = batch.column(tx_col::type);
  const ColumnData& amount = batch.column(tx_col::amount);
  const ColumnData& state = batch.column(tx_col::customer_state);
  const ColumnData& profile = batch.column(tx_col::customer_profile);
  const ColumnData& is_fraud = batch.column(tx_col::is_fraud);
  const ColumnData& fraud_type = batch.column(tx_col::fraud_type);
  const ColumnData& scenario = batch.column(tx_col::fraud_scenario_id);
  const ColumnData& role = batch.column(tx_col::fraud_role);
  const ColumnData& step = batch.column(tx_col::fraud_step);
  const ColumnData& reported = batch.column(tx_col::fraud_reported_date);
  const auto feature_list = history_features();
  for (size_t r = 0; r < batch.rows(); ++r) {
    const bool fraud = is_fraud.valid[r] && is_fraud.ints[r] != 0;
    const size_t f = fraud ? 1 : 0;
    ++rows;
    fraud_rows += f;
    const int64_t day = local_day_of(ts.ints[r]);
    const int64_t day_index = day - calendar.first_day;
    if (day_index < 0 || day_index >= calendar.days) {
      ++outside_range;  // not in the manifest's range: counted, not drawn
      continue;
    }
    const int tx_type = validate::vocab_index(vocab::kTxType, type.str(r));
    const size_t month = static_cast<size_t>(month_of_day(day) - calendar.first_month);
    ++per_day[static_cast<size_t>(day_index)][f];
    ++weekday_hour[weekday_from_days(day)][static_cast<size_t>(brasilia_hour(ts.ints[r]))];
    ++per_month[month][f];
    if (tx_type >= 0) {
      ++month_type[month][static_cast<size_t>(tx_type)];
      ++by_tx_type[static_cast<size_t>(tx_type)][f];
      ++amount_by_type[static_cast<size_t>(tx_type)][f][static_cast<size_t>(amount_bin(amount.ints[r]))];
    }
    const int profile_index = profile.valid[r] ? validate::vocab_index(vocab::kProfile, profile.str(r)) : -1;
    ++amount_by_profile[profile_index < 0 ? kProfiles : static_cast<size_t>(profile_index)][f]
                       [static_cast<size_t>(amount_bin(amount.ints[r]))];
    const int uf = reference.state_index(state.str(r));
    if (uf >= 0 && uf < kStates) ++by_customer_state[static_cast<size_t>(uf)][f];
    for (size_t i = 0; i < feature_list.size(); ++i) {
      const int bin = feature_bin(feature_list[i], batch.column(feature_list[i].index), r);
      if (bin >= 0) ++features[i][static_cast<size_t>(bin)][f];
    }
    if (!fraud) continue;
    const int ft = fraud_type.valid[r] ? validate::vocab_index(vocab::kFraudType, fraud_type.str(r)) : -1;
    if (ft < 0) continue;
    const size_t t = static_cast<size_t>(ft);
    ++fraud_by_type[t];
    if (reported.valid[r]) ++report_delay[t][static_cast<size_t>(std::clamp<int64_t>(reported.ints[r] - day, 0, kDelayDays))];
    if (!scenario.valid[r]) continue;
    examples[t].offer(scenario.str(r), {ts.ints[r], amount.ints[r], reported.valid[r] ? reported.ints[r] : day,
                                        step.valid[r] ? static_cast<int>(step.ints[r]) : 0, std::max(tx_type, 0),
                                        role.valid[r] ? std::string(role.str(r)) : std::string()});
  }
}

void TransactionTally::merge(const TransactionTally& later) {
  rows += later.rows;
  fraud_rows += later.fraud_rows;
  outside_range += later.outside_range;
  add_into(per_day, later.per_day);
  add_into(weekday_hour, later.weekday_hour);
  add_into(month_type, later.month_type);
  add_into(per_month, later.per_month);
  add_into(by_tx_type, later.by_tx_type);
  add_into(fraud_by_type, later.fraud_by_type);
  add_into(by_customer_state, later.by_customer_state);
  add_into(amount_by_type, later.amount_by_type);
  add_into(amount_by_profile, later.amount_by_profile);
  add_into(report_delay, later.report_delay);
  add_into(features, later.features);
  for (size_t t = 0; t < examples.size(); ++t) examples[t].merge(later.examples[t]);
}

}  // namespace fraudgen::report
