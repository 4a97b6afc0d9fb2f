// `fraudgen report`'s pieces: integer amount bins, nice ticks, the counters and their merge, and
// the SVG charts (one mark per value, each with a tooltip; the same bytes for the same input).
#include <gtest/gtest.h>

#include <regex>

#include "fraudgen/format/read/table_reader.h"
#include "fraudgen/report/amount_bins.h"
#include "fraudgen/report/history_features.h"
#include "fraudgen/report/number_text.h"
#include "fraudgen/report/ride_tally.h"
#include "fraudgen/report/svg/charts.h"
#include "fraudgen/report/svg/scale.h"
#include "fraudgen/report/transaction_tally.h"
#include "fraudgen/schema/columns.h"
#include "shared_reference.h"

using namespace fraudgen;
using namespace fraudgen::report;

namespace {

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A transactions batch (the read schema: enums as text) with the columns the tally reads.
struct TxRow {
  int64_t ts_ms, cents;
  std::string type, state, profile;
  bool fraud;
  std::string fraud_type, scenario;
  int step;
  int64_t reported_day;
};

ColumnBatch make_batch(const std::vector<TxRow>& rows) {
  ColumnBatch b(read_schema_of(Table::Transactions));
  for (const TxRow& r : rows)
    for (int c = 0; c < tx_col::kCount; ++c) {
      switch (c) {
        case tx_col::timestamp: b.put_int(c, r.ts_ms); break;
        case tx_col::amount: b.put_int(c, r.cents); break;
        case tx_col::type: b.put_str(c, r.type); break;
        case tx_col::customer_state: b.put_str(c, r.state); break;
        case tx_col::customer_profile: b.put_str(c, r.profile); break;
        case tx_col::is_fraud: b.put_bool(c, r.fraud); break;
        case tx_col::velocity_transactions_1h: b.put_int(c, 3); break;
        case tx_col::fraud_type: r.fraud ? b.put_str(c, r.fraud_type) : b.put_null(c); break;
        case tx_col::fraud_scenario_id: r.fraud ? b.put_str(c, r.scenario) : b.put_null(c); break;
        case tx_col::fraud_role: r.fraud ? b.put_str(c, "TRANSFER") : b.put_null(c); break;
        case tx_col::fraud_step: r.fraud ? b.put_int(c, r.step) : b.put_null(c); break;
        case tx_col::fraud_reported_date: r.fraud ? b.put_int(c, r.reported_day) : b.put_null(c); break;
        default: b.put_null(c);
      }
    }
  return b;
}

constexpr int64_t kDay = 20148;  // 2025-03-01
int64_t at(int64_t day, int hour) { return (kDay + day) * kMillisPerDay + (hour + 3) * 3'600'000LL; }  // local hour

std::vector<TxRow> sample_rows() {
  return {
      {at(0, 10), 1500, "PIX", "SP", "young_digital", false, "", "", 0, 0},
      {at(0, 23), 250000, "PIX", "RJ", "young_digital", true, "PIX_GOLPE", "SCN_B", 1, kDay + 5},
      {at(1, 2), 5, "CREDIT_CARD", "AC", "high_spender", false, "", "", 0, 0},
      {at(1, 3), 99, "TED", "RJ", "", true, "PIX_GOLPE", "SCN_A", 2, kDay + 1},
      {at(31, 12), 1'000'000'000'000, "BOLETO", "SP", "family_provider", true, "PIX_GOLPE", "SCN_A", 3, kDay + 40},
  };
}

// A rides batch (the read schema) with the columns the ride tally reads.
struct RideRow {
  int64_t ts_ms, fare_cents;
  std::string app, status, state, payment;
  double surge, gps_ratio;
  int account_age;
  bool fraud;
  std::string fraud_type, scenario;
};

ColumnBatch make_ride_batch(const std::vector<RideRow>& rows) {
  ColumnBatch b(read_schema_of(Table::Rides));
  for (const RideRow& r : rows)
    for (int c = 0; c < ride_col::kCount; ++c) {
      switch (c) {
        case ride_col::requested_at: b.put_int(c, r.ts_ms); break;
        case ride_col::fare_amount: b.put_int(c, r.fare_cents); break;
        case ride_col::app: b.put_str(c, r.app); break;
        case ride_col::level: b.put_str(c, "ECONOMY"); break;
        case ride_col::status: b.put_str(c, r.status); break;
        case ride_col::state: b.put_str(c, r.state); break;
        case ride_col::payment_method: b.put_str(c, r.payment); break;
        case ride_col::surge_multiplier: b.put_double(c, r.surge); break;
        case ride_col::gps_path_ratio: r.gps_ratio > 0 ? b.put_double(c, r.gps_ratio) : b.put_null(c); break;
        case ride_col::account_age_days: b.put_int(c, r.account_age); break;
        case ride_col::is_fraud: b.put_bool(c, r.fraud); break;
        case ride_col::fraud_type: r.fraud ? b.put_str(c, r.fraud_type) : b.put_null(c); break;
        case ride_col::fraud_scenario_id: r.fraud ? b.put_str(c, r.scenario) : b.put_null(c); break;
        case ride_col::fraud_role: r.fraud ? b.put_str(c, "RIDER") : b.put_null(c); break;
        case ride_col::fraud_reported_date: r.fraud ? b.put_int(c, kDay + 30) : b.put_null(c); break;
        default: b.put_null(c);
      }
    }
  return b;
}

std::vector<RideRow> sample_rides() {
  return {
      {at(0, 8), 2350, "UBER", "COMPLETED", "SP", "PIX", 1.0, 1.05, 400, false, "", ""},
      {at(0, 9), 0, "99", "NO_DRIVER", "RJ", "CASH", 1.3, 0, 0, false, "", ""},
      {at(2, 22), 9900, "UBER", "COMPLETED", "SP", "CREDIT_CARD", 2.4, 1.6, 3, true, "PROMO_ABUSE", "RFR_B"},
      {at(3, 1), 700, "INDRIVE", "CANCELLED_BY_RIDER", "BA", "CREDIT_CARD", 7.0, 0, 9, true, "PROMO_ABUSE", "RFR_A"},
      {at(31, 12), 4100, "UBER", "COMPLETED", "BA", "CREDIT_CARD", 1.1, 0.98, 2000, true, "PROMO_ABUSE", "RFR_A"},
  };
}

}  // namespace

