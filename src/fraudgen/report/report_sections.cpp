// The report's transaction charts, built from the scan's counters. Every chart also leaves its
// numbers in the JSON, so a test (or a user) can check what is drawn against the data files.
#include <algorithm>
#include <numeric>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/report/chart_blocks.h"
#include "fraudgen/report/history_features.h"
#include "fraudgen/report/number_text.h"
#include "fraudgen/report/report_page.h"
#include "fraudgen/report/svg/charts.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/fraud_types.h"

namespace fraudgen::report {

namespace {

using svg::Series;

const Nouns kTransactionNouns{"transactions", ""};

}  // namespace

std::vector<ReportSection> transaction_sections(const ReportInput& in, json& data) {
  const TransactionTally& t = in.scan.transactions;
  const ReportCalendar& cal = t.calendar;
  const ReferenceData reference = ReferenceData::load();
  std::vector<ReportSection> sections;
  json& agg = data["aggregates"];

  // Volume.
  {
    ReportSection s{"volume", "Volume", ""};
    std::string html = per_day_chart(data, agg["days"], kTransactionNouns, "local date (Brasília)",
                                     "Weekly rhythm and month ends; fraudulent transactions are a small line near the bottom.", t.per_day, cal);
    s.html += html;
    html = weekday_hour_chart(data, agg["weekday_hour"], kTransactionNouns, "Night trough, daytime peaks; darker cells hold more transactions.",
                              t.weekday_hour);
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
    std::vector<double> prevalence;
    for (const FraudType& ft : fraud_types()) prevalence.push_back(ft.prevalence);
    s.html += fraud_type_chart(data, agg["fraud_by_type"], agg["fraud_type_prevalence"], kTransactionNouns, vocab::kFraudType, t.fraud_by_type, prevalence,
                               t.fraud_rows,
                               "Ticks: each type's share of the calibrated prevalence (before seasonal boosts and the steps per "
                               "scenario), the reference the simulator draws scenarios from.");
    s.html += fraud_month_chart(data, agg["months"], kTransactionNouns, t.per_month, cal, in.dataset.fraud.requested_rate, "--fraud-rate");
    agg["requested_rate"] = in.dataset.fraud.requested_rate;
    s.html += fraud_state_charts(data, agg["by_customer_state"], kTransactionNouns, "the customer's home state", t.by_customer_state, reference);
    s.html += report_delay_chart(data, agg["report_delay_days"], kTransactionNouns, vocab::kFraudType, t.report_delay, t.fraud_by_type,
                                 "fraud_reported_date minus the transaction's local date.");
    sections.push_back(std::move(s));
  }

  // Scenarios: one example per type, the one with the smallest scenario id.
  {
    ReportSection s{"scenarios", "Scenario examples", ""};
    s.html += scenario_timeline(data, agg["scenario_examples"], kTransactionNouns, vocab::kFraudType, t.examples,
                                "Fraud is a sequence of events: each dot is a step, larger for larger amounts.",
                                [](const ScenarioExample& e, size_t k) {
                                  const ScenarioStep& st = e.steps[k];
                                  return e.scenario_id + " step " + std::to_string(st.step) + " " + st.role + ": " +
                                         std::string(vocab::kTxType[static_cast<size_t>(st.kind)]) + " R$ " + format_cents(st.cents);
                                });
    sections.push_back(std::move(s));
  }

  // Realism: history features, customers per state.
  {
    ReportSection s{"realism", "Realism", ""};
    s.html += feature_charts(data, agg["features"], kTransactionNouns, history_features(), t.features,
                             "A single feature far above 0.5 would make fraud trivial to find; the model has to combine them.");

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
    const std::string html = svg::bar_chart(customers);
    record(data, "customers_by_state", html);
    s.html += html;
    sections.push_back(std::move(s));
  }
  return sections;
}

std::vector<ReportSection> chart_sections(const ReportInput& in, json& data) {
  std::vector<ReportSection> sections;
  if (in.dataset.banking()) sections = transaction_sections(in, data);
  if (in.dataset.rides())
    for (ReportSection& s : ride_sections(in, data)) sections.push_back(std::move(s));
  return sections;
}

}  // namespace fraudgen::report
