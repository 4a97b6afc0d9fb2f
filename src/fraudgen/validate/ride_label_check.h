// The ground truth of rides: is_fraud and the fraud columns agree, the taxonomy and role are the
// type's, scenario ids are well formed and start no later than the ride, reports come after it;
// ride_fraud_labels holds exactly the fraudulent rides, in the rides' order, with their values;
// and the counts equal the manifest's ride_fraud section.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "fraudgen/validate/check_context.h"
#include "fraudgen/validate/ride_facts.h"
#include "fraudgen/validate/table_cursor.h"

namespace fraudgen::validate {

class RideLabelCheck {
 public:
  // `whole`: every file of the dataset is here, so the labels table and the counts are checked.
  RideLabelCheck(const CheckContext& ctx, bool whole);
  void check(const RowRef& ride, const RideFacts& facts);
  void finish();
  uint64_t label_rows() const { return label_rows_; }

 private:
  const CheckContext& ctx_;
  bool whole_;
  TableCursor labels_;
  uint64_t rides_ = 0, fraudulent_ = 0, label_rows_ = 0;
  std::map<std::string, uint64_t> by_type_;
};

}  // namespace fraudgen::validate
