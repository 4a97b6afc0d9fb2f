#include "fraudgen/report/chart_blocks.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/report/number_text.h"
#include "fraudgen/report/svg/charts.h"

namespace fraudgen::report {

namespace {

using svg::Series;

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

}  // namespace

std::string count_tip(const std::string& what, uint64_t n) { return what + ": " + format_count(n); }

std::string month_name(int month_index) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d", month_index / 12, month_index % 12 + 1);
  return buf;
}

double share(uint64_t part, uint64_t whole) { return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0; }

void record(json& data, const std::string& id, const std::string& html, json extra) {
  // The figure carries its mark count in data-marks; the JSON holds the same number for tests.
  const size_t at = html.find("data-marks=\"") + 12;
  extra["marks"] = std::stoi(html.substr(at, html.find('"', at) - at));
  data["charts"][id] = std::move(extra);
}

// sum over bins of fraud_b * (legit below b + legit_b / 2) / (fraud * legit).
double binned_auc(const std::vector<LegitFraud>& bins) {
  double legit_total = 0, fraud_total = 0, below = 0, sum = 0;
  for (const auto& b : bins) legit_total += static_cast<double>(b[0]), fraud_total += static_cast<double>(b[1]);
  if (legit_total == 0 || fraud_total == 0) return 0.5;
  for (const auto& b : bins) {
    sum += static_cast<double>(b[1]) * (below + static_cast<double>(b[0]) / 2);
    below += static_cast<double>(b[0]);
  }
  return sum / (fraud_total * legit_total);
}

std::pair<size_t, size_t> used_range(const std::vector<LegitFraud>& bins) {
  size_t first = bins.size(), last = 0;
  for (size_t b = 0; b < bins.size(); ++b)
    if (bins[b][0] || bins[b][1]) first = std::min(first, b), last = b;
  return first > last ? std::pair<size_t, size_t>{0, 0} : std::pair<size_t, size_t>{first, last};
}

std::vector<std::string> amount_labels() {
  std::vector<std::string> labels;
  for (int b = 0; b < kAmountBins; ++b) labels.push_back("R$ " + format_cents(amount_bin_floor(b)));
  return labels;
}

std::vector<LegitFraud> as_bins(const std::array<AmountCounts, 2>& counts) {
  std::vector<LegitFraud> bins(kAmountBins);
  for (size_t b = 0; b < bins.size(); ++b) bins[b] = {counts[0][b], counts[1][b]};
  return bins;
}

std::string class_histogram(json& data, const std::string& id, const std::string& title, const std::string& x_label,
                            const std::vector<LegitFraud>& bins, const std::vector<std::string>& labels, const std::string& note) {
  const auto [first, last] = used_range(bins);
  uint64_t totals[2] = {0, 0};
  for (const auto& b : bins) totals[0] += b[0], totals[1] += b[1];
  svg::BarChartSpec spec{svg::ChartText{id, title, x_label, "% of the class's rows", note}, {{"legitimate", {}, {}}, {"fraudulent", {}, {}}}};
  for (size_t b = first; b <= last; ++b) {
    spec.categories.push_back(labels[b]);
    for (size_t k = 0; k < 2; ++k) {
      spec.series[k].values.push_back(share(bins[b][k], totals[k]));
      spec.series[k].tips.push_back(labels[b] + ", " + spec.series[k].name + ": " + format_count(bins[b][k]) + " rows (" +
                                    format_percent(bins[b][k], totals[k]) + ")");
    }
  }
  // At most 8 labels, fewer when long ones would overlap (about 6.5 px a character, 600 px wide).
  size_t longest = 1;
  for (const std::string& c : spec.categories) longest = std::max(longest, c.size());
  const size_t n = spec.categories.size();
  spec.label_every = std::max<int>({1, static_cast<int>(n / 8), static_cast<int>((static_cast<double>(n * longest) * 6.5 + 599) / 600)});
  const std::string html = svg::bar_chart(spec);
  json legit = json::array(), fraud = json::array();
  for (const auto& b : bins) legit.push_back(b[0]), fraud.push_back(b[1]);
  record(data, id, html, {{"first_bin", first}, {"last_bin", last}, {"legit", legit}, {"fraud", fraud}});
  return html;
}

