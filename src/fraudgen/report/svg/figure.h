// What every chart shares: the <figure> around the <svg>, the plot area inside its margins, axes
// with tick labels and axis titles, the legend, and numbers written with a fixed precision.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "fraudgen/report/svg/charts.h"
#include "fraudgen/report/svg/scale.h"

namespace fraudgen::report::svg {

std::string px(double v);  // a coordinate, one decimal
std::string escape(std::string_view text);

struct PlotArea {
  double left, top, right, bottom;  // pixels inside the viewBox
  double width() const { return right - left; }
  double height() const { return bottom - top; }
};

class Figure {
 public:
  Figure(const ChartText& text, int width, int height, PlotArea area);
  const PlotArea& area() const { return area_; }
  std::string& svg() { return svg_; }
  // A value axis on the left (vertical) or at the bottom (horizontal), with grid lines.
  void value_axis(const Ticks& ticks, const LinearScale& scale, bool vertical);
  // Category labels under (or left of) the bands, every `every`-th one.
  void category_axis(const std::vector<std::string>& labels, const std::vector<double>& centres, int every, bool vertical);
  void legend(const std::vector<std::string>& names, std::string_view reference_name = {});
  std::string finish(int marks) const;

 private:
  ChartText text_;
  int width_, height_;
  PlotArea area_;
  std::string svg_;
};

// The largest value of all series (at least `floor`).
double max_value(const std::vector<Series>& series, double floor = 0);

}  // namespace fraudgen::report::svg
