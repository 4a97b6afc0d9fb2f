// Recomputes every history feature of a transaction from the customer's earlier rows, as
// docs/schema.md defines them (and tests/e2e/history.test.mjs does in SQL), with no code of the
// simulator: windows [t - w, t] including the row itself, distinct ids over 7 days, the
// previous row's time and place, first use of a device, beneficiary or merchant.
#pragma once
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "fraudgen/validate/check_context.h"

namespace fraudgen::validate {

class HistoryCheck {
 public:
  explicit HistoryCheck(const CheckContext& ctx) : ctx_(ctx) {}
  // Rows of a customer must come in time order; all of them within one block.
  void check(const RowRef& row);
  // Forget every customer (at a block's end: its customers have no more rows).
  void clear() { customers_.clear(); }

 private:
  struct Past {
    int64_t ms, cents;
    uint64_t merchant, device, beneficiary;  // hashes of the ids; 0 = none
  };
  struct CustomerHistory {
    std::deque<Past> last_30d;
    bool any = false;
    int64_t last_ms = 0;
    bool any_out = false;  // the latest OUT row: the place an IN row keeps
    int64_t last_out_ms = 0;
    double last_out_lat = 0, last_out_lon = 0;
    double last_lat = 0, last_lon = 0;
  };

  const CheckContext& ctx_;
  std::unordered_map<uint64_t, CustomerHistory> customers_;
  std::vector<uint64_t> distinct_;  // scratch
};

}  // namespace fraudgen::validate
