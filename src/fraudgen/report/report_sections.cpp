// The report's charts, built from the scan's counters. Every chart also leaves its numbers in the
// JSON, so a test (or a user) can check what is drawn against the data files.
#include <algorithm>
#include <numeric>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/report/history_features.h"
#include "fraudgen/report/number_text.h"
#include "fraudgen/report/report_page.h"
#include "fraudgen/report/svg/charts.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/fraud_types.h"

namespace fraudgen::report {

namespace {

using nlohmann::json;
using svg::Series;

std::string iso_date(int64_t day) { return format_date(day); }

std::string month_name(int month_index) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d", month_index / 12, month_index % 12 + 1);
  return buf;
}

double share(uint64_t part, uint64_t whole) { return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0; }

std::string count_tip(const std::string& what, uint64_t n) { return what + ": " + format_count(n); }

void record(json& data, const std::string& id, const std::string& html, json extra = json::object()) {
  // The figure carries its mark count in data-marks; the JSON holds the same number for tests.
  const size_t at = html.find("data-marks=\"") + 12;
  extra["marks"] = std::stoi(html.substr(at, html.find('"', at) - at));
  data["charts"][id] = std::move(extra);
}

// AUC of a feature's binned values (higher bins = more suspicious), ties counted half:
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

// The bins from the first to the last one any class has.
std::pair<size_t, size_t> used_range(const std::vector<LegitFraud>& bins) {
  size_t first = bins.size(), last = 0;
  for (size_t b = 0; b < bins.size(); ++b)
    if (bins[b][0] || bins[b][1]) first = std::min(first, b), last = b;
  return first > last ? std::pair<size_t, size_t>{0, 0} : std::pair<size_t, size_t>{first, last};
}

// Legitimate against fraudulent rows, each as a share of its class, over the used bins.
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
  spec.label_every = std::max<int>(1, static_cast<int>(spec.categories.size() / 8));
  const std::string html = svg::bar_chart(spec);
  json legit = json::array(), fraud = json::array();
  for (const auto& b : bins) legit.push_back(b[0]), fraud.push_back(b[1]);
  record(data, id, html, {{"first_bin", first}, {"last_bin", last}, {"legit", legit}, {"fraud", fraud}});
  return html;
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

}  // namespace

