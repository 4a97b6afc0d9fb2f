// Run-wide, read-only simulation state derived once from the configuration and reference data:
// per-profile samplers for days, hours, types, channels and merchant categories.
#pragma once
#include <array>
#include <vector>

#include "fraudgen/core/alias_table.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/sim/fraud_types.h"
#include "fraudgen/sim/profiles.h"
#include "fraudgen/sim/sim_config.h"

namespace fraudgen {

struct ProfileSamplers {
  AliasTable day;                          // offset from start_day
  AliasTable hour;
  AliasTable type;
  std::array<AliasTable, 8> channel;       // per transaction type
  AliasTable mcc;                          // index into mccs_ below
  std::vector<uint32_t> mccs;              // ReferenceData mcc indices
};

// Where, when and which fraud scenarios happen (docs/fraud-model.md).
struct FraudSamplers {
  AliasTable day;                                          // offset from start_day: volume x month weight
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
  // Samplers of profile p (-1 = no profiles).
  const ProfileSamplers& samplers(int profile) const { return samplers_[static_cast<size_t>(profile + 1)]; }
  const AliasTable& profile_sampler() const { return profile_sampler_; }
  uint32_t mcc(std::string_view code) const;  // throws when the reference data lacks it
  const FraudSamplers& fraud() const { return fraud_; }
  const NamedMccs& named_mccs() const { return named_mccs_; }
  // Relative transaction volume of a local date (weekday, month, holidays, paydays).
  static double day_weight(int64_t day);
  // Relative volume of a month (1-12), for all transactions and for fraud.
  static double month_weight(int month);

 private:
  const ReferenceData* ref_;
  SimConfig config_;
  std::array<ProfileSamplers, kProfileCount + 1> samplers_;
  AliasTable profile_sampler_;
  FraudSamplers fraud_;
  NamedMccs named_mccs_;
  void build_fraud_samplers();
};

}  // namespace fraudgen
