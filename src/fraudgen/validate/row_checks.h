// Checks that need one row and the reference tables only, per table.
#pragma once
#include "fraudgen/validate/check_context.h"

namespace fraudgen::validate {

void check_customer_row(const CheckContext& ctx, const RowRef& row);
void check_device_row(const CheckContext& ctx, const RowRef& row);
void check_transaction_row(const CheckContext& ctx, const RowRef& row);
void check_label_row(const CheckContext& ctx, const RowRef& row);
// Nulls in non-null columns and enum values outside their vocabulary (any table).
void check_schema_row(const CheckContext& ctx, const RowRef& row, const TableSchema& schema);
// The six ground-truth columns starting at `first` (transactions and fraud_labels).
void check_ground_truth(const CheckContext& ctx, const RowRef& row, int first, int timestamp, bool fraudulent);
// The municipality of the IBGE code in column `ibge`, with the name and state columns agreeing
// with it (customers' address, a transaction's place); null when the code is null or unknown.
const Municipality* check_municipality(const CheckContext& ctx, const RowRef& row, int ibge, int name, int state);

}  // namespace fraudgen::validate
