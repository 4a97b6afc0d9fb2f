// Run-wide, read-only simulation state derived once from the configuration and reference data:
// per-profile samplers for days, hours, types, channels and merchant categories.
#pragma once
#include <array>
#include <memory>
#include <vector>

#include "fraudgen/core/alias_table.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/sim/fraud_types.h"
#include "fraudgen/sim/profiles.h"
#include "fraudgen/sim/sim_config.h"

namespace fraudgen {

class RideMarket;

struct ProfileSamplers {
  AliasTable hour;
  AliasTable type;
  std::array<AliasTable, 8> channel;       // per transaction type
  AliasTable mcc;                          // index into mccs_ below
  std::vector<uint32_t> mccs;              // ReferenceData mcc indices
};

// Where, when and which fraud scenarios happen (docs/fraud-model.md).
struct FraudSamplers {
  std::array<AliasTable, 12> type;                         // by month: prevalence x boost / mean steps
  std::vector<double> state_weight;                        // STATE_MULT over its population-weighted mean
  std::array<std::vector<uint32_t>, kFraudTypeCount> mccs; // ReferenceData mcc indices per type
};

// MCCs the simulation names directly (ReferenceData indices), looked up once.
struct NamedMccs {
  uint32_t atm, topup;
  std::array<uint32_t, 4> bills;          // what boletos pay: utilities, telecom, schools, stores
  std::array<uint32_t, 5> subscriptions;  // what automatic debits pay
};

class SimContext {
 public:
  SimContext(const ReferenceData& ref, SimConfig config);
  const ReferenceData& ref() const { return *ref_; }
  const SimConfig& config() const { return config_; }
  // The ride market of a world with rides (--type rides or all), set before any simulation:
  // then a rider's completed card and Pix rides are payments of their banking timeline too.
  void attach_ride_market(std::shared_ptr<const RideMarket> market) { ride_market_ = std::move(market); }
  const RideMarket* ride_market() const { return ride_market_.get(); }
  // Samplers of profile p (-1 = no profiles).
  const ProfileSamplers& samplers(int profile) const { return samplers_[static_cast<size_t>(profile + 1)]; }
  const AliasTable& profile_sampler() const { return profile_sampler_; }
  uint32_t mcc(std::string_view code) const;  // throws when the reference data lacks it
  const FraudSamplers& fraud() const { return fraud_; }
  const NamedMccs& named_mccs() const { return named_mccs_; }
  // Relative transaction volume of a local date (weekday, month, holidays, paydays).
  static double day_weight(int64_t day);
  // Profile p's volume on a local date over its mean on the days of 2021-2024: a customer's
  // expected transactions that day are their daily mean times this.
  double day_rate(int profile, int64_t day) const;
  // Scenarios started on a local date per expected fraudulent transaction of an average day: the
  // date's fraud weight (calendar volume times the month's multiplier, over its 2021-2024 mean)
  // over the mean length of the month's scenarios.
  double scenario_start_rate(int64_t day) const;
  // Whether a local date is the 5th business day (Monday to Friday) of its month: payday.
  bool is_payday(int64_t day) const;
  // Mean steps of a scenario started in month 1-12 (types drawn by FraudSamplers::type).
  double mean_scenario_steps(int month) const { return mean_steps_[static_cast<size_t>(month - 1)]; }
  // Days before a date on which a scenario with a step on that date may have started.
  int64_t scenario_lookback_days() const { return scenario_lookback_days_; }
  // Days before a date on which a scenario reported that date may have started.
  int64_t report_lookback_days() const { return report_lookback_days_; }
  // Relative volume of a month (1-12), for all transactions and for fraud.
  static double month_weight(int month);

 private:
  const ReferenceData* ref_;
  SimConfig config_;
  std::shared_ptr<const RideMarket> ride_market_;
  std::array<ProfileSamplers, kProfileCount + 1> samplers_;
  AliasTable profile_sampler_;
  FraudSamplers fraud_;
  NamedMccs named_mccs_;
  std::array<double, 12> mean_steps_{};
  int64_t scenario_lookback_days_ = 0, report_lookback_days_ = 0;
  // day_rate and fraud_day_rate of the dates a run reads most, from table_first_day on; other
  // dates are computed when asked.
  int64_t table_first_day_ = 0;
  std::array<double, kProfileCount + 1> mean_weight_{};
  double mean_fraud_weight_ = 1;
  std::vector<std::array<double, kProfileCount + 2>> rates_;  // per date: each profile's, then scenario_start_rate
  std::vector<bool> paydays_;
  double profile_weight(int profile, int64_t day) const;
  static double fraud_weight(int64_t day);
  double compute_scenario_start_rate(int64_t day) const;
  void build_fraud_samplers();
};

}  // namespace fraudgen