TEST(Report, RideTallyCountsEachRideOnceAndMergesAnySplit) {
  const ReportCalendar cal = ReportCalendar::of(kDay, kDay + 40);
  const auto rows = sample_rides();
  RideTally whole(cal);
  whole.add(make_ride_batch(rows), test_support::ref());
  EXPECT_EQ(whole.rows, 5u);
  EXPECT_EQ(whole.fraud_rows, 3u);
  EXPECT_EQ(whole.per_day[0], (LegitFraud{2, 0}));
  EXPECT_EQ(whole.app_status[0][0], 3u);  // UBER, COMPLETED
  EXPECT_EQ(whole.app_status[1][3], 1u);  // 99, NO_DRIVER
  EXPECT_EQ(whole.no_fare_by_app[1], (LegitFraud{1, 0}));
  EXPECT_EQ(whole.fare_by_app[0][1][static_cast<size_t>(amount_bin(9900))], 1u);
  EXPECT_EQ(whole.surge[0], (LegitFraud{1, 0}));
  EXPECT_EQ(whole.surge[3], (LegitFraud{1, 0}));  // 1.3
  EXPECT_EQ(whole.surge[kSurgeBins - 1], (LegitFraud{0, 1}));  // 7.0: the top bin
  EXPECT_EQ(whole.payment[0], (LegitFraud{0, 3}));
  EXPECT_EQ(whole.fraud_by_type[2], 3u);  // PROMO_ABUSE
  EXPECT_EQ(whole.report_delay[2][28], 1u);
  EXPECT_EQ(whole.features[0][10], (LegitFraud{1, 0}));  // gps_path_ratio 1.05: the bin from 1.0 (tenths)
  EXPECT_EQ(whole.features[0][16], (LegitFraud{0, 1}));
  EXPECT_EQ(whole.features[0][9], (LegitFraud{0, 1}));   // 0.98
  EXPECT_EQ(whole.examples[2].scenario_id, "RFR_A");
  EXPECT_EQ(whole.examples[2].steps.size(), 2u);
  for (size_t split = 0; split <= rows.size(); ++split) {
    RideTally first(cal), second(cal);
    first.add(make_ride_batch({rows.begin(), rows.begin() + static_cast<long>(split)}), test_support::ref());
    second.add(make_ride_batch({rows.begin() + static_cast<long>(split), rows.end()}), test_support::ref());
    first.merge(second);
    EXPECT_EQ(first.per_day, whole.per_day);
    EXPECT_EQ(first.app_status, whole.app_status);
    EXPECT_EQ(first.fare_by_app, whole.fare_by_app);
    EXPECT_EQ(first.features, whole.features);
    EXPECT_EQ(first.examples[2].scenario_id, "RFR_A");
    EXPECT_EQ(first.examples[2].steps.size(), 2u);
  }
}

