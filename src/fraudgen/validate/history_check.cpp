#include "fraudgen/validate/history_check.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "fraudgen/format/value_writer.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {
namespace {

namespace col = tx_col;

constexpr int64_t kHour = 3'600'000, kDay = 24 * kHour;
constexpr int64_t kWindows[5] = {kHour, 6 * kHour, kDay, 7 * kDay, 30 * kDay};
// distance_from_last_txn_km is rounded to 3 decimals: one rounding step of slack.
constexpr double kDistanceSlackKm = 0.0011;

uint64_t id_key(const RowRef& r, int c) {
  if (!r.valid(c)) return 0;
  return std::hash<std::string_view>()(r.str(c)) | 1;  // never 0, which means "none"
}

std::string cents_text(int64_t cents) {
  char buf[32];
  return std::string(buf, write_cents(buf, cents));
}

std::string double_text(double v) {
  char buf[40];
  return std::string(buf, write_double(buf, v));
}

}  // namespace

void HistoryCheck::check(const RowRef& r) {
  if (!r.valid(col::customer_id) || !r.valid(col::timestamp) || !r.valid(col::amount)) return;
  ctx_.checked(Check::History);
  auto fail = [&](int c, std::string expected) { ctx_.fail(Check::History, r, c, std::move(expected)); };
  CustomerHistory& h = customers_[std::hash<std::string_view>()(r.str(col::customer_id))];
  const int64_t t = r.i(col::timestamp), cents = r.i(col::amount);
  if (h.any && t <= h.last_ms)
    ctx_.fail(Check::Layout, r, col::timestamp, "later than the customer's previous transaction (rows sorted by time in a block)");
  while (!h.last_30d.empty() && h.last_30d.front().ms < t - kWindows[4]) h.last_30d.pop_front();

  const uint64_t merchant = id_key(r, col::merchant_id), device = id_key(r, col::device_id);
  // The windows are nested, so one walk back from the newest row serves all five.
  auto it = h.last_30d.rbegin();
  int64_t count = 1, sum = cents;
  for (int w = 0; w < 5; ++w) {
    for (; it != h.last_30d.rend() && it->ms >= t - kWindows[w]; ++it) {
      ++count;
      sum += it->cents;
    }
    if (r.valid(col::velocity_transactions_1h + w) && r.i(col::velocity_transactions_1h + w) != count)
      fail(col::velocity_transactions_1h + w, std::to_string(count) + " transactions in the window, this one included");
    if (r.valid(col::accumulated_amount_1h + w) && r.i(col::accumulated_amount_1h + w) != sum)
      fail(col::accumulated_amount_1h + w, cents_text(sum) + ", the sum of amount in the window");
  }
  // Distinct non-null merchants and devices in [t - 7 d, t].
  for (int which = 0; which < 2; ++which) {
    distinct_.clear();
    const uint64_t own = which == 0 ? merchant : device;
    if (own) distinct_.push_back(own);
    for (auto it = h.last_30d.rbegin(); it != h.last_30d.rend() && it->ms >= t - kWindows[3]; ++it) {
      const uint64_t k = which == 0 ? it->merchant : it->device;
      if (k) distinct_.push_back(k);
    }
    std::sort(distinct_.begin(), distinct_.end());
    const int64_t n = std::unique(distinct_.begin(), distinct_.end()) - distinct_.begin();
    const int c = which == 0 ? col::velocity_unique_merchants_7d : col::velocity_unique_devices_7d;
    if (r.valid(c) && r.i(c) != n) fail(c, std::to_string(n) + std::string(which == 0 ? " distinct merchant_id" : " distinct device_id") + " in 7 days");
  }

  // The previous transaction: null when there was none in the 30 days before.
  const bool coords = r.valid(col::geolocation_lat) && r.valid(col::geolocation_lon);
  const bool inflow = r.valid(col::direction) && r.str(col::direction) == "IN";
  // An IN row carries the place of the customer's latest OUT row of the 30 days before.
  if (coords && inflow && h.any_out && t - h.last_out_ms <= kWindows[4] &&
      (r.d(col::geolocation_lat) != h.last_out_lat || r.d(col::geolocation_lon) != h.last_out_lon))
    ctx_.fail(Check::Directions, r, col::geolocation_lat, "the coordinates of the latest OUT transaction (" + double_text(h.last_out_lat) + ", " +
                                                            double_text(h.last_out_lon) + "): an IN row keeps the last known place");
  if (!h.any || t - h.last_ms > kWindows[4]) {
    if (r.valid(col::time_since_last_txn_min)) fail(col::time_since_last_txn_min, "null: no transaction of the customer in the 30 days before");
    if (r.valid(col::distance_from_last_txn_km)) fail(col::distance_from_last_txn_km, "null: no transaction of the customer in the 30 days before");
  } else {
    const double minutes = static_cast<double>(t - h.last_ms) / 60000.0;
    if (!r.valid(col::time_since_last_txn_min) || r.d(col::time_since_last_txn_min) != minutes)
      fail(col::time_since_last_txn_min, double_text(minutes) + " minutes since the previous transaction");
    if (coords) {
      const double km = std::round(haversine_km(h.last_lat, h.last_lon, r.d(col::geolocation_lat), r.d(col::geolocation_lon)) * 1000.0) / 1000.0;
      if (!r.valid(col::distance_from_last_txn_km) || !(std::abs(r.d(col::distance_from_last_txn_km) - km) <= kDistanceSlackKm))
        fail(col::distance_from_last_txn_km, double_text(km) + " km from the previous transaction's coordinates");
    }
  }

  // New: no transaction of the 30 days before (the rows kept in last_30d) has the id; null without one.
  const uint64_t beneficiary = inflow ? 0 : id_key(r, col::beneficiary_id);
  auto new_in_30d = [&](int id_col, int flag_col, uint64_t k, uint64_t Past::*member) {
    if (!k) {
      if (r.valid(flag_col)) fail(flag_col, "null, as " + std::string(r.name(id_col)));
      return;
    }
    const bool fresh = std::none_of(h.last_30d.begin(), h.last_30d.end(), [&](const Past& p) { return p.*member == k; });
    if (!r.valid(flag_col) || (r.i(flag_col) != 0) != fresh)
      fail(flag_col, fresh ? "true: no transaction of the customer in the 30 days before has this " + std::string(r.name(id_col))
                           : "false: a transaction of the customer in the 30 days before has this " + std::string(r.name(id_col)));
  };
  new_in_30d(col::device_id, col::device_new_for_customer, device, &Past::device);
  new_in_30d(col::beneficiary_id, col::new_beneficiary, beneficiary, &Past::beneficiary);
  new_in_30d(col::merchant_id, col::new_merchant, merchant, &Past::merchant);

  h.last_30d.push_back({t, cents, merchant, device, beneficiary});
  h.any = true;
  h.last_ms = t;
  if (coords) {
    h.last_lat = r.d(col::geolocation_lat);
    h.last_lon = r.d(col::geolocation_lon);
    if (!inflow) {
      h.any_out = true;
      h.last_out_ms = t;
      h.last_out_lat = h.last_lat;
      h.last_out_lon = h.last_lon;
    }
  }
}

}  // namespace fraudgen::validate
