// Writes simulated transactions into a column batch.
#pragma once
#include <span>

#include "fraudgen/schema/column_batch.h"
#include "fraudgen/sim/transaction.h"

namespace fraudgen {

void write_transaction_row(ColumnBatch& batch, const SimContext& ctx, const Customer& c, const Transaction& t);

}  // namespace fraudgen
