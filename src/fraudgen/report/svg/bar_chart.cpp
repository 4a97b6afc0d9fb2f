#include <algorithm>

#include "fraudgen/report/svg/charts.h"
#include "fraudgen/report/svg/figure.h"

namespace fraudgen::report::svg {

std::string bar_chart(const BarChartSpec& spec) {
  const size_t n = spec.categories.size();
  const bool h = spec.horizontal;
  const int width = 680;
  const int height = h ? 60 + static_cast<int>(n) * 16 : 280;
  const PlotArea area = h ? PlotArea{190, 30, width - 20.0, height - 34.0} : PlotArea{64, 30, width - 16.0, height - 50.0};
  Figure fig(spec.text, width, height, area);
  double top = max_value(spec.series);
  for (double r : spec.reference) top = std::max(top, r);
  const Ticks ticks = nice_ticks(0, top > 0 ? top : 1, 5);
  const LinearScale value = h ? LinearScale{ticks.lo, ticks.hi, area.left, area.right} : LinearScale{ticks.lo, ticks.hi, area.bottom, area.top};
  fig.value_axis(ticks, value, !h);
  const double band = (h ? area.height() : area.width()) / static_cast<double>(std::max<size_t>(n, 1));
  const double bar = band * 0.8 / static_cast<double>(std::max<size_t>(spec.series.size(), 1));
  std::vector<double> centres(n);
  for (size_t i = 0; i < n; ++i) centres[i] = (h ? area.top : area.left) + band * (static_cast<double>(i) + 0.5);
  fig.category_axis(spec.categories, centres, spec.label_every, !h);
  int marks = 0;
  std::string& s = fig.svg();
  for (size_t k = 0; k < spec.series.size(); ++k) {
    const Series& series = spec.series[k];
    for (size_t i = 0; i < series.values.size() && i < n; ++i, ++marks) {
      const double at = centres[i] - band * 0.4 + bar * static_cast<double>(k);
      const double v0 = value(0), v1 = value(series.values[i]);
      if (h)
        s += "<rect class=\"mark s" + std::to_string(k) + "\" x=\"" + px(v0) + "\" y=\"" + px(at) + "\" width=\"" + px(v1 - v0) +
             "\" height=\"" + px(bar) + "\">";
      else
        s += "<rect class=\"mark s" + std::to_string(k) + "\" x=\"" + px(at) + "\" y=\"" + px(v1) + "\" width=\"" + px(bar) +
             "\" height=\"" + px(v0 - v1) + "\">";
      s += "<title>" + escape(series.tips[i]) + "</title></rect>";
    }
  }
  for (size_t i = 0; i < spec.reference.size() && i < n; ++i) {
    const std::string at = px(value(spec.reference[i]));
    const std::string a = px(centres[i] - band * 0.45), b = px(centres[i] + band * 0.45);
    s += h ? "<line class=\"reference\" x1=\"" + at + "\" x2=\"" + at + "\" y1=\"" + a + "\" y2=\"" + b + "\"/>"
           : "<line class=\"reference\" y1=\"" + at + "\" y2=\"" + at + "\" x1=\"" + a + "\" x2=\"" + b + "\"/>";
  }
  std::vector<std::string> names;
  for (const Series& series : spec.series) names.push_back(series.name);
  fig.legend(names, spec.reference.empty() ? "" : spec.reference_name);
  return fig.finish(marks);
}

}  // namespace fraudgen::report::svg
