// The taxonomy a fraudulent row carries: its type's, plus QUIET when the scenario was done quietly
// (ride_quiet_fraud.share, quiet_fraud.share). Banking and ride rows write and check it alike.
#pragma once
#include <string_view>

#include "fraudgen/core/text.h"
#include "fraudgen/schema/column_batch.h"
#include "fraudgen/sim/fraud_types.h"

namespace fraudgen {

// Row: a ColumnBatch or a RowWriter.
template <typename Row>
void put_scenario_taxonomy(Row& b, int col, std::string_view type_taxonomy, bool quiet) {
  if (!quiet) {
    b.put_str(col, type_taxonomy);
    return;
  }
  char* p = b.begin_str(col, type_taxonomy.size() + kQuietTaxonomySuffix.size());
  b.commit_str(col, write_text(write_text(p, type_taxonomy), kQuietTaxonomySuffix));
}

// Whether `value` is a taxonomy a scenario of that type may carry.
inline bool is_scenario_taxonomy(std::string_view value, std::string_view type_taxonomy) {
  return value == type_taxonomy || (value.starts_with(type_taxonomy) && value.substr(type_taxonomy.size()) == kQuietTaxonomySuffix);
}

}  // namespace fraudgen
