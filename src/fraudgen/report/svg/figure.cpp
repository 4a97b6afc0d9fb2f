#include "fraudgen/report/svg/figure.h"

#include <algorithm>

#include "fraudgen/report/number_text.h"
#include "fraudgen/sink/s3/s3_xml.h"

namespace fraudgen::report::svg {

std::string px(double v) { return format_fixed(v, 1); }
std::string escape(std::string_view text) { return xml_escape(text); }

Figure::Figure(const ChartText& text, int width, int height, PlotArea area)
    : text_(text), width_(width), height_(height), area_(area) {
  // Axis titles: x under the plot, y rotated along the left edge (a map has neither).
  if (!text_.x_label.empty())
    svg_ += "<text class=\"axis-title\" x=\"" + px(area_.left + area_.width() / 2) + "\" y=\"" + px(height - 6) +
          "\" text-anchor=\"middle\">" + escape(text_.x_label) + "</text>";
  if (!text_.y_label.empty())
    svg_ += "<text class=\"axis-title\" transform=\"translate(12 " + px(area_.top + area_.height() / 2) +
          ") rotate(-90)\" text-anchor=\"middle\">" + escape(text_.y_label) + "</text>";
}

void Figure::value_axis(const Ticks& ticks, const LinearScale& scale, bool vertical) {
  for (double v : ticks.values) {
    const std::string at = px(scale(v));
    const std::string label = escape(tick_label(v, ticks.step));
    if (vertical) {
      svg_ += "<line class=\"grid\" x1=\"" + px(area_.left) + "\" x2=\"" + px(area_.right) + "\" y1=\"" + at + "\" y2=\"" + at + "\"/>";
      svg_ += "<text class=\"tick\" x=\"" + px(area_.left - 4) + "\" y=\"" + at + "\" dy=\"0.32em\" text-anchor=\"end\">" + label + "</text>";
    } else {
      svg_ += "<line class=\"grid\" y1=\"" + px(area_.top) + "\" y2=\"" + px(area_.bottom) + "\" x1=\"" + at + "\" x2=\"" + at + "\"/>";
      svg_ += "<text class=\"tick\" y=\"" + px(area_.bottom + 14) + "\" x=\"" + at + "\" text-anchor=\"middle\">" + label + "</text>";
    }
  }
  svg_ += "<line class=\"axis\" x1=\"" + px(area_.left) + "\" x2=\"" + px(vertical ? area_.right : area_.left) + "\" y1=\"" +
          px(area_.bottom) + "\" y2=\"" + px(area_.bottom) + "\"/>";
  svg_ += "<line class=\"axis\" x1=\"" + px(area_.left) + "\" x2=\"" + px(area_.left) + "\" y1=\"" + px(area_.top) + "\" y2=\"" +
          px(area_.bottom) + "\"/>";
}

void Figure::category_axis(const std::vector<std::string>& labels, const std::vector<double>& centres, int every, bool vertical) {
  for (size_t i = 0; i < labels.size(); i += static_cast<size_t>(std::max(every, 1))) {
    if (vertical)
      svg_ += "<text class=\"tick\" x=\"" + px(centres[i]) + "\" y=\"" + px(area_.bottom + 14) + "\" text-anchor=\"middle\">" +
              escape(labels[i]) + "</text>";
    else
      svg_ += "<text class=\"tick\" x=\"" + px(area_.left - 4) + "\" y=\"" + px(centres[i]) + "\" dy=\"0.32em\" text-anchor=\"end\">" +
              escape(labels[i]) + "</text>";
  }
}

namespace {

// About how wide 11px system-ui text is: capitals and digits are wider than small letters.
double text_width(std::string_view text) {
  double w = 0;
  for (char c : text) w += (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? 7.6 : 6.2;
  return w;
}

}  // namespace

void Figure::legend(const std::vector<std::string>& names, std::string_view reference_name) {
  double x = area_.left;
  const std::string y = px(area_.top - 10);
  for (size_t i = 0; i < names.size(); ++i) {
    svg_ += "<rect class=\"s" + std::to_string(i) + "\" x=\"" + px(x) + "\" y=\"" + px(area_.top - 18) + "\" width=\"10\" height=\"10\"/>";
    svg_ += "<text class=\"legend\" x=\"" + px(x + 14) + "\" y=\"" + y + "\">" + escape(names[i]) + "</text>";
    x += 24 + text_width(names[i]);
  }
  if (!reference_name.empty()) {
    svg_ += "<line class=\"reference\" x1=\"" + px(x) + "\" x2=\"" + px(x + 14) + "\" y1=\"" + px(area_.top - 13) + "\" y2=\"" +
            px(area_.top - 13) + "\"/>";
    svg_ += "<text class=\"legend\" x=\"" + px(x + 18) + "\" y=\"" + y + "\">" + escape(reference_name) + "</text>";
  }
}

std::string Figure::finish(int marks) const {
  std::string out = "<figure data-chart=\"" + escape(text_.id) + "\" data-marks=\"" + std::to_string(marks) + "\"><figcaption>" +
                    escape(text_.title) + "</figcaption><svg viewBox=\"0 0 " + std::to_string(width_) + " " + std::to_string(height_) +
                    "\" role=\"img\" aria-label=\"" + escape(text_.title) + "\">";
  out += svg_;
  out += "</svg>";
  if (!text_.note.empty()) out += "<p class=\"note\">" + escape(text_.note) + "</p>";
  out += "</figure>\n";
  return out;
}

double max_value(const std::vector<Series>& series, double floor) {
  double m = floor;
  for (const Series& s : series)
    for (double v : s.values) m = std::max(m, v);
  return m;
}

}  // namespace fraudgen::report::svg