TEST(Report, DayBinsWidenAndNameTheirSpan) {
  const HistoryFeature& age = ride_features()[2];
  ASSERT_EQ(age.column, "account_age_days");
  ColumnBatch b = make_ride_batch(sample_rides());
  const ColumnData& column = b.column(ride_col::account_age_days);
  EXPECT_EQ(feature_bin_label(age, feature_bin(age, column, 1)), "0");
  EXPECT_EQ(feature_bin_label(age, feature_bin(age, column, 2)), "3");
  EXPECT_EQ(feature_bin_label(age, feature_bin(age, column, 3)), "7-13");
  EXPECT_EQ(feature_bin_label(age, feature_bin(age, column, 0)), "365-539");
  EXPECT_EQ(feature_bin_label(age, feature_bin(age, column, 4)), "1460+");
}

TEST(Report, AmountBinsAreIntegerLogBinsOfFivePerDecade) {
  EXPECT_EQ(amount_bin(0), 0);
  EXPECT_EQ(amount_bin(9), 0);
  EXPECT_EQ(amount_bin(10), 1);   // R$0.10
  EXPECT_EQ(amount_bin(15), 1);
  EXPECT_EQ(amount_bin(16), 2);
  EXPECT_EQ(amount_bin(100), 6);  // R$1.00 starts the next decade
  EXPECT_EQ(amount_bin(-5), 0);
  EXPECT_EQ(amount_bin(INT64_MAX), kAmountBins - 1);
  for (int b = 1; b < kAmountBins; ++b) {
    EXPECT_LT(amount_bin_floor(b - 1), amount_bin_floor(b));
    EXPECT_EQ(amount_bin(amount_bin_floor(b)), b);
    EXPECT_EQ(amount_bin(amount_bin_floor(b) - 1), b - 1);
  }
}

TEST(Report, NiceTicksCoverTheRangeInStepsOfOneTwoOrFive) {
  const svg::Ticks t = svg::nice_ticks(0, 873, 5);
  EXPECT_EQ(t.step, 200);
  EXPECT_EQ(t.values.front(), 0);
  EXPECT_EQ(t.values.back(), 1000);
  EXPECT_EQ(svg::nice_ticks(0, 0.034, 5).step, 0.01);
  EXPECT_EQ(svg::nice_ticks(5, 5, 5).values.size() >= 2, true);  // one value widens
  EXPECT_EQ(svg::tick_label(1500, 500), "1,500");
  EXPECT_EQ(svg::tick_label(0.25, 0.05), "0.25");
  EXPECT_EQ(format_cents(123456789), "1,234,567.89");
  EXPECT_EQ(format_cents(500), "5");
  EXPECT_EQ(format_percent(1, 3), "33.33%");
  EXPECT_EQ(format_fixed(-0.0001, 2), "0.00");
}

