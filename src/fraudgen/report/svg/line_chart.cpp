#include <algorithm>

#include "fraudgen/report/svg/charts.h"
#include "fraudgen/report/svg/figure.h"

namespace fraudgen::report::svg {

std::string line_chart(const LineChartSpec& spec) {
  const size_t n = spec.categories.size();
  const int width = 680, height = 280;
  const PlotArea area{64, 30, width - 16.0, height - 50.0};
  Figure fig(spec.text, width, height, area);
  const double top = std::max(max_value(spec.series), spec.reference.value_or(0));
  const Ticks ticks = nice_ticks(0, top > 0 ? top : 1, 5);
  const LinearScale y{ticks.lo, ticks.hi, area.bottom, area.top};
  fig.value_axis(ticks, y, true);
  const double step = area.width() / static_cast<double>(std::max<size_t>(n, 1));
  std::vector<double> xs(n);
  for (size_t i = 0; i < n; ++i) xs[i] = area.left + step * (static_cast<double>(i) + 0.5);
  fig.category_axis(spec.categories, xs, spec.label_every, true);
  std::string& s = fig.svg();
  if (spec.reference) {
    const std::string at = px(y(*spec.reference));
    s += "<line class=\"reference\" x1=\"" + px(area.left) + "\" x2=\"" + px(area.right) + "\" y1=\"" + at + "\" y2=\"" + at + "\"/>";
  }
  int marks = 0;
  for (size_t k = 0; k < spec.series.size(); ++k) {
    const Series& series = spec.series[k];
    std::string d;
    for (size_t i = 0; i < series.values.size() && i < n; ++i) d += (i ? " L" : "M") + px(xs[i]) + " " + px(y(series.values[i]));
    s += "<path class=\"line c" + std::to_string(k) + "\" d=\"" + d + "\"/>";
    for (size_t i = 0; i < series.values.size() && i < n; ++i, ++marks)
      s += "<circle class=\"mark s" + std::to_string(k) + "\" cx=\"" + px(xs[i]) + "\" cy=\"" + px(y(series.values[i])) +
           "\" r=\"2.5\"><title>" + escape(series.tips[i]) + "</title></circle>";
  }
  std::vector<std::string> names;
  for (const Series& series : spec.series) names.push_back(series.name);
  fig.legend(names, spec.reference ? spec.reference_name : "");
  return fig.finish(marks);
}

}  // namespace fraudgen::report::svg
