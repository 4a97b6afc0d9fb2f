#include <algorithm>
#include <map>

#include "fraudgen/reference/csv_table.h"
#include "fraudgen/reference/embedded_data.h"
#include "fraudgen/report/number_text.h"
#include "fraudgen/report/svg/charts.h"
#include "fraudgen/report/svg/figure.h"

namespace fraudgen::report::svg {

std::string brazil_map(const ChoroplethSpec& spec) {
  // Outlines from @svg-maps/brazil (CC BY 4.0), in its viewBox 0 0 613 639: data/SOURCES.md.
  const CsvTable outlines("brazil_states_svg.csv", embedded_file("brazil_states_svg.csv"), {"uf", "name", "path"});
  std::map<std::string, size_t> value_of;
  for (size_t i = 0; i < spec.ufs.size(); ++i) value_of[spec.ufs[i]] = i;
  double top = 0;
  for (double v : spec.values) top = std::max(top, v);
  const int width = 613, height = 690;
  Figure fig(ChartText{spec.text.id, spec.text.title, "", "", spec.text.note}, width, height, PlotArea{0, 0, 613, 639});
  std::string& s = fig.svg();
  int marks = 0;
  for (size_t r = 0; r < outlines.rows(); ++r) {
    const std::string uf = outlines.text(r, 0);
    const auto it = value_of.find(uf);
    const double v = it == value_of.end() ? 0 : spec.values[it->second];
    const double shade = top > 0 ? 0.08 + 0.92 * v / top : 0.08;
    s += "<path class=\"mark state\" data-uf=\"" + escape(uf) + "\" fill-opacity=\"" + format_fixed(shade, 2) + "\" d=\"" +
         std::string(outlines.at(r, 2)) + "\"><title>" + escape(it == value_of.end() ? uf : spec.tips[it->second]) + "</title></path>";
    ++marks;
  }
  // The scale: light to dark, 0 to the largest value.
  for (int i = 0; i < 5; ++i)
    s += "<rect class=\"heat\" x=\"" + px(20 + 30.0 * i) + "\" y=\"648\" width=\"30\" height=\"10\" fill-opacity=\"" +
         format_fixed(0.08 + 0.92 * i / 4.0, 2) + "\"/>";
  s += "<text class=\"tick\" x=\"20\" y=\"672\">0</text><text class=\"tick\" x=\"170\" y=\"672\" text-anchor=\"end\">" +
       escape(format_fixed(top, 2)) + "</text><text class=\"legend\" x=\"180\" y=\"657\">" + escape(spec.legend_unit) + "</text>";
  s += "<text class=\"source\" x=\"600\" y=\"684\" text-anchor=\"end\">Map: @svg-maps/brazil, Victor Cazanave, CC BY 4.0</text>";
  return fig.finish(marks);
}

}  // namespace fraudgen::report::svg
