// Ground truth: the six fraud columns of transactions and fraud_labels rows.
#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/sim/fraud_types.h"
#include "fraudgen/sim/quiet_taxonomy.h"
#include "fraudgen/validate/row_checks.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {

// The ground-truth columns of one row: all six set on a fraudulent row, none on a legitimate one,
// the type's taxonomy, FRD_ ids, 1-based steps, a report on or after the transaction's day.
// `first` is the fraud_type column; `timestamp` the row's timestamp column.
void check_ground_truth(const CheckContext& ctx, const RowRef& r, int first, int timestamp, bool fraudulent) {
  ctx.checked(Check::Labels);
  for (int c = first; c < first + 6; ++c)
    if (r.valid(c) != fraudulent) ctx.fail(Check::Labels, r, c, fraudulent ? "a value on a fraudulent row" : "null on a legitimate row");
  if (!fraudulent) return;
  if (r.valid(first) && r.valid(first + 4)) {
    // The taxonomy table of docs/fraud-model.md, plus QUIET on a quiet scenario's steps.
    const std::string_view taxonomy = r.str(first + 4);
    for (const FraudType& t : fraud_types())
      if (t.name == r.str(first) && !is_scenario_taxonomy(taxonomy, t.taxonomy))
        ctx.fail(Check::Labels, r, first + 4,
                 std::string(t.taxonomy) + " (or " + std::string(t.taxonomy) + std::string(kQuietTaxonomySuffix) + "), the taxonomy of " + std::string(t.name));
  }
  if (r.valid(first + 1) && !scenario_id_owner(r.str(first + 1)))
    ctx.fail(Check::Labels, r, first + 1, "FRD_ + 12 digits + - + a date as YYYYMMDD + - + 1 upper-case hex digit");
  if (r.valid(first + 3) && r.i(first + 3) < 1) ctx.fail(Check::Labels, r, first + 3, "a step of 1 or more");
  if (r.valid(first + 5) && r.valid(timestamp)) {
    const int64_t local_day = (r.i(timestamp) + kBrasiliaOffsetMillis) / kMillisPerDay;
    if (r.i(first + 5) < local_day) ctx.fail(Check::Labels, r, first + 5, "on or after the transaction's local date " + format_date(local_day));
  }
}

void check_label_row(const CheckContext& ctx, const RowRef& r) {
  namespace lc = label_col;
  ctx.checked(Check::IdFormats);
  if (r.valid(lc::transaction_id) && !(r.str(lc::transaction_id).size() == 24 && r.str(lc::transaction_id).starts_with("TXN_") && all_hex(r.str(lc::transaction_id).substr(4), true)))
    ctx.fail(Check::IdFormats, r, lc::transaction_id, "TXN_ + 20 upper-case hex digits");
  if (r.valid(lc::customer_id) && !numbered_id(r.str(lc::customer_id), "CUST_", 12))
    ctx.fail(Check::IdFormats, r, lc::customer_id, "CUST_ + 12 digits");
  check_ground_truth(ctx, r, lc::fraud_type, lc::timestamp, true);
}

}  // namespace fraudgen::validate
