// Reads a calibration file (JSON): rates that override a difficulty preset. Every key is
// checked; an unknown key, a wrong type or a value out of range is an error naming the key
// and what is accepted.
#pragma once
#include <optional>
#include <string>

#include "fraudgen/sim/calibration.h"

namespace fraudgen {

struct CalibrationFile {
  Calibration calibration;
  std::optional<double> fraud_rate;  // "fraud_rate", when the file sets it
};

// Applies the file at `path` over `base`; throws std::invalid_argument with a message for the user.
CalibrationFile load_calibration(const std::string& path, const Calibration& base);
// The same for JSON text; `source` names it in messages.
CalibrationFile parse_calibration(const std::string& text, const std::string& source, const Calibration& base);

}  // namespace fraudgen
