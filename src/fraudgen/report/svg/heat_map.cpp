#include <algorithm>

#include "fraudgen/report/number_text.h"
#include "fraudgen/report/svg/charts.h"
#include "fraudgen/report/svg/figure.h"

namespace fraudgen::report::svg {

std::string heat_map(const HeatMapSpec& spec) {
  const size_t rows = spec.rows.size(), cols = spec.columns.size();
  const int width = 680;
  const int height = 70 + static_cast<int>(rows) * 18;
  const PlotArea area{190, 20, width - 16.0, height - 40.0};
  Figure fig(spec.text, width, height, area);
  const double cw = area.width() / static_cast<double>(std::max<size_t>(cols, 1));
  const double ch = area.height() / static_cast<double>(std::max<size_t>(rows, 1));
  std::vector<double> xs(cols), ys(rows);
  for (size_t c = 0; c < cols; ++c) xs[c] = area.left + cw * (static_cast<double>(c) + 0.5);
  for (size_t r = 0; r < rows; ++r) ys[r] = area.top + ch * (static_cast<double>(r) + 0.5);
  fig.category_axis(spec.columns, xs, spec.column_label_every, true);
  fig.category_axis(spec.rows, ys, 1, false);
  double top = 0;
  for (const auto& row : spec.values)
    for (double v : row) top = std::max(top, v);
  std::string& s = fig.svg();
  int marks = 0;
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < cols; ++c, ++marks) {
      const double v = spec.values[r][c];
      // Opacity, not a colour ramp: the same cells read in the light and the dark scheme.
      const double shade = top > 0 ? 0.04 + 0.96 * v / top : 0.04;
      s += "<rect class=\"mark heat\" x=\"" + px(area.left + cw * static_cast<double>(c)) + "\" y=\"" +
           px(area.top + ch * static_cast<double>(r)) + "\" width=\"" + px(cw - 1) + "\" height=\"" + px(ch - 1) +
           "\" fill-opacity=\"" + format_fixed(shade, 2) + "\"><title>" + escape(spec.tips[r][c]) + "</title></rect>";
    }
  return fig.finish(marks);
}

}  // namespace fraudgen::report::svg
