// Text forms of typed values (JSONL and CSV) back to the column batch's representation.
#pragma once
#include <string_view>

#include "fraudgen/schema/column_batch.h"

namespace fraudgen {

// Appends `text` as column `c`'s value; on text that is not of the column's type, appends a
// null and returns false.
bool put_text_value(ColumnBatch& batch, int c, std::string_view text);
// What a column's text must look like, for reports.
std::string_view text_form_of(ColumnType type);

}  // namespace fraudgen
