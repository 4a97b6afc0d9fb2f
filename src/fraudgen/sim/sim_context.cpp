#include "fraudgen/sim/sim_context.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/sim/fraud_plan.h"
#include "fraudgen/sim/fraud_scenario.h"

namespace fraudgen {
namespace {

// Monday..Sunday volume (anchor spec 4.6) and month-of-year multipliers (anchor spec 2.1: the
// same table sets transaction volume and fraud volume).
constexpr double kWeekday[7] = {33, 34, 34, 34, 31, 19, 15};
constexpr double kMonth[12] = {0.85, 0.80, 0.90, 0.95, 1.00, 1.05, 0.95, 1.00, 1.05, 1.15, 1.30, 1.20};

int64_t nth_weekday(int year, unsigned month, unsigned weekday, int n) {
  int64_t first = days_from_civil(year, month, 1);
  int64_t offset = (static_cast<int64_t>(weekday) - static_cast<int64_t>(weekday_from_days(first)) + 7) % 7;
  return first + offset + 7 * (n - 1);
}

// The 5th business day (Monday to Friday) of the month of `day`.
int64_t fifth_business_day(int64_t day) {
  const CivilDate d = civil_from_days(day);
  int64_t x = days_from_civil(d.year, d.month, 1);
  for (int n = 0;; ++x)
    if (weekday_from_days(x) < 5 && ++n == 5) return x;
}

}  // namespace

bool SimContext::is_payday(int64_t day) const {
  const uint64_t i = static_cast<uint64_t>(day - table_first_day_);
  if (i < paydays_.size()) return paydays_[i];
  return fifth_business_day(day) == day;
}

double SimContext::month_weight(int month) { return kMonth[month - 1]; }

double SimContext::day_weight(int64_t day) {
  CivilDate c = civil_from_days(day);
  double w = kWeekday[weekday_from_days(day)] * kMonth[c.month - 1];
  // Black Friday: the Friday after the fourth Thursday of November.
  int64_t black_friday = nth_weekday(c.year, 11, 3, 4) + 1;
  int64_t easter = easter_days(c.year), carnival = easter - 47;
  double special = 1.0;
  if (day == black_friday) special = 3.0;
  else if (day >= black_friday - 2 && day <= black_friday + 2) special = 2.2;
  else if (c.month == 12 && c.day == 25) special = 1.8;
  else if (c.month == 12 && c.day >= 20) special = 2.0;
  else if (c.month == 12 || (c.month == 11 && c.day >= 5 && c.day <= 20)) special = 1.5;
  else if (c.month == 6 && c.day == 12) special = 1.6;                       // Dia dos Namorados
  else if (day == nth_weekday(c.year, 5, 6, 2)) special = 1.8;               // Mother's Day
  else if (day == nth_weekday(c.year, 8, 6, 2)) special = 1.6;               // Father's Day
  else if (day >= carnival - 3 && day <= carnival + 3) special = 0.7;
  else if (day == easter - 2) special = 0.7;                                 // Good Friday
  else if (c.month == 1 && c.day == 1) special = 0.6;
  else if ((c.month == 4 && c.day == 21) || (c.month == 5 && c.day == 1) || (c.month == 9 && c.day == 7) ||
           (c.month == 11 && (c.day == 2 || c.day == 15)))
    special = 0.7;
  else if (c.month == 10 && c.day == 12) special = 0.8;
  else if (c.day <= 6) special = 1.1;                                        // salaries land early in the month
  return w * special;
}

double SimContext::profile_weight(int profile, int64_t day) const {
  const double w = day_weight(day);
  return weekday_from_days(day) >= 5 ? w * profile_or_default(profile).weekend_multiplier : w;
}

double SimContext::fraud_weight(int64_t day) {
  // Fraud follows the calendar's volume and, on top of it, the month's multiplier once more,
  // so the fraud *share* of a month is proportional to MONTHLY_MULT (anchor spec 2.1).
  return day_weight(day) * month_weight(static_cast<int>(civil_from_days(day).month));
}

double SimContext::day_rate(int profile, int64_t day) const {
  const uint64_t i = static_cast<uint64_t>(day - table_first_day_);
  if (i < rates_.size()) return rates_[i][static_cast<size_t>(profile + 1)];
  return profile_weight(profile, day) / mean_weight_[static_cast<size_t>(profile + 1)];
}

double SimContext::compute_scenario_start_rate(int64_t day) const {
  return fraud_weight(day) / mean_fraud_weight_ / mean_scenario_steps(static_cast<int>(civil_from_days(day).month));
}

double SimContext::scenario_start_rate(int64_t day) const {
  const uint64_t i = static_cast<uint64_t>(day - table_first_day_);
  if (i < rates_.size()) return rates_[i][kProfileCount + 1];
  return compute_scenario_start_rate(day);
}

SimContext::SimContext(const ReferenceData& ref, SimConfig config) : ref_(&ref), config_(config) {
  // Means over four whole years (2021-2024), so a rate does not depend on the run's dates.
  const int64_t reference_first = days_from_civil(2021, 1, 1), reference_days = 4 * 365 + 1;
  for (int p = -1; p < kProfileCount; ++p) {
    double sum = 0;
    for (int64_t d = 0; d < reference_days; ++d) sum += profile_weight(p, reference_first + d);
    mean_weight_[static_cast<size_t>(p + 1)] = sum / static_cast<double>(reference_days);
  }
  double fraud_sum = 0;
  for (int64_t d = 0; d < reference_days; ++d) fraud_sum += fraud_weight(reference_first + d);
  mean_fraud_weight_ = fraud_sum / static_cast<double>(reference_days);

  std::vector<double> shares;
  for (const auto& p : profiles()) shares.push_back(p.share);
  profile_sampler_ = AliasTable(shares);

  for (int p = -1; p < kProfileCount; ++p) {
    const Profile& prof = profile_or_default(p);
    ProfileSamplers& s = samplers_[static_cast<size_t>(p + 1)];
    // 70% of activity in the profile's preferred hours (shaped by the default curve), 30% the curve itself.
    const auto& hw = default_hour_weights();
    double total = 0, preferred_total = 0;
    for (double x : hw) total += x;
    for (int h : prof.preferred_hours) preferred_total += hw[static_cast<size_t>(h)];
    std::vector<double> hours(24);
    for (int h = 0; h < 24; ++h) hours[static_cast<size_t>(h)] = 0.3 * hw[static_cast<size_t>(h)] / total;
    for (int h : prof.preferred_hours) hours[static_cast<size_t>(h)] += 0.7 * hw[static_cast<size_t>(h)] / preferred_total;
    s.hour = AliasTable(hours);

    s.type = AliasTable(prof.type_weights);
    for (int t = 0; t < 8; ++t) {
      const auto& by_type = channel_weights_for_type(t);
      std::vector<double> cw(5);
      double sum = 0;
      for (int c = 0; c < 5; ++c) sum += cw[static_cast<size_t>(c)] = prof.channel_weights[static_cast<size_t>(c)] * by_type[static_cast<size_t>(c)];
      if (sum <= 0) cw.assign(by_type.begin(), by_type.end());  // profile never uses these channels: fall back to the type's own
      s.channel[static_cast<size_t>(t)] = AliasTable(cw);
    }
    std::vector<double> mw;
    for (const auto& m : prof.mccs) {
      s.mccs.push_back(mcc(m.mcc));
      mw.push_back(m.weight);
    }
    s.mcc = AliasTable(mw);
  }
  named_mccs_ = {mcc("6011"), mcc("4812"), {mcc("4900"), mcc("4814"), mcc("8299"), mcc("5311")},
                 {mcc("5815"), mcc("4814"), mcc("7941"), mcc("4900"), mcc("8299")}};
  build_fraud_samplers();

  // The table covers the run's dates, the days before them a window may look back to (a
  // stream looks for the scenarios reported on a date up to report_lookback_days before it) and
  // the days after them whose scenarios' devices a window lists (kMaxDeviceLeadDays): each
  // customer asks for every one of those, and a rate off the table costs a calendar walk.
  table_first_day_ = config_.start_day - report_lookback_days_ - 40;
  const int64_t table_days = std::max<int64_t>(0, config_.end_day + kMaxDeviceLeadDays - table_first_day_ + 1);
  rates_.resize(static_cast<size_t>(table_days));
  paydays_.resize(static_cast<size_t>(table_days));
  for (int64_t d = 0; d < table_days; ++d) {
    paydays_[static_cast<size_t>(d)] = fifth_business_day(table_first_day_ + d) == table_first_day_ + d;
    auto& row = rates_[static_cast<size_t>(d)];
    for (int p = -1; p < kProfileCount; ++p)
      row[static_cast<size_t>(p + 1)] = profile_weight(p, table_first_day_ + d) / mean_weight_[static_cast<size_t>(p + 1)];
    row[kProfileCount + 1] = compute_scenario_start_rate(table_first_day_ + d);
  }
}

void SimContext::build_fraud_samplers() {
  const auto types = fraud_types();
  for (int m = 1; m <= 12; ++m) {
    // Prevalence is a share of fraudulent transactions, so scenarios are drawn in inverse
    // proportion to their mean length.
    std::vector<double> tw;
    for (int t = 0; t < kFraudTypeCount; ++t) {
      const FraudType& ft = types[static_cast<size_t>(t)];
      tw.push_back(ft.prevalence * config_.calibration.type_weight[static_cast<size_t>(t)] * seasonal_boost(t, m) * 2.0 /
                   (ft.min_steps + ft.max_steps));
    }
    fraud_.type[static_cast<size_t>(m - 1)] = AliasTable(tw);
    double weight = 0, steps = 0;
    for (int t = 0; t < kFraudTypeCount; ++t) {
      const FraudType& ft = types[static_cast<size_t>(t)];
      weight += tw[static_cast<size_t>(t)];
      steps += tw[static_cast<size_t>(t)] * (ft.min_steps + ft.max_steps) / 2.0;
    }
    mean_steps_[static_cast<size_t>(m - 1)] = weight > 0 ? steps / weight : 1.0;
  }
  int64_t longest = 0;
  for (const FraudType& ft : types)
    for (bool quiet : {false, true}) longest = std::max(longest, longest_span_ms(ft, ft.max_steps, quiet));
  // The first step may be as late as 23:59 of its day.
  scenario_lookback_days_ = longest / kMillisPerDay + 1;
  int64_t longest_delay = 0;
  for (const FraudType& ft : types) longest_delay = std::max<int64_t>(longest_delay, ft.max_report_days);
  report_lookback_days_ = scenario_lookback_days_ + longest_delay;
  double weighted = 0, population = 0;
  for (const State& st : ref_->states) {
    weighted += st.population_weight * st.fraud_multiplier;
    population += st.population_weight;
  }
  for (const State& st : ref_->states) fraud_.state_weight.push_back(st.fraud_multiplier * population / weighted);
  for (int t = 0; t < kFraudTypeCount; ++t) {
    std::string_view codes = types[static_cast<size_t>(t)].mccs;
    while (!codes.empty()) {
      const size_t space = codes.find(' ');
      fraud_.mccs[static_cast<size_t>(t)].push_back(mcc(codes.substr(0, space)));
      codes = space == std::string_view::npos ? std::string_view{} : codes.substr(space + 1);
    }
  }
}

uint32_t SimContext::mcc(std::string_view code) const {
  int i = ref_->mcc_index(code);
  if (i < 0) throw std::runtime_error("reference data lacks MCC " + std::string(code));
  return static_cast<uint32_t>(i);
}

}  // namespace fraudgen
