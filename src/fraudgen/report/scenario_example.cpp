#include "fraudgen/report/scenario_example.h"

namespace fraudgen::report {

bool ScenarioExample::offer(std::string_view id, ScenarioStep step) {
  if (!scenario_id.empty() && id > scenario_id) return false;
  if (id != scenario_id) *this = ScenarioExample{std::string(id), {}};
  steps.push_back(std::move(step));
  return true;
}

void ScenarioExample::merge(const ScenarioExample& later) {
  if (later.scenario_id.empty()) return;
  if (scenario_id.empty() || later.scenario_id < scenario_id) *this = later;
  else if (later.scenario_id == scenario_id) steps.insert(steps.end(), later.steps.begin(), later.steps.end());
}

}  // namespace fraudgen::report
