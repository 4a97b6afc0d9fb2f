#include "fraudgen/cli/world_flags.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <random>

#include "fraudgen/cli/commands.h"
#include "fraudgen/cli/parse_number.h"
#include "fraudgen/core/byte_size.h"
#include "fraudgen/core/civil_time.h"
#include "fraudgen/run/calibration_file.h"
#include "fraudgen/run/cpu_budget.h"

namespace fraudgen {

int64_t today_in_brasilia() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return local_day_of(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

namespace {

constexpr int64_t kMaxDays = 3660;

}  // namespace

void WorldFlags::add(CLI::App* cmd, bool by_size, uint64_t default_customers) {
  by_size_ = by_size;
  default_customers_ = default_customers;
  if (by_size)
    cmd->add_option("--size", size_, "Target total size of all files, e.g. 500MB, 1GB, 2GiB. KB/MB/GB/TB are decimal "
                                      "(1000^n), KiB/MiB/GiB/TiB binary (1024^n). Default 1GB.")
        ->each([this](const std::string&) { size_given_ = true; });
  cmd->add_option("--customers", customers_, by_size ? "Generate exactly N customers instead of aiming at --size."
                                                     : "Customers in the simulated world (default " +
                                                           std::to_string(default_customers) + ").");
  cmd->add_option("--type", type_, by_size ? "What to generate: transactions (default: customers, devices, transactions, fraud_labels), "
                                             "rides (customers, drivers, rides, driver_sessions) or all (every table, one world)."
                                           : "What to send: transactions (default: customers, devices, transactions, fraud_labels), "
                                             "rides (a ride when it is over) or all (both, interleaved in time order; one world).");
  cmd->add_option("--workers,-w", workers_, "Worker threads (default: the CPUs this process may use: its affinity "
                                               "mask, lowered by a cgroup CPU quota). Never changes the output.");
  cmd->add_option("--seed", seed_, "Random seed (0 to 2^64-1). When absent one is picked and recorded (in the manifest, or the "
                                 "stream's closing summary).");
  cmd->add_option("--fraud-rate", fraud_rate_, "Share of fraudulent transactions, and of fraudulent rides, 0 to 0.5 (default "
                                                "0.01). The manifest records the realised shares.")
      ->each([this](const std::string&) { fraud_rate_given_ = true; });
  cmd->add_option("--difficulty", difficulty_, "How much legitimate behaviour looks like fraud and fraud like legitimate "
                                               "behaviour: easy, realistic (default) or hard (docs/quality.md).");
  cmd->add_option("--calibration", calibration_, "JSON file overriding any rate of the --difficulty preset, and fraud_rate "
                                                 "unless --fraud-rate is given (docs/fraud-model.md).");
  if (by_size) {
    cmd->add_option("--start-date", start_date_, "First day, YYYY-MM-DD (default: 364 days before --end-date).");
    cmd->add_option("--end-date", end_date_, "Last day, YYYY-MM-DD (default: today in Brasília, or 364 days after --start-date).");
  } else {  // a stream: without an end date it has no end
    cmd->add_option("--start-date", start_date_, "First day, YYYY-MM-DD (default: 364 days before --end-date; without "
                                                 "--end-date the day of --start-at, else today in Brasília).");
    cmd->add_option("--end-date", end_date_, "Last day, YYYY-MM-DD. Without it the stream has no end: it runs until "
                                             "--max-events, --duration or a signal.");
  }
  cmd->add_flag("--no-profiles", no_profiles_, "Do not use behavioural profiles (global weights for everyone).");
  cmd->add_option("--dispatch-area-drivers", dispatch_area_drivers_,
                  "With rides: the most drivers a capital matches rides among (default " + std::to_string(kDispatchAreaDrivers) +
                      ", passed by Sao Paulo at about 1,420,000 customers). A capital with more is cut into dispatch areas of its "
                      "riders and drivers, matched apart, so a worker's memory for a day stays within an area's rides "
                      "however large the world. From " + std::to_string(kMinDispatchAreaDrivers) + ".")
      ->each([this](const std::string&) { dispatch_area_drivers_given_ = true; });
}

void WorldFlags::resolve(RunConfig& cfg) const {
  if (type_ != "transactions" && type_ != "rides" && type_ != "all")
    throw UsageError("--type '" + type_ + "' is not valid; accepted: transactions, rides, all");
  cfg.type = type_;
  if (!customers_.empty()) {
    if (size_given_) throw UsageError("--size and --customers cannot be used together; give one of them");
    auto n = parse_number<uint64_t>(customers_);
    if (!n || *n == 0 || *n > 1'000'000'000ULL)
      throw UsageError("--customers '" + customers_ + "' is not valid; accepted: a whole number from 1 to 1000000000");
    cfg.customers = *n;
  } else if (!by_size_) {
    cfg.customers = default_customers_;
  } else {
    auto bytes = parse_byte_size(size_);
    if (!bytes || *bytes < 1000)
      throw UsageError("--size '" + size_ + "' is not valid; accepted: a size of at least 1KB such as 500MB, 1GB, 2GiB "
                       "(KB/MB/GB/TB decimal, KiB/MiB/GiB/TiB binary)");
    cfg.size_bytes = *bytes;
  }

  const CpuBudget cpus = cpu_budget(affinity_cpu_count());
  cfg.workers = cpus.cpus;
  cfg.workers_source = cpus.source;
  if (!workers_.empty()) {
    auto w = parse_number<int>(workers_);
    if (!w || *w < 1 || *w > 1024) throw UsageError("--workers '" + workers_ + "' is not valid; accepted: 1 to 1024");
    cfg.workers = *w;
    cfg.workers_source = "--workers";
  }
  if (!seed_.empty()) {
    auto s = parse_number<uint64_t>(seed_);
    if (!s) throw UsageError("--seed '" + seed_ + "' is not valid; accepted: a whole number from 0 to 18446744073709551615");
    cfg.sim.seed = *s;
    cfg.seed_given = true;
  } else {
    std::random_device rd;
    cfg.sim.seed = (static_cast<uint64_t>(rd()) << 32) ^ rd();
  }
  auto rate = parse_number<double>(fraud_rate_);
  if (!rate || !(*rate >= 0.0 && *rate <= 0.5))
    throw UsageError("--fraud-rate '" + fraud_rate_ + "' is not valid; accepted: a number from 0 to 0.5 (the share of "
                     "fraudulent transactions), e.g. 0.01");
  cfg.sim.fraud_rate = *rate;
  auto difficulty = parse_difficulty(difficulty_);
  if (!difficulty) throw UsageError("--difficulty '" + difficulty_ + "' is not valid; accepted: easy, realistic or hard");
  cfg.sim.difficulty = *difficulty;
  cfg.sim.calibration = calibration_preset(*difficulty);
  if (!calibration_.empty()) {
    try {
      CalibrationFile file = load_calibration(calibration_, cfg.sim.calibration);
      cfg.sim.calibration = file.calibration;
      if (file.fraud_rate && !fraud_rate_given_) cfg.sim.fraud_rate = *file.fraud_rate;
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
    cfg.calibration_file = calibration_;
  }

  std::optional<int64_t> start, end;
  if (!start_date_.empty() && !(start = parse_iso_date(start_date_)))
    throw UsageError("--start-date '" + start_date_ + "' is not a date; accepted: YYYY-MM-DD, e.g. 2025-01-31");
  if (!end_date_.empty() && !(end = parse_iso_date(end_date_)))
    throw UsageError("--end-date '" + end_date_ + "' is not a date; accepted: YYYY-MM-DD, e.g. 2025-12-31");
  cfg.dates_given = start || end;
  if (!end) end = start ? *start + 364 : today_in_brasilia();
  if (!start) start = *end - 364;
  if (*end < *start) throw UsageError("--end-date " + format_date(*end) + " is before --start-date " + format_date(*start));
  if (*end - *start + 1 > kMaxDays) throw UsageError("the date range is longer than 10 years; accepted: at most 3660 days");
  cfg.sim.start_day = *start;
  cfg.sim.end_day = *end;
  cfg.sim.profiles = !no_profiles_;
  if (dispatch_area_drivers_given_) {
    auto n = parse_number<uint64_t>(dispatch_area_drivers_);
    if (!n || *n < kMinDispatchAreaDrivers || *n > kMaxDispatchAreaDrivers)
      throw UsageError("--dispatch-area-drivers '" + dispatch_area_drivers_ + "' is not valid; accepted: a whole number of drivers from " +
                       std::to_string(kMinDispatchAreaDrivers) + " to " + std::to_string(kMaxDispatchAreaDrivers));
    cfg.sim.dispatch_area_drivers = *n;
  }
}

}  // namespace fraudgen