std::string per_day_chart(json& data, json& days, const Nouns& n, const std::string& x_label, const std::string& note,
                          const std::vector<LegitFraud>& per_day, const ReportCalendar& cal) {
  // A point per day up to about a year, then per 7 days, per 28 past 1,500 days: the page stays
  // under 1 MB for the longest range generate accepts (3,660 days), both halves drawn.
  const int days_per_point = cal.days > 1500 ? 28 : cal.days > 400 ? 7 : 1;
  const std::string unit = days_per_point == 1 ? "day" : std::to_string(days_per_point) + " days";
  const std::string id = n.prefix + "volume_per_day";
  svg::LineChartSpec chart{svg::ChartText{id, capitalised(n.rows) + " per " + unit, x_label, n.rows + " per " + unit, note},
                           {{"legitimate", {}, {}}, {"fraudulent", {}, {}}}};
  // Every day's counts, as two arrays from the first date (compact: ten years are 3,660 days).
  json legit = json::array(), fraud = json::array();
  for (const LegitFraud& c : per_day) legit.push_back(c[0]), fraud.push_back(c[1]);
  days = {{"first_date", format_date(cal.first_day)}, {"legit", std::move(legit)}, {"fraud", std::move(fraud)}};
  for (int d = 0; d < cal.days; d += days_per_point) {
    const std::string date = format_date(cal.first_day + d);
    LegitFraud c{};
    for (int i = d; i < std::min(cal.days, d + days_per_point); ++i)
      c[0] += per_day[static_cast<size_t>(i)][0], c[1] += per_day[static_cast<size_t>(i)][1];
    chart.categories.push_back(date);
    for (size_t k = 0; k < 2; ++k) {
      chart.series[k].values.push_back(static_cast<double>(c[k]));
      chart.series[k].tips.push_back((days_per_point == 1 ? date : unit + " from " + date) + ", " + count_tip(chart.series[k].name, c[k]));
    }
  }
  chart.label_every = std::max<int>(1, static_cast<int>(chart.categories.size()) / 7);
  const std::string html = svg::line_chart(chart);
  record(data, id, html, {{"days_per_point", days_per_point}});
  return html;
}

std::string weekday_hour_chart(json& data, json& grid, const Nouns& n, const std::string& note,
                               const std::array<std::array<uint64_t, 24>, 7>& counts) {
  static const char* const kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  const std::string id = n.prefix + "weekday_hour";
  svg::HeatMapSpec heat{svg::ChartText{id, capitalised(n.rows) + " by weekday and local hour", "local hour (Brasília)", "weekday", note}};
  for (int h = 0; h < 24; ++h) heat.columns.push_back(std::to_string(h) + "h");
  grid = json::array();
  for (size_t w = 0; w < 7; ++w) {
    heat.rows.push_back(kWeekdays[w]);
    heat.values.emplace_back();
    heat.tips.emplace_back();
    for (size_t h = 0; h < 24; ++h) {
      heat.values.back().push_back(static_cast<double>(counts[w][h]));
      heat.tips.back().push_back(std::string(kWeekdays[w]) + " " + std::to_string(h) + ":00-" + std::to_string(h) + ":59: " +
                                 format_count(counts[w][h]) + " " + n.rows);
    }
    grid.push_back(counts[w]);
  }
  heat.column_label_every = 3;
  const std::string html = svg::heat_map(heat);
  record(data, id, html);
  return html;
}

std::string fraud_type_chart(json& data, json& by_type, json& prevalence_json, const Nouns& n, std::span<const std::string_view> names,
                             std::span<const uint64_t> counts, std::span<const double> prevalence, uint64_t fraud_rows,
                             const std::string& note) {
  const double prevalence_sum = std::accumulate(prevalence.begin(), prevalence.end(), 0.0);
  std::vector<size_t> order(names.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return counts[a] > counts[b]; });
  const std::string id = n.prefix + "fraud_by_type";
  svg::BarChartSpec chart{svg::ChartText{id, "Fraudulent " + n.rows + " by fraud type (all " + std::to_string(names.size()) + " types)",
                                         "% of fraudulent " + n.rows, "fraud type", note},
                          {{"generated share", {}, {}}}, true};
  chart.reference_name = "calibrated prevalence";
  by_type = json::object();
  prevalence_json = json::object();
  for (size_t i : order) {
    const std::string name(names[i]);
    const double reference_share = prevalence_sum > 0 ? 100.0 * prevalence[i] / prevalence_sum : 0.0;
    chart.categories.push_back(name);
    chart.series[0].values.push_back(share(counts[i], fraud_rows));
    chart.series[0].tips.push_back(name + ": " + format_count(counts[i]) + " " + n.rows + " (" + format_percent(counts[i], fraud_rows) +
                                   "); calibrated " + format_fixed(reference_share, 2) + "%");
    chart.reference.push_back(reference_share);
    by_type[name] = counts[i];
    prevalence_json[name] = prevalence[i];
  }
  const std::string html = svg::bar_chart(chart);
  record(data, id, html);
  return html;
}

