// Writes simulated transactions into a column batch.
#pragma once
#include <span>

#include "fraudgen/schema/column_batch.h"
#include "fraudgen/sim/transaction.h"

namespace fraudgen {

// Marks the String columns write_transaction_row fills with keyed strings; call once per batch.
void mark_keyed_transaction_columns(ColumnBatch& batch);

// Fills a row made by ColumnBatch::add_rows.
void write_transaction_row(RowWriter row, const SimContext& ctx, const Customer& c, const Transaction& t);
// The fraud_labels row of a fraudulent transaction.
void write_fraud_label_row(ColumnBatch& batch, const SimContext& ctx, const Customer& c, const Transaction& t);

}  // namespace fraudgen
