// The report's charts, drawn as inline SVG by fraudgen's own code: each returns one
// <figure data-chart="ID"> with a title, axis labels with units, and one element of class "mark"
// per data point, each carrying a <title> the browser shows as its tooltip. Nothing random and no
// clock: the same spec gives the same bytes.
#pragma once
#include <optional>
#include <utility>
#include <string>
#include <vector>

namespace fraudgen::report::svg {

struct Series {
  std::string name;
  std::vector<double> values;
  std::vector<std::string> tips;  // one per value
};

struct ChartText {
  std::string id, title, x_label, y_label;  // labels name their unit, e.g. "transactions per day"
  std::string note;                          // a sentence under the chart: what to look for
};

// Bars per category, one per series side by side; horizontal puts categories down the left.
struct BarChartSpec {
  explicit BarChartSpec(ChartText t, std::vector<Series> s = {}, bool h = false) : text(std::move(t)), series(std::move(s)), horizontal(h) {}
  ChartText text;
  std::vector<std::string> categories;
  std::vector<Series> series;
  bool horizontal;
  int label_every = 1;                // label every n-th category
  std::vector<double> reference;      // optional, per category: a tick where the reference value is
  std::string reference_name;
};
std::string bar_chart(const BarChartSpec& spec);

// Lines through one point (a mark) per category per series, with an optional constant reference line.
struct LineChartSpec {
  explicit LineChartSpec(ChartText t, std::vector<Series> s = {}) : text(std::move(t)), series(std::move(s)) {}
  ChartText text;
  std::vector<std::string> categories;
  std::vector<Series> series;
  int label_every = 1;
  std::optional<double> reference;
  std::string reference_name;
};
std::string line_chart(const LineChartSpec& spec);

// A cell (a mark) per row and column, shaded by value.
struct HeatMapSpec {
  explicit HeatMapSpec(ChartText t) : text(std::move(t)) {}
  ChartText text;
  std::vector<std::string> rows, columns;
  std::vector<std::vector<double>> values;        // [row][column]
  std::vector<std::vector<std::string>> tips;
  int column_label_every = 1;
};
std::string heat_map(const HeatMapSpec& spec);

// The 27 states (a path each, data-uf), shaded by value.
struct ChoroplethSpec {
  explicit ChoroplethSpec(ChartText t) : text(std::move(t)) {}
  ChartText text;
  std::vector<std::string> ufs;  // in the order of values
  std::vector<double> values;
  std::vector<std::string> tips;
  std::string legend_unit;       // e.g. "% of transactions fraudulent"
};
std::string brazil_map(const ChoroplethSpec& spec);

// One lane per row; each lane's points placed on the lane's own span (from its first to its last
// point), drawn larger for larger values.
struct TimelineLane {
  std::string label;               // includes the span, e.g. "PIX_GOLPE (2 h 10 min)"
  std::vector<double> positions;   // 0..1 along the lane
  std::vector<double> sizes;       // 0..1
  std::vector<std::string> tips;
};
struct TimelineSpec {
  explicit TimelineSpec(ChartText t) : text(std::move(t)) {}
  ChartText text;
  std::vector<TimelineLane> lanes;
};
std::string timeline_chart(const TimelineSpec& spec);

}  // namespace fraudgen::report::svg
