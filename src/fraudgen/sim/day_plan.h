// How many transactions of each kind a customer makes and receives on one local date: the first
// draws of that date, so the planner counts rows without simulating them, and the timeline
// simulates exactly the rows counted.
#pragma once
#include <array>
#include <cstdint>

#include "fraudgen/sim/customer.h"

namespace fraudgen {

struct DayPlan {
  static constexpr int kMaxGroups = 24;  // buyers' groups in one day; more are not drawn
  uint32_t outgoing = 0;  // legitimate outgoing transactions at the profile's hours
  uint32_t burst = 0;     // a business's payments within one hour: 0 or 5-12
  bool salary = false;    // the salary or pension lands today
  uint32_t family = 0, refunds = 0;
  uint32_t groups = 0;    // a business's buyers, alone or in rushes
  std::array<uint8_t, kMaxGroups> group_sizes{};
  uint32_t inflows() const {
    uint32_t n = static_cast<uint32_t>(salary) + family + refunds;
    for (uint32_t g = 0; g < groups; ++g) n += group_sizes[g];
    return n;
  }
  uint32_t legitimate() const { return outgoing + burst + inflows(); }
};

DayPlan plan_day(const SimContext& ctx, const Customer& c, int64_t day);

// The customer's expected legitimate transactions (both directions) on a day of average weight.
double expected_legitimate_per_day(const SimContext& ctx, const Customer& c);

}  // namespace fraudgen
