#include <algorithm>

#include "fraudgen/report/svg/charts.h"
#include "fraudgen/report/svg/figure.h"

namespace fraudgen::report::svg {

std::string timeline_chart(const TimelineSpec& spec) {
  const size_t lanes = spec.lanes.size();
  const int width = 680;
  const int height = 60 + static_cast<int>(lanes) * 18;
  const PlotArea area{250, 20, width - 20.0, height - 40.0};
  Figure fig(spec.text, width, height, area);
  const double lane_height = area.height() / static_cast<double>(std::max<size_t>(lanes, 1));
  std::string& s = fig.svg();
  std::vector<std::string> labels;
  std::vector<double> ys;
  int marks = 0;
  s += "<text class=\"tick\" x=\"" + px(area.left) + "\" y=\"" + px(area.bottom + 14) + "\">first step</text>";
  s += "<text class=\"tick\" x=\"" + px(area.right) + "\" y=\"" + px(area.bottom + 14) + "\" text-anchor=\"end\">last step</text>";
  for (size_t l = 0; l < lanes; ++l) {
    const TimelineLane& lane = spec.lanes[l];
    const double y = area.top + lane_height * (static_cast<double>(l) + 0.5);
    labels.push_back(lane.label);
    ys.push_back(y);
    s += "<line class=\"grid\" x1=\"" + px(area.left) + "\" x2=\"" + px(area.right) + "\" y1=\"" + px(y) + "\" y2=\"" + px(y) + "\"/>";
    for (size_t i = 0; i < lane.positions.size(); ++i, ++marks)
      s += "<circle class=\"mark s1\" cx=\"" + px(area.left + 10 + lane.positions[i] * (area.width() - 20)) + "\" cy=\"" + px(y) + "\" r=\"" +
           px(2 + 5 * lane.sizes[i]) + "\"><title>" + escape(lane.tips[i]) + "</title></circle>";
  }
  fig.category_axis(labels, ys, 1, false);
  return fig.finish(marks);
}

}  // namespace fraudgen::report::svg