TEST(Report, TallyCountsEachRowOnceInItsBins) {
  TransactionTally t(ReportCalendar::of(kDay, kDay + 40));
  t.add(make_batch(sample_rows()), test_support::ref());
  EXPECT_EQ(t.calendar.months, 2);
  EXPECT_EQ(t.rows, 5u);
  EXPECT_EQ(t.fraud_rows, 3u);
  EXPECT_EQ(t.per_day[0], (LegitFraud{1, 1}));
  EXPECT_EQ(t.per_day[1], (LegitFraud{1, 1}));
  EXPECT_EQ(t.per_month[1], (LegitFraud{0, 1}));
  EXPECT_EQ(t.weekday_hour[5][23], 1u);  // 2025-03-01 was a Saturday
  EXPECT_EQ(t.fraud_by_type[1], 3u);     // PIX_GOLPE
  EXPECT_EQ(t.report_delay[1][5], 1u);
  EXPECT_EQ(t.report_delay[1][kDelayDays], 0u);
  EXPECT_EQ(t.report_delay[1][9], 1u);   // day 31, reported on day 40
  EXPECT_EQ(t.report_delay[1][0], 1u);   // reported the same local day
  EXPECT_EQ(t.amount_by_type[3][1][kAmountBins - 1], 1u);
  EXPECT_EQ(t.amount_by_profile[kProfiles][1][amount_bin(99)], 1u);  // no profile
  EXPECT_EQ(t.features[0][3], (LegitFraud{2, 3}));
  // The example is the smallest scenario id, with its steps.
  EXPECT_EQ(t.examples[1].scenario_id, "SCN_A");
  EXPECT_EQ(t.examples[1].steps.size(), 2u);
}

TEST(Report, TalliesOfAnySplitMergeToTheSameCounts) {
  const auto rows = sample_rows();
  const ReportCalendar cal = ReportCalendar::of(kDay, kDay + 40);
  TransactionTally whole(cal);
  whole.add(make_batch(rows), test_support::ref());
  for (size_t split = 0; split <= rows.size(); ++split) {
    TransactionTally first(cal), second(cal);
    first.add(make_batch({rows.begin(), rows.begin() + static_cast<long>(split)}), test_support::ref());
    second.add(make_batch({rows.begin() + static_cast<long>(split), rows.end()}), test_support::ref());
    first.merge(second);
    EXPECT_EQ(first.per_day, whole.per_day);
    EXPECT_EQ(first.weekday_hour, whole.weekday_hour);
    EXPECT_EQ(first.amount_by_type, whole.amount_by_type);
    EXPECT_EQ(first.features, whole.features);
    EXPECT_EQ(first.examples[1].scenario_id, whole.examples[1].scenario_id);
    EXPECT_EQ(first.examples[1].steps.size(), whole.examples[1].steps.size());
  }
}

TEST(Report, ChartsDrawOneMarkWithATooltipPerValueAndEscapeText) {
  svg::BarChartSpec bars{svg::ChartText{"bars", "A <b> & \"c\"", "x (unit)", "y (unit)", ""},
                         {{"one", {1, 2, 3}, {"a", "b", "c<"}}, {"two", {4, 5, 6}, {"d", "e", "f"}}}};
  bars.categories = {"p", "q", "r"};
  const std::string html = svg::bar_chart(bars);
  EXPECT_EQ(count(html, "class=\"mark"), 6u);
  EXPECT_EQ(count(html, "<title>"), 6u);
  EXPECT_NE(html.find("data-marks=\"6\""), std::string::npos);
  EXPECT_NE(html.find("A &lt;b&gt; &amp; &quot;c&quot;"), std::string::npos);
  EXPECT_NE(html.find("c&lt;</title>"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html, svg::bar_chart(bars));
  EXPECT_EQ(html.find("nan"), std::string::npos);

  svg::HeatMapSpec heat{svg::ChartText{"heat", "h", "x", "y", ""}};
  heat.rows = {"r1", "r2"};
  heat.columns = {"c1", "c2", "c3"};
  heat.values = {{0, 1, 2}, {3, 4, 5}};
  heat.tips = {{"a", "b", "c"}, {"d", "e", "f"}};
  EXPECT_EQ(count(svg::heat_map(heat), "class=\"mark"), 6u);

  svg::ChoroplethSpec map{svg::ChartText{"map", "m", "", "", ""}};
  map.ufs = {"SP"};
  map.values = {1};
  map.tips = {"São Paulo"};
  const std::string drawn = svg::brazil_map(map);
  EXPECT_EQ(count(drawn, "data-uf=\""), 27u);
  EXPECT_NE(drawn.find("<title>São Paulo</title>"), std::string::npos);
  EXPECT_NE(drawn.find("CC BY 4.0"), std::string::npos);
}
