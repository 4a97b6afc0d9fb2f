// Writes customers and their devices into column batches.
#pragma once
#include "fraudgen/schema/column_batch.h"
#include "fraudgen/sim/customer.h"

namespace fraudgen {

void write_customer_row(ColumnBatch& batch, const SimContext& ctx, const Customer& c);
void write_device_rows(ColumnBatch& batch, const SimContext& ctx, const Customer& c);
// "CUST_000000000042" and "DEV_000000000421" (customer number x 10 + slot).
char* write_customer_id(char* out, uint64_t customer_index);
char* write_device_id(char* out, uint64_t customer_index, int slot);

}  // namespace fraudgen
