// The example scenario the report draws for a fraud type: the one with the smallest scenario id
// (a choice that does not depend on the order rows are read in), with its rows in file order.
// Examples of two runs of rows merge into the example of both, so any split of the scan agrees.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fraudgen::report {

// One fraudulent row of an example scenario.
struct ScenarioStep {
  int64_t timestamp_ms = 0, cents = 0, reported_day = 0;
  int step = 0;
  int kind = 0;  // the transaction's type (vocab::kTxType) or the ride's status (vocab::kRideStatus)
  std::string role;
};

struct ScenarioExample {
  std::string scenario_id;
  std::vector<ScenarioStep> steps;

  // Keeps `step` if `id` is the smallest scenario id seen so far (false when it is not kept).
  bool offer(std::string_view id, ScenarioStep step);
  // Adds `later`, the example of rows after these ones.
  void merge(const ScenarioExample& later);
};

}  // namespace fraudgen::report
