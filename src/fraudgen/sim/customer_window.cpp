#include "fraudgen/sim/customer_window.h"

#include <algorithm>
#include <limits>

#include "fraudgen/sim/fraud_plan.h"
#include "fraudgen/sim/fraud_scenario.h"
#include "fraudgen/sim/profiles.h"
#include "fraudgen/sim/transaction_parts.h"

namespace fraudgen {
namespace {

enum Purpose : uint64_t { kNewDevices = 1, kTrip = 2 };
// Customers change devices by half-years: up to two new ones in each, in use for four years.
constexpr int64_t kPeriodDays = 182, kPeriodsInUse = 8;
constexpr int kMaxNewPerPeriod = 2;
// Attacker device codes: the scenario's day relative to the first date, offset to stay positive.
constexpr int64_t kDayBias = int64_t{1} << 20;


void add_new_own_devices(const SimContext& ctx, Customer& c, int64_t first_day, int64_t last_day) {
  // The devices of the last four years are in use.
  append_new_own_devices(ctx, c, std::max<int64_t>(0, device_period(ctx, first_day) - (kPeriodsInUse - 1)), device_period(ctx, last_day),
                         c.devices);
}

void add_trips(const SimContext& ctx, Customer& c, int64_t first_day, int64_t last_day) {
  const SimConfig& cfg = ctx.config();
  const ReferenceData& ref = ctx.ref();
  const Profile& prof = profile_or_default(c.profile);
  const double per_year = (prof.name == "business_owner" ? 8 : prof.name == "high_spender" ? 6 : 2) * cfg.calibration.trips_per_year_scale;
  const double per_day = per_year / 365.2425;
  for (int64_t day = std::max(cfg.start_day, first_day - (kMaxTripDays - 1)); day <= last_day; ++day) {
    Rng trip(cfg.seed, EntityKind::Trip, c.index, static_cast<uint64_t>(day));
    if (!trip.chance(per_day)) continue;
    const uint32_t dest_state = trip.chance(0.55) ? c.state : ref.state_sampler.sample(trip);
    const State& ds = ref.states[dest_state];
    const uint32_t dest = ds.municipalities[ds.municipality_sampler.sample(trip)];
    if (dest == c.municipality) continue;
    c.trips.push_back({day, day + trip.range(0, kMaxTripDays - 1), dest});
  }
}

void add_scenarios(const SimContext& ctx, Customer& c, int64_t first_day, int64_t last_day) {
  std::vector<FraudScenario> started;
  for (int64_t day = first_day - ctx.scenario_lookback_days(); day <= last_day; ++day) {
    started.clear();
    scenarios_started(ctx, c, day, started);
    for (FraudScenario& s : started) {
      const std::vector<int64_t> steps = scenario_step_times(ctx, c, s);
      s.steps_in_window = static_cast<int>(std::count_if(steps.begin(), steps.end(), [&](int64_t local_ms) {
        const int64_t d = local_ms / kMillisPerDay;
        return d >= first_day && d <= last_day;
      }));
      if (s.steps_in_window == 0) {
        // Under way, its next step after the window: its devices were seen on the account already.
        if (steps.back() / kMillisPerDay > last_day && s.day - s.device_lead_days <= last_day) append_attacker_devices(ctx, c, s, c.devices);
        continue;
      }
      for (int j = 0; j < s.attacker_devices; ++j) s.device_slots[static_cast<size_t>(j)] = static_cast<int16_t>(c.devices.size() + j);
      append_attacker_devices(ctx, c, s, c.devices);
      c.scenarios.push_back(s);
    }
  }
  // Attackers' devices seen on the account by the last day, before a scenario that starts after
  // it (an aged device, first used up to 30 days before): listed, though no row of the window uses them.
  for (int64_t day = last_day + 1; day <= last_day + kMaxDeviceLeadDays; ++day) {
    started.clear();
    scenarios_started(ctx, c, day, started);
    for (const FraudScenario& s : started)
      if (s.day - s.device_lead_days <= last_day) append_attacker_devices(ctx, c, s, c.devices);
  }
}

}  // namespace

int64_t device_period(const SimContext& ctx, int64_t day) {
  const int64_t offset = day - ctx.config().start_day;
  return offset >= 0 ? offset / kPeriodDays : -1;
}

void append_new_own_devices(const SimContext& ctx, const Customer& c, int64_t first_period, int64_t last_period, std::vector<Device>& out) {
  const SimConfig& cfg = ctx.config();
  const double mean = cfg.calibration.new_devices_per_year * static_cast<double>(kPeriodDays) / 365.2425;
  for (int64_t p = std::max<int64_t>(0, first_period); p <= last_period; ++p) {
    Rng r = customer_day_rng(cfg.seed, c.index, kNewDevices, p);
    const int count = static_cast<int>(std::min<uint64_t>(kMaxNewPerPeriod, r.poisson(mean)));
    const int64_t period_start = cfg.start_day + p * kPeriodDays;
    for (int j = 0; j < count; ++j) {
      // Never on the first date itself: a device new that day would be one of the profile's.
      const int64_t first_use = period_start + r.range(p == 0 ? 1 : 0, kPeriodDays - 1);
      Device d = make_new_own_device(ctx, c, new_device_code(p, j), first_use);
      d.last_use_day = period_start + kPeriodsInUse * kPeriodDays - 1;
      out.push_back(d);
    }
  }
}

void append_attacker_devices(const SimContext& ctx, const Customer& c, const FraudScenario& s, std::vector<Device>& out) {
  for (int j = 0; j < s.attacker_devices; ++j)
    out.push_back(make_attacker_device(ctx, c.index, attacker_device_code(ctx, s.day, s.k, j), s.day - s.device_lead_days));
}

uint32_t initial_device_code(int slot) { return static_cast<uint32_t>(slot); }

uint32_t new_device_code(int64_t period, int j) {
  return (uint32_t{1} << 30) | (static_cast<uint32_t>(period) << 1) | static_cast<uint32_t>(j);
}

uint32_t attacker_device_code(const SimContext& ctx, int64_t day, int k, int j) {
  const auto offset = static_cast<uint32_t>(day - ctx.config().start_day + kDayBias);
  return (uint32_t{2} << 30) | (offset << 6) | (static_cast<uint32_t>(k) << 2) | static_cast<uint32_t>(j);
}

uint32_t device_id_suffix(uint64_t seed, uint32_t code) {
  // Four Feistel rounds over 16-bit halves: a bijection of the 32-bit codes, keyed by the seed.
  uint32_t left = code >> 16, right = code & 0xFFFF;
  for (uint64_t round = 0; round < 4; ++round) {
    const uint32_t f = static_cast<uint32_t>(hash_combine(hash_combine(mix64(seed ^ 0xDE71CEULL), round), right)) & 0xFFFF;
    const uint32_t next = left ^ f;
    left = right;
    right = next;
  }
  return (left << 16) | right;
}

void open_window(const SimContext& ctx, Customer& c, int64_t first_day, int64_t last_day) {
  first_day = std::max(first_day, ctx.config().start_day);  // nothing happens before the first date
  c.window_first_day = first_day;
  c.window_last_day = last_day;
  c.devices.resize(static_cast<size_t>(c.initial_device_count));
  c.trips.clear();
  c.scenarios.clear();
  add_new_own_devices(ctx, c, first_day, last_day);
  c.own_device_count = static_cast<int>(c.devices.size());
  add_trips(ctx, c, first_day, last_day);
  add_scenarios(ctx, c, first_day, last_day);
}

}  // namespace fraudgen
