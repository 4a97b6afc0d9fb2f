// What happens to a customer over a window of days, gathered from draws keyed by (customer, day):
// the devices first used in it, the trips taken, the fraud scenarios with a step in it. Nothing
// depends on the window's bounds except which days it gathers, so a day simulated in a window of
// a year and the same day simulated alone (with kLookbackDays before it) come out the same.
#pragma once
#include <cstdint>

#include "fraudgen/sim/customer.h"

namespace fraudgen {

// The days before a date that its rows depend on. History features look back 30 days
// (history.h), and one of them reaches further: the distance from the previous transaction,
// when that one is an inflow, takes the inflow's place, which is the customer's own latest
// transaction of the 30 days before the inflow (timeline.cpp). So a day needs the 60 days before
// it, and a window two days longer covers every partial day at both ends.
inline constexpr int64_t kLookbackDays = 62;

// Fills the window part of `c` (fresh from make_customer) for local dates [first_day, last_day].
void open_window(const SimContext& ctx, Customer& c, int64_t first_day, int64_t last_day);

// Whether Customer::devices[slot] is one the devices table of the window lists: first used by
// the window's last day (a device of the last half-year may come later). The table lists the
// profile's devices, the customer's new ones and the attackers' of scenarios with a step in or
// after the window, first used by its last day.
inline bool device_listed(const Customer& c, size_t slot) { return c.devices[slot].first_use_day <= c.window_last_day; }

// Customers start using new devices by half-years from the first date: the half-year of a date
// (-1 before the first date), and the new devices of half-years [first, last] (devices the
// window lists are among them).
int64_t device_period(const SimContext& ctx, int64_t day);
void append_new_own_devices(const SimContext& ctx, const Customer& c, int64_t first_period, int64_t last_period, std::vector<Device>& out);

// The devices a scenario's attackers bring to the account, first used device_lead_days before it.
void append_attacker_devices(const SimContext& ctx, const Customer& c, const FraudScenario& s, std::vector<Device>& out);

// The 32-bit code of a device, unique among the customer's devices: the profile's devices are
// 0-2; a new own device is the j-th of half-year `period`; an attacker's is the j-th device of
// scenario k started on `day`.
uint32_t initial_device_code(int slot);
uint32_t new_device_code(int64_t period, int j);
uint32_t attacker_device_code(const SimContext& ctx, int64_t day, int k, int j);

// The 8 hex digits after the customer number in a device id: a keyed bijection of the code, so
// ids say nothing of where a device came from.
uint32_t device_id_suffix(uint64_t seed, uint32_t code);

}  // namespace fraudgen
