// The flags that say which world is simulated: population, seed, dates, fraud, difficulty,
// profiles, and the workers that simulate it. `generate`, `plan` and `stream` share them, so the
// same flags give the same rows whether they are written as files or sent as events.
#pragma once
#include <cstdint>
#include <string>

#include "fraudgen/run/run_config.h"

namespace CLI { class App; }

namespace fraudgen {

// Today's date in Brasília (days since 1970-01-01): the default end date, and a stream's start.
int64_t today_in_brasilia();

class WorldFlags {
 public:
  // `by_size`: --size is accepted (a target bytes of files) besides --customers; without it
  // the population is --customers, `default_customers` when absent.
  void add(CLI::App* cmd, bool by_size, uint64_t default_customers = 0);
  // Fills the world part of `cfg`; UsageError on any bad value.
  void resolve(RunConfig& cfg) const;
  bool start_date_given() const { return !start_date_.empty(); }
  bool end_date_given() const { return !end_date_.empty(); }

 private:
  bool by_size_ = true;
  uint64_t default_customers_ = 0;
  std::string size_ = "1GB", type_ = "transactions", customers_, workers_, seed_, fraud_rate_ = "0.01";
  std::string difficulty_ = "realistic", calibration_, start_date_, end_date_, dispatch_area_drivers_;
  bool size_given_ = false, fraud_rate_given_ = false, no_profiles_ = false, dispatch_area_drivers_given_ = false;
};

}  // namespace fraudgen