std::vector<ReportSection> chart_sections(const ReportInput& in, json& data) {
  const TransactionTally& t = in.scan.transactions;
  const ReportCalendar& cal = t.calendar;
  const ReferenceData reference = ReferenceData::load();
  std::vector<ReportSection> sections;
  json& agg = data["aggregates"];
  if (!in.dataset.banking()) return sections;

  // Volume.
  {
    ReportSection s{"volume", "Volume", ""};
    // A point per day up to about a year; longer ranges a point per 7 days, so the page stays
    // under 1 MB for the longest range generate accepts (3,660 days).
    const int days_per_point = cal.days > 400 ? 7 : 1;
    const std::string unit = days_per_point == 1 ? "day" : "7 days";
    svg::LineChartSpec per_day{svg::ChartText{"volume_per_day", "Transactions per " + unit, "local date (Brasília)",
                                              "transactions per " + unit,
                                              "Weekly rhythm and month ends; fraudulent transactions are a small line near the bottom."},
                               {{"legitimate", {}, {}}, {"fraudulent", {}, {}}}};
    json days = json::array();
    for (int d = 0; d < cal.days; ++d) {
      const LegitFraud& c = t.per_day[static_cast<size_t>(d)];
      days.push_back({{"date", iso_date(cal.first_day + d)}, {"legit", c[0]}, {"fraud", c[1]}});
    }
    for (int d = 0; d < cal.days; d += days_per_point) {
      const std::string date = iso_date(cal.first_day + d);
      LegitFraud c{};
      for (int i = d; i < std::min(cal.days, d + days_per_point); ++i)
        c[0] += t.per_day[static_cast<size_t>(i)][0], c[1] += t.per_day[static_cast<size_t>(i)][1];
      per_day.categories.push_back(date);
      for (size_t k = 0; k < 2; ++k) {
        per_day.series[k].values.push_back(static_cast<double>(c[k]));
        per_day.series[k].tips.push_back((days_per_point == 1 ? date : "7 days from " + date) + ", " +
                                         count_tip(per_day.series[k].name, c[k]));
      }
    }
    per_day.label_every = std::max<int>(1, static_cast<int>(per_day.categories.size()) / 7);
    agg["days"] = days;
    std::string html = svg::line_chart(per_day);
    record(data, "volume_per_day", html, {{"days_per_point", days_per_point}});
    s.html += html;

    static const char* const kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    svg::HeatMapSpec heat{svg::ChartText{"weekday_hour", "Transactions by weekday and local hour", "local hour (Brasília)", "weekday",
                           "Night trough, daytime peaks; darker cells hold more transactions."}};
    for (int h = 0; h < 24; ++h) heat.columns.push_back(std::to_string(h) + "h");
    json wh = json::array();
    for (size_t w = 0; w < 7; ++w) {
      heat.rows.push_back(kWeekdays[w]);
      heat.values.emplace_back();
      heat.tips.emplace_back();
      for (size_t h = 0; h < 24; ++h) {
        heat.values.back().push_back(static_cast<double>(t.weekday_hour[w][h]));
        heat.tips.back().push_back(std::string(kWeekdays[w]) + " " + std::to_string(h) + ":00-" + std::to_string(h) +
                                   ":59: " + format_count(t.weekday_hour[w][h]) + " transactions");
      }
      wh.push_back(t.weekday_hour[w]);
    }
    heat.column_label_every = 3;
    agg["weekday_hour"] = wh;
    html = svg::heat_map(heat);
    record(data, "weekday_hour", html);
    s.html += html;

    svg::BarChartSpec month_type{svg::ChartText{"month_type", "Transactions per month by type", "month", "transactions",
                                  "A partial first or last month has fewer transactions."}};
    for (int m = 0; m < cal.months; ++m) month_type.categories.push_back(month_name(cal.first_month + m));
    json mt = json::object();
    for (size_t k = 0; k < kTxTypes; ++k) {
      Series series{std::string(vocab::kTxType[k]), {}, {}};
      for (int m = 0; m < cal.months; ++m) {
        const uint64_t n = t.month_type[static_cast<size_t>(m)][k];
        series.values.push_back(static_cast<double>(n));
        series.tips.push_back(month_type.categories[static_cast<size_t>(m)] + ", " + count_tip(series.name, n));
        mt[month_type.categories[static_cast<size_t>(m)]][series.name] = n;
      }
      month_type.series.push_back(std::move(series));
    }
    agg["month_type"] = mt;
    html = svg::bar_chart(month_type);
    record(data, "month_type", html);
    s.html += html;
    sections.push_back(std::move(s));
  }

  // Amounts.
  {
    ReportSection s{"amounts", "Amounts", ""};
    const auto labels = amount_labels();
    json floors = json::array();
    for (int b = 0; b < kAmountBins; ++b) floors.push_back(amount_bin_floor(b));
    agg["amount_bin_floors_cents"] = floors;
    for (size_t k = 0; k < kTxTypes; ++k) {
      const std::string type(vocab::kTxType[k]);
      s.html += class_histogram(data, "amount_type_" + type, "Amount of " + type + " transactions, legitimate and fraudulent",
                                "amount (BRL, log bins of 5 per decade)", as_bins(t.amount_by_type[k]), labels,
                                "Fraudulent amounts overlap legitimate ones: no amount alone gives fraud away.");
    }
    for (size_t p = 0; p <= kProfiles; ++p) {
      const std::string profile = p < kProfiles ? std::string(vocab::kProfile[p]) : "no_profile";
      const auto bins = as_bins(t.amount_by_profile[p]);
      if (p == kProfiles && used_range(bins) == std::pair<size_t, size_t>{0, 0} && bins[0][0] + bins[0][1] == 0) continue;
      s.html += class_histogram(data, "amount_profile_" + profile, "Amount by customer profile: " + profile,
                                "amount (BRL, log bins of 5 per decade)", bins, labels, "");
    }
    sections.push_back(std::move(s));
  }

  // Fraud.
  {
    ReportSection s{"fraud", "Fraud", ""};
    svg::BarChartSpec by_tx{svg::ChartText{"fraud_share_by_tx_type", "Fraud share by transaction type", "transaction type",
                             "% of the type's transactions fraudulent", ""},
                            {{"fraudulent share", {}, {}}}};
    json bt = json::object();
    for (size_t k = 0; k < kTxTypes; ++k) {
      const LegitFraud& c = t.by_tx_type[k];
      const std::string type(vocab::kTxType[k]);
      by_tx.categories.push_back(type);
      by_tx.series[0].values.push_back(share(c[1], c[0] + c[1]));
      by_tx.series[0].tips.push_back(type + ": " + format_count(c[1]) + " of " + format_count(c[0] + c[1]) + " fraudulent (" +
                                     format_percent(c[1], c[0] + c[1]) + ")");
      bt[type] = {{"legit", c[0]}, {"fraud", c[1]}};
    }
    agg["by_tx_type"] = bt;
    std::string html = svg::bar_chart(by_tx);
    record(data, "fraud_share_by_tx_type", html);
    s.html += html;

    // Fraud types, most frequent first, against the mix the simulator is calibrated to.
    const auto types = fraud_types();
    double prevalence_sum = 0;
    for (const FraudType& ft : types) prevalence_sum += ft.prevalence;
    std::vector<size_t> order(kFraudTypes);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return t.fraud_by_type[a] > t.fraud_by_type[b]; });
    svg::BarChartSpec by_type{svg::ChartText{"fraud_by_type", "Fraudulent transactions by fraud type (all 25 types)", "% of fraudulent transactions",
                               "fraud type", "Ticks: each type's share of the calibrated prevalence (before seasonal boosts and "
                               "the steps per scenario), the reference the simulator draws scenarios from."},
                              {{"generated share", {}, {}}}, true};
    by_type.reference_name = "calibrated prevalence";
    json fbt = json::object(), prevalence = json::object();
    for (size_t i : order) {
      const std::string name(vocab::kFraudType[i]);
      const double reference_share = 100.0 * types[i].prevalence / prevalence_sum;
      by_type.categories.push_back(name);
      by_type.series[0].values.push_back(share(t.fraud_by_type[i], t.fraud_rows));
      by_type.series[0].tips.push_back(name + ": " + format_count(t.fraud_by_type[i]) + " transactions (" +
                                       format_percent(t.fraud_by_type[i], t.fraud_rows) + "); calibrated " +
                                       format_fixed(reference_share, 2) + "%");
      by_type.reference.push_back(reference_share);
      fbt[name] = t.fraud_by_type[i];
      prevalence[name] = types[i].prevalence;
    }
    agg["fraud_by_type"] = fbt;
    agg["fraud_type_prevalence"] = prevalence;
    html = svg::bar_chart(by_type);
    record(data, "fraud_by_type", html);
    s.html += html;

    const double requested = in.dataset.fraud.requested_rate * 100;
    svg::LineChartSpec by_month{svg::ChartText{"fraud_by_month", "Fraud rate by month", "month", "% of transactions fraudulent",
                                 "The dashed line is the requested rate (--fraud-rate)."},
                                {{"fraud rate", {}, {}}}};
    by_month.reference = requested;
    by_month.reference_name = "requested " + format_fixed(requested, 2) + "%";
    json months = json::array();
    for (int m = 0; m < cal.months; ++m) {
      const LegitFraud& c = t.per_month[static_cast<size_t>(m)];
      const std::string name = month_name(cal.first_month + m);
      by_month.categories.push_back(name);
      by_month.series[0].values.push_back(share(c[1], c[0] + c[1]));
      by_month.series[0].tips.push_back(name + ": " + format_count(c[1]) + " of " + format_count(c[0] + c[1]) + " (" +
                                        format_percent(c[1], c[0] + c[1]) + ")");
      months.push_back({{"month", name}, {"legit", c[0]}, {"fraud", c[1]}});
    }
    agg["months"] = months;
    agg["requested_rate"] = in.dataset.fraud.requested_rate;
    html = svg::line_chart(by_month);
    record(data, "fraud_by_month", html);
    s.html += html;

    svg::ChoroplethSpec map{svg::ChartText{"fraud_map", "Fraud share by the customer's home state", "", "", ""}};
    map.legend_unit = "% of the state's transactions fraudulent";
    json states = json::object();
    std::vector<size_t> state_order(kStates);
    std::iota(state_order.begin(), state_order.end(), 0);
    auto state_share = [&](size_t i) { return share(t.by_customer_state[i][1], t.by_customer_state[i][0] + t.by_customer_state[i][1]); };
    for (size_t i = 0; i < kStates && i < reference.states.size(); ++i) {
      const LegitFraud& c = t.by_customer_state[i];
      const std::string& uf = reference.states[i].uf;
      map.ufs.push_back(uf);
      map.values.push_back(state_share(i));
      map.tips.push_back(reference.states[i].name + " (" + uf + "): " + format_count(c[1]) + " of " + format_count(c[0] + c[1]) +
                         " transactions fraudulent (" + format_percent(c[1], c[0] + c[1]) + ")");
      states[uf] = {{"legit", c[0]}, {"fraud", c[1]}};
    }
    agg["by_customer_state"] = states;
    html = svg::brazil_map(map);
    record(data, "fraud_map", html);
    s.html += "<div class=\"pair\">" + html;
    std::stable_sort(state_order.begin(), state_order.end(), [&](size_t a, size_t b) { return state_share(a) > state_share(b); });
    svg::BarChartSpec by_state{svg::ChartText{"fraud_by_state", "Fraud share by home state, sorted", "% of the state's transactions fraudulent", "state",
                                "States with few customers swing the most."},
                               {{"fraud share", {}, {}}}, true};
    for (size_t i : state_order) {
      by_state.categories.push_back(reference.states[i].uf);
      by_state.series[0].values.push_back(map.values[i]);
      by_state.series[0].tips.push_back(map.tips[i]);
    }
    html = svg::bar_chart(by_state);
    record(data, "fraud_by_state", html);
    s.html += html + "</div>";

    svg::BarChartSpec delay{svg::ChartText{"report_delay", "Days from the fraudulent transaction to its report", "days (90: 90 or more)",
                             "fraudulent transactions", "fraud_reported_date minus the transaction's local date."},
                            {{"fraudulent transactions", {}, {}}}};
    json delays = json::object();
    std::array<uint64_t, kDelayDays + 1> all{};
    for (size_t i = 0; i < kFraudTypes; ++i) {
      for (size_t d = 0; d <= kDelayDays; ++d) all[d] += t.report_delay[i][d];
      if (t.fraud_by_type[i]) delays[std::string(vocab::kFraudType[i])] = t.report_delay[i];
    }
    for (size_t d = 0; d <= kDelayDays; ++d) {
      delay.categories.push_back(std::to_string(d) + (d == kDelayDays ? "+" : ""));
      delay.series[0].values.push_back(static_cast<double>(all[d]));
      delay.series[0].tips.push_back(delay.categories.back() + " days: " + format_count(all[d]) + " transactions");
    }
    delay.label_every = 10;
    agg["report_delay_days"] = delays;
    html = svg::bar_chart(delay);
    record(data, "report_delay", html);
    s.html += html;
    sections.push_back(std::move(s));
  }

  // Scenarios: one example per type, the one with the smallest scenario id.
  {
    ReportSection s{"scenarios", "Scenario examples", ""};
    svg::TimelineSpec timeline{svg::ChartText{"scenario_timelines", "One example scenario per fraud type (smallest scenario id)",
                                "time from the scenario's first to its last step (own scale per row)", "",
                                "Fraud is a sequence of events: each dot is a step, larger for larger amounts."}};
    json examples = json::object();
    for (size_t i = 0; i < kFraudTypes; ++i) {
      const ScenarioExample& e = t.examples[i];
      if (e.steps.empty()) continue;
      const std::string name(vocab::kFraudType[i]);
      int64_t first = e.steps[0].timestamp_ms, last = first, max_cents = 1;
      for (const ScenarioStep& st : e.steps)
        first = std::min(first, st.timestamp_ms), last = std::max(last, st.timestamp_ms), max_cents = std::max(max_cents, st.cents);
      const int64_t span_min = (last - first) / kMillisPerMinute;
      const std::string span = span_min >= 2 * 1440 ? std::to_string(span_min / 1440) + " days"
                               : span_min >= 120     ? std::to_string(span_min / 60) + " h"
                                                     : std::to_string(span_min) + " min";
      svg::TimelineLane lane{name + " (" + span + ")", {}, {}, {}};
      for (const ScenarioStep& st : e.steps) {
        lane.positions.push_back(last > first ? static_cast<double>(st.timestamp_ms - first) / static_cast<double>(last - first) : 0.5);
        lane.sizes.push_back(static_cast<double>(st.cents) / static_cast<double>(max_cents));
        const int64_t minutes = (st.timestamp_ms - first) / kMillisPerMinute;
        lane.tips.push_back(e.scenario_id + " step " + std::to_string(st.step) + " " + st.role + ": " +
                            std::string(vocab::kTxType[static_cast<size_t>(st.tx_type)]) + " R$ " + format_cents(st.cents) + ", +" +
                            std::to_string(minutes) + " min, reported " + iso_date(st.reported_day));
      }
      timeline.lanes.push_back(std::move(lane));
      examples[name] = {{"scenario_id", e.scenario_id}, {"steps", e.steps.size()}};
    }
    agg["scenario_examples"] = examples;
    const std::string html = svg::timeline_chart(timeline);
    record(data, "scenario_timelines", html);
    s.html += html;
    sections.push_back(std::move(s));
  }

  // Realism: history features, customers per state.
  {
    ReportSection s{"realism", "Realism", ""};
    const auto features = history_features();
    svg::BarChartSpec aucs{svg::ChartText{"feature_auc", "How well each feature alone separates fraud (AUC of its bins)", "AUC (0.5 = no better than chance)",
                            "feature", "A single feature far above 0.5 would make fraud trivial to find; the model has to combine them."},
                           {{"AUC", {}, {}}}, true};
    json feature_json = json::object();
    std::string panels;
    for (size_t i = 0; i < features.size(); ++i) {
      const HistoryFeature& f = features[i];
      std::vector<std::string> labels;
      for (int b = 0; b < feature_bin_count(f); ++b) labels.push_back(feature_bin_label(f, b));
      const double auc = binned_auc(t.features[i]);
      const std::string name(f.column);
      panels += class_histogram(data, "feature_" + name, name + " (AUC " + format_fixed(auc, 3) + ")",
                                name + (f.unit.empty() ? "" : " (" + std::string(f.unit) + ")"), t.features[i], labels, "");
      aucs.categories.push_back(name);
      aucs.series[0].values.push_back(auc);
      aucs.series[0].tips.push_back(name + ": AUC " + format_fixed(auc, 3));
      feature_json[name] = data["charts"]["feature_" + name];
      feature_json[name]["auc"] = format_fixed(auc, 4);
    }
    agg["features"] = feature_json;
    std::string html = svg::bar_chart(aucs);
    record(data, "feature_auc", html);
    s.html += html + panels;

    // Customers per home state against the state's share of the population (IBGE, data/states.csv).
    double weight_sum = 0;
    for (const State& st : reference.states) weight_sum += st.population_weight;
    std::vector<size_t> order(std::min<size_t>(kStates, reference.states.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return reference.states[a].population_weight > reference.states[b].population_weight; });
    svg::BarChartSpec customers{svg::ChartText{"customers_by_state", "Customers by home state against the population (IBGE)", "% of customers", "state",
                                 "Ticks: the state's share of Brazil's population (IBGE Census 2022), the weight customers are drawn with."},
                                {{"customers", {}, {}}}, true};
    customers.reference_name = "IBGE population share";
    json cs = json::object();
    for (size_t i : order) {
      const State& st = reference.states[i];
      const double expected = 100.0 * st.population_weight / weight_sum;
      customers.categories.push_back(st.uf);
      customers.series[0].values.push_back(share(in.scan.customers_by_state[i], in.scan.customers));
      customers.series[0].tips.push_back(st.name + " (" + st.uf + "): " + format_count(in.scan.customers_by_state[i]) + " customers (" +
                                         format_percent(in.scan.customers_by_state[i], in.scan.customers) + "); population " +
                                         format_fixed(expected, 2) + "%");
      customers.reference.push_back(expected);
      cs[st.uf] = in.scan.customers_by_state[i];
    }
    agg["customers_by_state"] = cs;
    html = svg::bar_chart(customers);
    record(data, "customers_by_state", html);
    s.html += html;
    sections.push_back(std::move(s));
  }
  return sections;
}

}  // namespace fraudgen::report