std::string fraud_month_chart(json& data, json& months, const Nouns& n, const std::vector<LegitFraud>& per_month, const ReportCalendar& cal,
                              double requested_rate, const std::string& flag) {
  const double requested = requested_rate * 100;
  const std::string id = n.prefix + "fraud_by_month";
  svg::LineChartSpec chart{svg::ChartText{id, "Fraud rate by month", "month", "% of " + n.rows + " fraudulent",
                                          "The dashed line is the requested rate (" + flag + ")."},
                           {{"fraud rate", {}, {}}}};
  chart.reference = requested;
  chart.reference_name = "requested " + format_fixed(requested, 2) + "%";
  months = json::array();
  for (int m = 0; m < cal.months; ++m) {
    const LegitFraud& c = per_month[static_cast<size_t>(m)];
    const std::string name = month_name(cal.first_month + m);
    chart.categories.push_back(name);
    chart.series[0].values.push_back(share(c[1], c[0] + c[1]));
    chart.series[0].tips.push_back(name + ": " + format_count(c[1]) + " of " + format_count(c[0] + c[1]) + " (" +
                                   format_percent(c[1], c[0] + c[1]) + ")");
    months.push_back({{"month", name}, {"legit", c[0]}, {"fraud", c[1]}});
  }
  const std::string html = svg::line_chart(chart);
  record(data, id, html);
  return html;
}

std::string fraud_state_charts(json& data, json& states, const Nouns& n, const std::string& whose, std::span<const LegitFraud> by_state,
                               const ReferenceData& reference) {
  const std::string map_id = n.prefix + "fraud_map", bars_id = n.prefix + "fraud_by_state";
  svg::ChoroplethSpec map{svg::ChartText{map_id, "Fraud share by " + whose, "", "", ""}};
  map.legend_unit = "% of the state's " + n.rows + " fraudulent";
  states = json::object();
  const size_t count = std::min(by_state.size(), reference.states.size());
  for (size_t i = 0; i < count; ++i) {
    const LegitFraud& c = by_state[i];
    const std::string& uf = reference.states[i].uf;
    map.ufs.push_back(uf);
    map.values.push_back(share(c[1], c[0] + c[1]));
    map.tips.push_back(reference.states[i].name + " (" + uf + "): " + format_count(c[1]) + " of " + format_count(c[0] + c[1]) + " " +
                       n.rows + " fraudulent (" + format_percent(c[1], c[0] + c[1]) + ")");
    states[uf] = {{"legit", c[0]}, {"fraud", c[1]}};
  }
  std::string html = svg::brazil_map(map);
  record(data, map_id, html);
  std::string out = "<div class=\"pair\">" + html;
  std::vector<size_t> order(count);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return map.values[a] > map.values[b]; });
  svg::BarChartSpec bars{svg::ChartText{bars_id, "Fraud share by " + whose + ", sorted", "% of the state's " + n.rows + " fraudulent", "state",
                                        "States with few " + n.rows + " swing the most."},
                         {{"fraud share", {}, {}}}, true};
  for (size_t i : order) {
    bars.categories.push_back(reference.states[i].uf);
    bars.series[0].values.push_back(map.values[i]);
    bars.series[0].tips.push_back(map.tips[i]);
  }
  html = svg::bar_chart(bars);
  record(data, bars_id, html);
  return out + html + "</div>";
}

std::string report_delay_chart(json& data, json& delays, const Nouns& n, std::span<const std::string_view> names,
                               std::span<const std::array<uint64_t, kDelayDays + 1>> per_type, std::span<const uint64_t> counts,
                               const std::string& note) {
  const std::string id = n.prefix + "report_delay";
  svg::BarChartSpec chart{svg::ChartText{id, "Days from the fraudulent " + n.rows.substr(0, n.rows.size() - 1) + " to its report",
                                         "days (90: 90 or more)", "fraudulent " + n.rows, note},
                          {{"fraudulent " + n.rows, {}, {}}}};
  delays = json::object();
  std::array<uint64_t, kDelayDays + 1> all{};
  for (size_t i = 0; i < names.size(); ++i) {
    for (size_t d = 0; d <= kDelayDays; ++d) all[d] += per_type[i][d];
    if (counts[i]) delays[std::string(names[i])] = per_type[i];
  }
  for (size_t d = 0; d <= kDelayDays; ++d) {
    chart.categories.push_back(std::to_string(d) + (d == kDelayDays ? "+" : ""));
    chart.series[0].values.push_back(static_cast<double>(all[d]));
    chart.series[0].tips.push_back(chart.categories.back() + " days: " + format_count(all[d]) + " " + n.rows);
  }
  chart.label_every = 10;
  const std::string html = svg::bar_chart(chart);
  record(data, id, html);
  return html;
}

