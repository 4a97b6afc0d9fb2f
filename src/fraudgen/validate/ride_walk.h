// Walks the ride tables: the drivers table whole first (the accounts the rides name), then the
// rides in file order with the driver sessions read alongside. Both tables are written in blocks
// of one dispatch area and span of days, in the same block order, so the sessions a ride needs come
// by the end of its own block: a ride's account is looked up among the sessions read, and the
// sessions cursor moves on only until it holds one (or has passed the ride by a day).
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "fraudgen/validate/check_context.h"
#include "fraudgen/validate/driver_index.h"
#include "fraudgen/validate/driver_schedule.h"
#include "fraudgen/validate/recent_ids.h"
#include "fraudgen/validate/ride_conditions_check.h"
#include "fraudgen/validate/ride_history_check.h"
#include "fraudgen/validate/ride_label_check.h"
#include "fraudgen/validate/ride_market.h"
#include "fraudgen/validate/table_cursor.h"

namespace fraudgen::validate {

class RideWalk {
 public:
  // `cross_checks`: the dataset is whole, so the checks across rows and tables can run.
  RideWalk(const CheckContext& ctx, const RideMarket& market, bool cross_checks);
  void run();
  uint64_t rows() const { return rows_ + labels_.label_rows(); }
  const RideHistoryCheck& history() const { return history_; }

 private:
  void read_drivers();
  void process_ride(const RowRef& row);
  void absorb_session();  // checks the sessions cursor's row and moves it on
  void find_session(const RideFacts& facts);
  // Each driver account is in one dispatch area: its rides and sessions all name the area of its
  // first row. (So is each rider, which the tests check in SQL: a map of every rider would make
  // validate's memory grow with the customers.)
  struct FirstArea {
    int area;
    const std::string* file;
    uint64_t row;
  };
  void check_one_area(uint64_t account, int area, const RowRef& row, int column);

  const CheckContext& ctx_;
  const RideMarket& market_;
  bool cross_;
  DriverIndex drivers_;
  DriverSchedule schedule_;
  RideHistoryCheck history_;
  RideConditionsCheck conditions_;
  RideLabelCheck labels_;
  RecentIds ride_ids_, session_ids_;
  struct LastRequest {
    int64_t at = INT64_MIN;
  };
  PerArea<LastRequest> last_request_;  // per dispatch area, for the order of rows
  std::unordered_map<uint64_t, FirstArea> driver_area_;
  TableCursor driver_rows_, ride_rows_, session_rows_;
  uint64_t rows_ = 0;
};

}  // namespace fraudgen::validate
