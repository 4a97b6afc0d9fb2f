#include "fraudgen/run/calibration_file.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "fraudgen/core/file_text.h"

namespace fraudgen {
namespace {

using nlohmann::json;

constexpr double kMaxFraudRate = 0.5;

[[noreturn]] void fail(const std::string& source, const std::string& what) {
  throw std::invalid_argument("calibration file " + source + ": " + what);
}

std::string accepted_keys(std::string_view group) {
  std::string list;
  for (const CalibrationKey& k : calibration_keys())
    if (k.group == group) list.append(list.empty() ? "" : ", ").append(k.name);
  return list;
}

// A bound as a person writes it: 0, 0.5, 200 (not 0.0 or 200.0).
std::string plain(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

double number_in_range(const std::string& source, const std::string& key, const json& v, double lo, double hi) {
  const std::string accepted = "; accepted: a number from " + plain(lo) + " to " + plain(hi);
  if (!v.is_number()) fail(source, key + " is " + std::string(v.type_name()) + accepted);
  const double x = v.get<double>();
  if (!std::isfinite(x) || x < lo || x > hi) fail(source, key + " is " + v.dump() + accepted);
  return x;
}

const json& object_member(const std::string& source, const std::string& key, const json& v) {
  if (!v.is_object()) fail(source, key + " is " + std::string(v.type_name()) + "; accepted: an object");
  return v;
}

// The weights of `key`'s object, by type name (`types`' names), each 0 to kMaxTypeWeight.
template <typename Types, size_t N>
void read_type_weights(const std::string& source, const std::string& key, const json& value, const Types& types,
                       std::string_view what, std::array<double, N>& weights) {
  for (const auto& [name, v] : object_member(source, key, value).items()) {
    size_t type = 0;
    while (type < types.size() && types[type].name != name) ++type;
    if (type == types.size()) {
      std::string names;
      for (const auto& t : types) names.append(names.empty() ? "" : ", ").append(t.name);
      fail(source, "unknown " + std::string(what) + " " + key + "." + name + "; accepted: " + names);
    }
    weights[type] = number_in_range(source, key + "." + name, v, 0, kMaxTypeWeight);
  }
}

}  // namespace

CalibrationFile parse_calibration(const std::string& text, const std::string& source, const Calibration& base) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    fail(source, std::string("is not valid JSON (") + e.what() + ")");
  }
  if (!doc.is_object()) fail(source, "the top level is " + std::string(doc.type_name()) + "; accepted: an object");
  CalibrationFile out{base, std::nullopt};
  for (const auto& [key, value] : doc.items()) {
    if (key == "fraud_rate") {
      out.fraud_rate = number_in_range(source, key, value, 0, kMaxFraudRate);
    } else if (key == "look_alikes" || key == "quiet_fraud" || key == "ride_look_alikes" || key == "ride_quiet_fraud") {
      for (const auto& [name, v] : object_member(source, key, value).items()) {
        const CalibrationKey* found = nullptr;
        for (const CalibrationKey& k : calibration_keys())
          if (k.group == key && k.name == name) found = &k;
        if (!found) fail(source, "unknown key " + key + "." + name + "; accepted in " + key + ": " + accepted_keys(key));
        out.calibration.*(found->field) = number_in_range(source, key + "." + name, v, found->min, found->max);
      }
    } else if (key == "fraud_type_weights") {
      read_type_weights(source, key, value, fraud_types(), "fraud type", out.calibration.type_weight);
    } else if (key == "ride_fraud_type_weights") {
      read_type_weights(source, key, value, ride_fraud_types(), "ride fraud type", out.calibration.ride_type_weight);
    } else {
      fail(source, "unknown key " + key + "; accepted: fraud_rate, look_alikes, quiet_fraud, fraud_type_weights, ride_look_alikes, ride_quiet_fraud, ride_fraud_type_weights");
    }
  }
  bool any_type = false, any_ride_type = false;
  for (double w : out.calibration.type_weight) any_type = any_type || w > 0;
  for (size_t t = 0; t < out.calibration.ride_type_weight.size(); ++t)
    any_ride_type = any_ride_type || (ride_fraud_types()[t].simulated && out.calibration.ride_type_weight[t] > 0);
  if (!any_type) fail(source, "fraud_type_weights sets every type to 0; accepted: at least one weight above 0");
  if (!any_ride_type)
    fail(source, "ride_fraud_type_weights sets every simulated type to 0; accepted: at least one weight above 0");
  return out;
}

CalibrationFile load_calibration(const std::string& path, const Calibration& base) {
  const std::optional<std::string> text = read_file_text(path);
  if (!text) throw std::invalid_argument("calibration file " + path + " cannot be read; accepted: a readable JSON file");
  return parse_calibration(*text, path, base);
}

}  // namespace fraudgen