std::string scenario_timeline(json& data, json& examples, const Nouns& n, std::span<const std::string_view> names,
                              std::span<const ScenarioExample> list, const std::string& note,
                              const std::function<std::string(const ScenarioExample&, size_t)>& describe) {
  const std::string id = n.prefix + "scenario_timelines";
  svg::TimelineSpec timeline{svg::ChartText{id, "One example scenario per fraud type (smallest scenario id)",
                                            "time from the scenario's first to its last step (own scale per row)", "", note}};
  examples = json::object();
  for (size_t i = 0; i < names.size(); ++i) {
    const ScenarioExample& e = list[i];
    if (e.steps.empty()) continue;
    const std::string name(names[i]);
    int64_t first = e.steps[0].timestamp_ms, last = first, max_cents = 1;
    for (const ScenarioStep& st : e.steps)
      first = std::min(first, st.timestamp_ms), last = std::max(last, st.timestamp_ms), max_cents = std::max(max_cents, st.cents);
    const int64_t span_min = (last - first) / kMillisPerMinute;
    const std::string span = span_min >= 2 * 1440 ? std::to_string(span_min / 1440) + " days"
                             : span_min >= 120     ? std::to_string(span_min / 60) + " h"
                                                   : std::to_string(span_min) + " min";
    svg::TimelineLane lane{name + " (" + span + ")", {}, {}, {}};
    for (size_t k = 0; k < e.steps.size(); ++k) {
      const ScenarioStep& st = e.steps[k];
      lane.positions.push_back(last > first ? static_cast<double>(st.timestamp_ms - first) / static_cast<double>(last - first) : 0.5);
      lane.sizes.push_back(static_cast<double>(std::max<int64_t>(st.cents, 0)) / static_cast<double>(max_cents));
      const int64_t minutes = (st.timestamp_ms - first) / kMillisPerMinute;
      lane.tips.push_back(describe(e, k) + ", +" + std::to_string(minutes) + " min, reported " + format_date(st.reported_day));
    }
    timeline.lanes.push_back(std::move(lane));
    examples[name] = {{"scenario_id", e.scenario_id}, {"steps", e.steps.size()}};
  }
  const std::string html = svg::timeline_chart(timeline);
  record(data, id, html);
  return html;
}

std::string feature_charts(json& data, json& features_json, const Nouns& n, std::span<const HistoryFeature> features,
                           const std::vector<std::vector<LegitFraud>>& bins, const std::string& note) {
  const std::string auc_id = n.prefix + "feature_auc";
  svg::BarChartSpec aucs{svg::ChartText{auc_id, "How well each feature alone separates fraud (AUC of its bins)", "AUC (0.5 = no better than chance)",
                                        "feature", note},
                         {{"AUC", {}, {}}}, true};
  features_json = json::object();
  std::string panels;
  for (size_t i = 0; i < features.size(); ++i) {
    const HistoryFeature& f = features[i];
    std::vector<std::string> labels;
    for (int b = 0; b < feature_bin_count(f); ++b) labels.push_back(feature_bin_label(f, b));
    const double auc = binned_auc(bins[i]);
    const std::string name(f.column), id = n.prefix + "feature_" + name;
    panels += class_histogram(data, id, name + " (AUC " + format_fixed(auc, 3) + ")",
                              name + (f.unit.empty() ? "" : " (" + std::string(f.unit) + ")"), bins[i], labels, "");
    aucs.categories.push_back(name);
    aucs.series[0].values.push_back(auc);
    aucs.series[0].tips.push_back(name + ": AUC " + format_fixed(auc, 3));
    features_json[name] = data["charts"][id];
    features_json[name]["auc"] = format_fixed(auc, 4);
  }
  const std::string html = svg::bar_chart(aucs);
  record(data, auc_id, html);
  return html + panels;
}

}  // namespace fraudgen::report
