// The report's ride charts (--type rides or all), built from the scan's ride counters with the
// same chart blocks as the transactions, so the two halves of the page read alike. Their numbers
// go to data["aggregates"]["rides"].
#include <algorithm>
#include <numeric>

#include "fraudgen/reference/reference_data.h"
#include "fraudgen/report/chart_blocks.h"
#include "fraudgen/report/number_text.h"
#include "fraudgen/report/report_page.h"
#include "fraudgen/report/svg/charts.h"
#include "fraudgen/rides/ride_fraud_types.h"
#include "fraudgen/schema/vocabulary.h"

namespace fraudgen::report {

namespace {

using svg::Series;

const Nouns kRideNouns{"rides", "ride_"};

// Rows of a count matrix as series over its columns, e.g. one series per status over the apps.
template <size_t Rows, size_t Cols>
std::string grouped_counts(json& data, json& out, const svg::ChartText& text, std::span<const std::string_view> row_names,
                           std::span<const std::string_view> series_names, const std::array<std::array<uint64_t, Cols>, Rows>& counts,
                           bool series_are_rows) {
  svg::BarChartSpec chart{text};
  const size_t categories = series_are_rows ? Cols : Rows, series = series_are_rows ? Rows : Cols;
  for (size_t c = 0; c < categories; ++c) chart.categories.emplace_back(row_names[c]);
  out = json::object();
  for (size_t k = 0; k < series; ++k) {
    Series s{std::string(series_names[k]), {}, {}};
    for (size_t c = 0; c < categories; ++c) {
      const uint64_t n = series_are_rows ? counts[k][c] : counts[c][k];
      s.values.push_back(static_cast<double>(n));
      s.tips.push_back(chart.categories[c] + ", " + count_tip(s.name, n) + " rides");
      out[chart.categories[c]][s.name] = n;
    }
    chart.series.push_back(std::move(s));
  }
  const std::string html = svg::bar_chart(chart);
  record(data, text.id, html);
  return html;
}

template <size_t N>
std::vector<LegitFraud> as_vector(const std::array<LegitFraud, N>& counts) {
  return {counts.begin(), counts.end()};
}

template <size_t N>
json legit_fraud_json(const std::array<LegitFraud, N>& counts, std::span<const std::string_view> names) {
  json out = json::object();
  for (size_t i = 0; i < N; ++i) out[std::string(names[i])] = {{"legit", counts[i][0]}, {"fraud", counts[i][1]}};
  return out;
}

// The capital's population (IBGE), from the state's municipalities.
int64_t capital_population(const ReferenceData& reference, const State& state) {
  for (uint32_t m : state.municipalities)
    if (reference.municipalities[m].name == state.capital) return reference.municipalities[m].population;
  return 0;
}

}  // namespace

std::vector<ReportSection> ride_sections(const ReportInput& in, json& data) {
  const RideTally& t = in.scan.rides;
  const ReportCalendar& cal = t.calendar;
  const ReferenceData reference = ReferenceData::load();
  std::vector<ReportSection> sections;
  json& agg = data["aggregates"]["rides"];
  agg["rows"] = t.rows;
  agg["fraud_rows"] = t.fraud_rows;

  {
    ReportSection s{"ride_volume", "Rides: volume", ""};
    s.html += per_day_chart(data, agg["days"], kRideNouns, "local date of requested_at (Brasília)",
                            "Requests per local day, legitimate and part of a fraud scenario.", t.per_day, cal);
    s.html += weekday_hour_chart(data, agg["weekday_hour"], kRideNouns,
                                 "Darker cells hold more requests: weekday commute peaks, later evenings at the weekend.", t.weekday_hour);
    s.html += grouped_counts(data, agg["app_status"],
                             svg::ChartText{"ride_app_status", "Rides by app and what became of the request", "app", "rides",
                                            "Cancellations and requests no driver took are part of a market, not errors."},
                             vocab::kRideApp, vocab::kRideStatus, t.app_status, false);
    s.html += grouped_counts(data, agg["level_app"],
                             svg::ChartText{"ride_level_app", "Rides by category level and app", "category level", "rides",
                                            "inDrive has no BLACK level; MOTO runs where the capital allows it."},
                             vocab::kRideLevel, vocab::kRideApp, t.level_app, false);
    sections.push_back(std::move(s));
  }

  {
    ReportSection s{"ride_money", "Rides: money", ""};
    const auto labels = amount_labels();
    for (size_t a = 0; a < kRideAppCount; ++a) {
      const std::string app(vocab::kRideApp[a]);
      const LegitFraud& none = t.no_fare_by_app[a];
      s.html += class_histogram(data, "ride_fare_" + app, "Fare paid on " + app + ", legitimate and fraudulent rides",
                                "fare_amount (BRL, log bins of 5 per decade)", as_bins(t.fare_by_app[a]), labels,
                                "Rides that paid a fare or a cancellation fee; " + format_count(none[0]) + " legitimate and " +
                                    format_count(none[1]) + " fraudulent requests paid nothing.");
    }
    agg["no_fare_by_app"] = legit_fraud_json(t.no_fare_by_app, vocab::kRideApp);
    std::vector<std::string> surge_labels;
    for (int b = 0; b < kSurgeBins; ++b) surge_labels.push_back(format_fixed(1.0 + b / 10.0, 1) + (b + 1 == kSurgeBins ? "x+" : "x"));
    s.html += class_histogram(data, "ride_surge", "Surge multiplier at request", "surge_multiplier (x the fare, 1.0 = none)",
                              as_vector(t.surge), surge_labels,
                              "Surge abuse: drivers who went offline together before a surge peak (an airport's bank of arrivals, an event's end, a rush) take its surged rides.");
    std::vector<std::string> payments(vocab::kRidePayment.begin(), vocab::kRidePayment.end());
    s.html += class_histogram(data, "ride_payment", "Payment method mix", "payment_method", as_vector(t.payment), payments,
                              "Stolen cards and chargebacks pay by card; cash rides cannot be charged back.");
    agg["by_app"] = legit_fraud_json(t.by_app, vocab::kRideApp);
    agg["payment"] = legit_fraud_json(t.payment, vocab::kRidePayment);
    sections.push_back(std::move(s));
  }

  {
    ReportSection s{"ride_fraud", "Rides: fraud", ""};
    std::vector<double> prevalence;
    for (const RideFraudTypeInfo& ft : ride_fraud_types()) prevalence.push_back(ft.simulated ? ft.prevalence : 0.0);
    s.html += fraud_type_chart(data, agg["fraud_by_type"], agg["fraud_type_prevalence"], kRideNouns, vocab::kRideFraudType, t.fraud_by_type,
                               prevalence, t.fraud_rows,
                               "Ticks: each type's share of fraudulent rides the simulator is calibrated to, before the rides per "
                               "scenario vary.");
    s.html += fraud_month_chart(data, agg["months"], kRideNouns, t.per_month, cal, in.dataset.ride_fraud.requested_rate, "--fraud-rate");
    agg["requested_rate"] = in.dataset.ride_fraud.requested_rate;
    s.html += fraud_state_charts(data, agg["by_state"], kRideNouns, "the ride's state", t.by_state, reference);
    s.html += report_delay_chart(data, agg["report_delay_days"], kRideNouns, vocab::kRideFraudType, t.report_delay, t.fraud_by_type,
                                 "fraud_reported_date minus requested_at's local date: chargebacks take weeks, account takeovers days.");
    sections.push_back(std::move(s));
  }

  {
    ReportSection s{"ride_scenarios", "Rides: scenario examples", ""};
    s.html += scenario_timeline(data, agg["scenario_examples"], kRideNouns, vocab::kRideFraudType, t.examples,
                                "Each dot is a ride of the scenario, larger for a larger fare.", [](const ScenarioExample& e, size_t k) {
                                  const ScenarioStep& st = e.steps[k];
                                  return e.scenario_id + " ride " + std::to_string(k + 1) + " of " + std::to_string(e.steps.size()) + " " +
                                         st.role + ": " + std::string(vocab::kRideStatus[static_cast<size_t>(st.kind)]) + ", fare R$ " +
                                         format_cents(st.cents);
                                });
    sections.push_back(std::move(s));
  }

  {
    ReportSection s{"ride_realism", "Rides: realism", ""};
    const auto floors = day_bin_floors();
    agg["day_bin_floors"] = std::vector<int>(floors.begin(), floors.end());
    s.html += feature_charts(data, agg["features"], kRideNouns, ride_features(), t.features,
                             "Below 0.5: lower values are the suspicious ones (new accounts, new cards). No feature alone gives "
                             "ride fraud away.");
    // Rides per capital against the capital's share of the 27 capitals' population.
    std::vector<int64_t> population(std::min<size_t>(kStates, reference.states.size()));
    for (size_t i = 0; i < population.size(); ++i) population[i] = capital_population(reference, reference.states[i]);
    const double population_sum = static_cast<double>(std::accumulate(population.begin(), population.end(), int64_t{0}));
    std::vector<size_t> order(population.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return population[a] > population[b]; });
    svg::BarChartSpec capitals{svg::ChartText{"ride_capitals", "Rides per capital against its population (IBGE)", "% of rides", "capital (state)",
                                              "Ticks: the capital's share of the 27 capitals' population. Riders are the banking "
                                              "customers who live in a capital's metro, so the bars follow them."},
                               {{"rides", {}, {}}}, true};
    capitals.reference_name = "population share";
    json by_capital = json::object();
    for (size_t i : order) {
      const State& st = reference.states[i];
      const uint64_t rides = t.by_state[i][0] + t.by_state[i][1];
      const double expected = population_sum > 0 ? 100.0 * static_cast<double>(population[i]) / population_sum : 0.0;
      capitals.categories.push_back(st.capital + " (" + st.uf + ")");
      capitals.series[0].values.push_back(share(rides, t.rows - t.outside_range));
      capitals.series[0].tips.push_back(st.capital + " (" + st.uf + "): " + format_count(rides) + " rides (" +
                                        format_percent(rides, t.rows - t.outside_range) + "); population " +
                                        format_count(static_cast<uint64_t>(population[i])) + " (" + format_fixed(expected, 2) + "%)");
      capitals.reference.push_back(expected);
      by_capital[st.uf] = {{"rides", rides}, {"population", population[i]}};
    }
    agg["by_capital"] = by_capital;
    const std::string html = svg::bar_chart(capitals);
    record(data, "ride_capitals", html);
    s.html += html;
    sections.push_back(std::move(s));
  }
  return sections;
}

}  // namespace fraudgen::report
